/**
 * File systems that fail like real ones, for the atomic writer (`WriteFs`): a full disk after some
 * bytes are already written, a read-only or unwritable folder refusing the create.
 */
import { open, rename, rm } from 'node:fs/promises';
import type { WriteFs } from '../../../src-main/services/storage/atomic';

export interface FailureOptions {
  /** `open`: the create is refused (EROFS, EACCES); `write` (default): the data write fails. */
  at?: 'open' | 'write';
  /** Bytes that reach the file before a write fails, as a disk filling up mid-write does. */
  writtenFirst?: number;
}

function errno(code: string): NodeJS.ErrnoException {
  return Object.assign(new Error(`${code}: simulated`), { code });
}

export function failingFs(code: string, options: FailureOptions = {}): WriteFs {
  return {
    open: (async (...args: Parameters<typeof open>) => {
      if (options.at === 'open') throw errno(code);
      const handle = await open(...args);
      return new Proxy(handle, {
        get(target, property, receiver) {
          if (property === 'writeFile')
            return async (data: string | Uint8Array) => {
              const bytes = typeof data === 'string' ? Buffer.from(data) : data;
              if (options.writtenFirst) await target.write(bytes.subarray(0, options.writtenFirst));
              throw errno(code);
            };
          const value = Reflect.get(target, property, receiver);
          return typeof value === 'function' ? value.bind(target) : value;
        },
      });
    }) as typeof open,
    rename,
    rm,
  };
}
