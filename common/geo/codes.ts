/** Grid codes (DOMAIN-RULES §1, CJ/T 349 style): the community's code followed by a 2-digit number. */

export const GRID_CODE_PATTERN = /^[A-Za-z0-9_-]{1,40}$/;

/** The next `n` free grid codes of a community: community code + 01…99, skipping codes in use. */
export function nextGridCodes(communityCode: string, taken: Iterable<string>, n: number): string[] {
  const used = new Set(taken);
  const out: string[] = [];
  for (let i = 1; i <= 99 && out.length < n; i++) {
    const code = communityCode + String(i).padStart(2, '0');
    if (!used.has(code)) out.push(code);
  }
  return out;
}
