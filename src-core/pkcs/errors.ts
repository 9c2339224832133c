/**
 * A password problem of the PKCS#12 / private-key readers (every other failure on hostile bytes is
 * a `DerError`, with a plain message — never key material — and, where known, the file offset).
 */

export type PasswordProblem = 'password-required' | 'wrong-password';

/** A password is needed, or the one given is wrong. Subclasses name what it protects. */
export class PasswordError extends Error {
  override name = 'PasswordError';
  constructor(
    readonly reason: PasswordProblem,
    message: string,
  ) {
    super(message);
  }
}
