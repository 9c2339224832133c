/** A probe that could not finish: what went wrong, and what the server had sent by then. */
import type { ProbeErrorCode, ProbeFailure } from '../../../src-core/tls/types';

export class ProbeError extends Error implements ProbeFailure {
  override name = 'ProbeError';
  constructor(
    readonly code: ProbeErrorCode,
    message: string,
    readonly partial?: ProbeFailure['partial'],
  ) {
    super(message);
  }
}
