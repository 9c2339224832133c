/**
 * The typed errors of the PKCS#12 / private-key readers. Every failure on hostile bytes ends as one
 * of these, with a plain message (never key material) and, where known, the byte offset in the file.
 */

export type DecodeStructureCode = 'malformed' | 'unsupported' | 'too-large' | 'too-many';

export class DecodeStructureError extends Error {
  override name = 'DecodeStructureError';
  constructor(
    message: string,
    /** Byte offset in the input file, when the failure is in bytes we can place (not in decrypted data). */
    readonly offset?: number,
    /** Same vocabulary as the decoder's `DecodeError.code`. */
    readonly code: DecodeStructureCode = 'malformed',
  ) {
    super(message);
  }
}

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
