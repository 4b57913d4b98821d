/** Escapes %, _ and \ so that text is matched literally by LIKE / ILIKE (the default escape is \). */
export function escapeLike(s: string): string {
  return s.replace(/[\\%_]/g, (c) => '\\' + c);
}
