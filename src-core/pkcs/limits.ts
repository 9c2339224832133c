import { DerError } from '../asn1/der';
/** Caps that keep hostile files from hanging the reader. */

export const cryptoLimits = {
  /**
   * Largest iteration count accepted in any one KDF / PBKDF2 parameter set — checked when the
   * parameters are read, before anything (our code or OpenSSL) runs them. Real files stay far
   * below: OpenSSL writes 2,048, Windows 2,000, NSS 2,000, Java 10,000 (50,000 and 100,000 for
   * its MAC before JDK 12), and tools that follow OWASP's 2023 PBKDF2-HMAC-SHA256 advice 600,000.
   * Java itself refuses files above 5,000,000; .NET above 600,000 when the password is unknown.
   */
  maxIterations: 1_000_000,
  /**
   * Total hash iterations (SHA-256 equivalents) one file may make us run, over all bags and every
   * password form tried: about four seconds of JS hashing (@noble/hashes, ~1 µs a round) at worst.
   */
  maxTotalIterations: 4_000_000,
  /** Largest derived key or salt we accept. */
  maxSaltBytes: 1024,
};

/** Counts the expensive work one read may do; throws once the budget is spent. */
export class WorkBudget {
  private spent = 0;
  constructor(readonly limit = cryptoLimits.maxTotalIterations) {}

  spend(iterations: number, what: string): void {
    this.spent += iterations;
    if (this.spent > this.limit) {
      throw new DerError(
        `${what}: this file asks for more than ${this.limit.toLocaleString('en-US')} key-derivation iterations in total`,
        undefined,
        'too-large',
      );
    }
  }
}
