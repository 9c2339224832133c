/** What CLI tests share: an in-memory CliIo, and the JSON report schema as a validator. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Ajv from 'ajv';
import { processIo, type CliIo } from '../../../src-main/cli/io';

/** Collects stdout and stderr; reads files from disk. */
export function memoryIo(): CliIo & { out: string; err: string } {
  const io = {
    out: '',
    err: '',
    stdout: (text: string) => void (io.out += text),
    stderr: (text: string) => void (io.err += text),
    readFile: processIo.readFile,
    isTty: false,
  };
  return io;
}

/** resources/report.schema.json, compiled (errors in `.errors` after a failed call). */
export const validateReport = new Ajv({ allErrors: true, strict: false }).compile(
  JSON.parse(
    readFileSync(join(import.meta.dirname, '../../../resources/report.schema.json'), 'utf8'),
  ) as object,
);
