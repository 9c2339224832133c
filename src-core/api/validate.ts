/** Small argument checkers for the API contract: types and sizes, nothing clever. */

export class ApiArgumentError extends Error {
  override name = 'ApiArgumentError';
}

export function expectArgs(args: unknown[], count: number): void {
  if (!Array.isArray(args) || args.length !== count) {
    throw new ApiArgumentError(
      `expected ${count} argument(s), got ${Array.isArray(args) ? args.length : 'none'}`,
    );
  }
}

export function expectString(value: unknown, what: string, maxLength = 4096): string {
  if (typeof value !== 'string') throw new ApiArgumentError(`${what} must be a string`);
  if (value.length > maxLength) throw new ApiArgumentError(`${what} is longer than ${maxLength} characters`);
  return value;
}

export function expectBytes(value: unknown, what: string, maxBytes: number): Uint8Array {
  if (!(value instanceof Uint8Array)) throw new ApiArgumentError(`${what} must be bytes`);
  if (value.byteLength > maxBytes) throw new ApiArgumentError(`${what} is larger than ${maxBytes} bytes`);
  return value;
}

export function expectObject(value: unknown, what: string): Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new ApiArgumentError(`${what} must be an object`);
  }
  return value as Record<string, unknown>;
}
