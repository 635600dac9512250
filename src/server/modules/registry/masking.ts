/**
 * Masking of residents' personal data. Lists, details and exports show masked values to every
 * role; the full value only comes from the audited reveal action.
 */

/** `13812341234` -> `138****1234`. Anything that is not an 11-digit number keeps only its last 4. */
export function maskPhone(phone: string): string {
  if (/^\d{11}$/.test(phone)) return `${phone.slice(0, 3)}****${phone.slice(-4)}`;
  return phone.length <= 4 ? '*'.repeat(phone.length) : `${'*'.repeat(phone.length - 4)}${phone.slice(-4)}`;
}

/** `320102199001011234` -> `320***********1234`; short numbers keep only their first and last character. */
export function maskIdNumber(id: string | null): string | null {
  if (id === null) return null;
  if (id.length >= 10) return `${id.slice(0, 3)}${'*'.repeat(id.length - 7)}${id.slice(-4)}`;
  if (id.length <= 2) return '*'.repeat(id.length);
  return `${id[0]}${'*'.repeat(id.length - 2)}${id.slice(-1)}`;
}
