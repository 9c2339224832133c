/** The options' validation date is typed as the app writes dates: YYYY-MM-DD, a real day, else nothing. */
import { describe, expect, it } from 'vitest';
import { parseValidationDate } from '../../src-renderer/src/composables/probeRequest';

describe('validation date', () => {
  it('reads YYYY-MM-DD as noon UTC that day', () => {
    expect(parseValidationDate('2030-01-31')?.toISOString()).toBe('2030-01-31T12:00:00.000Z');
    expect(parseValidationDate(' 2099-01-01 ')?.toISOString()).toBe('2099-01-01T12:00:00.000Z');
  });

  it('refuses the browser-locale forms and days that do not exist', () => {
    for (const text of ['01/31/2030', '31.01.2030', '2030-1-31', '2030-02-30', '2030-13-01', 'tomorrow', ''])
      expect(parseValidationDate(text), text).toBeUndefined();
  });
});
