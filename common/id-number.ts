/** Resident ID numbers (GB 11643-1999): 17 digits + a check character from ISO 7064 MOD 11-2. */

const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const CHECK = '10X98765432';

/** The check character for the first 17 digits. */
export function idCheckChar(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * WEIGHTS[i]!;
  return CHECK[sum % 11]!;
}

export type IdNumberProblem = 'format' | 'birth_date' | 'checksum';

/** Why an ID number is invalid, or null when it is valid (18 characters, a real birth date, right check). */
export function idNumberProblem(raw: string): IdNumberProblem | null {
  const id = raw.trim().toUpperCase();
  if (!/^\d{17}[\dX]$/.test(id)) return 'format';
  const y = Number(id.slice(6, 10));
  const m = Number(id.slice(10, 12));
  const d = Number(id.slice(12, 14));
  const date = new Date(Date.UTC(y, m - 1, d));
  if (y < 1880 || date.getUTCFullYear() !== y || date.getUTCMonth() !== m - 1 || date.getUTCDate() !== d) return 'birth_date';
  if (date.getTime() > Date.now()) return 'birth_date';
  if (idCheckChar(id) !== id[17]) return 'checksum';
  return null;
}

/** Birth date (YYYY-MM-DD) and sex encoded in a valid ID number. */
export function idNumberFacts(id: string): { birthDate: string; gender: 'M' | 'F' } {
  const birthDate = `${id.slice(6, 10)}-${id.slice(10, 12)}-${id.slice(12, 14)}`;
  return { birthDate, gender: Number(id[16]) % 2 === 1 ? 'M' : 'F' };
}

/** Builds a valid ID number from a 6-digit area code, a birth date and a 3-digit sequence (demo data, tests). */
export function makeIdNumber(area: string, birthDate: string, seq: number): string {
  const first17 = area + birthDate.replace(/-/g, '') + String(seq % 1000).padStart(3, '0');
  return first17 + idCheckChar(first17);
}
