/** Masking of personal data for display. The raw value never leaves the server unless revealed. */

export const PERSONAL_FIELDS = ['idNumber', 'phone', 'health', 'disability', 'income'] as const;
export type PersonalField = (typeof PERSONAL_FIELDS)[number];

/** A masked form that keeps just enough to tell records apart. */
export function maskValue(field: PersonalField, value: string | null): string | null {
  if (value == null || value === '') return value;
  switch (field) {
    case 'idNumber':
      return value.length >= 10 ? value.slice(0, 4) + '*'.repeat(value.length - 8) + value.slice(-4) : '****';
    case 'phone':
      return value.length >= 7 ? value.slice(0, 3) + '****' + value.slice(-4) : '****';
    default:
      return '******';
  }
}
