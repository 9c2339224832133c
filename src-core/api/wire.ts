/**
 * JSON encoding for API values that plain JSON loses: `Uint8Array` (DER bytes) and `Date`.
 * Used by web mode on both ends; IPC needs none of it (structured clone keeps both types).
 */
import { base64ToBytes, bytesToBase64 } from '../bytes/base64';

interface TaggedBytes {
  $bytes: string;
}
interface TaggedDate {
  $date: string;
}

export function encodeWire(value: unknown): string {
  return JSON.stringify(value, function replacer(this: Record<string, unknown>, key: string, plain: unknown) {
    // `this[key]` is the value before Date.prototype.toJSON ran.
    const original = this[key];
    if (original instanceof Uint8Array) return { $bytes: bytesToBase64(original) } satisfies TaggedBytes;
    if (original instanceof Date) return { $date: original.toISOString() } satisfies TaggedDate;
    return plain;
  });
}

export function decodeWire(text: string): unknown {
  return JSON.parse(text, (_key, value: unknown) => {
    if (value && typeof value === 'object' && !Array.isArray(value)) {
      const tagged = value as Partial<TaggedBytes & TaggedDate>;
      const keys = Object.keys(value);
      if (keys.length === 1 && typeof tagged.$bytes === 'string') return base64ToBytes(tagged.$bytes);
      if (keys.length === 1 && typeof tagged.$date === 'string') return new Date(tagged.$date);
    }
    return value;
  });
}
