/** Date formatting lives in the renderer: the model keeps `Date`s, the UI decides how they read. */

export function formatDate(date: Date): string {
  return date.toISOString().slice(0, 10);
}

export function formatDateTime(date: Date): string {
  return date
    .toISOString()
    .replace('T', ' ')
    .replace(/\.\d+Z$/, ' UTC');
}

export type ValidityState = 'valid' | 'expired' | 'not-yet-valid';

export function validityState(notBefore: Date, notAfter: Date, at: Date = new Date()): ValidityState {
  if (at < notBefore) return 'not-yet-valid';
  if (at > notAfter) return 'expired';
  return 'valid';
}
