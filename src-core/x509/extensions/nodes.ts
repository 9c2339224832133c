/**
 * The display-agnostic tree every extension parser returns: stable keys, English labels and
 * typed values (bytes, dates, OIDs) that the renderer formats. No markup, no locale.
 */
import type { ByteRange } from '../model';

export type NodeValue =
  /** `problem`: the text is not valid in its string type (bad bytes are marked `\xNN` in it). */
  | { type: 'text'; text: string; problem?: string }
  | { type: 'oid'; oid: string; name?: string }
  | { type: 'bytes'; bytes: Uint8Array }
  | { type: 'integer'; hex: string; decimal: string }
  | { type: 'number'; value: number }
  | { type: 'boolean'; value: boolean }
  | { type: 'date'; date: Date }
  /** An address (4 or 16 bytes), or address + mask in name constraints (8 or 32). */
  | { type: 'ip'; bytes: Uint8Array }
  | { type: 'name'; rfc4514: string; problem?: string };

export interface ExtensionNode {
  /** Machine key, stable across versions (`dNSName`, `cA`, `pathLenConstraint`…). */
  key: string;
  label: string;
  value?: NodeValue;
  children?: ExtensionNode[];
}

export interface ExtensionView {
  oid: string;
  /** The extension's name, when the registry knows it. */
  name?: string;
  critical: boolean;
  /** Parsed by a registered parser (false: unknown OID or the parser failed, see `error`). */
  parsed: boolean;
  nodes: ExtensionNode[];
  /** The extnValue contents (DER of the extension's own structure). */
  value: Uint8Array;
  /** Where the whole Extension SEQUENCE sits in the certificate. */
  range: ByteRange;
  /** Why the registered parser gave up; the raw bytes are shown instead. */
  error?: string;
}

/**
 * One extension: `read` turns its extnValue into typed data once (throwing a `DerError` on bytes
 * it can't read), `nodes` derives the display tree from that data. The verifier and every other
 * reader use `read`; nothing else parses the extension.
 */
export interface ExtensionSpec<T> {
  read(value: Uint8Array): T;
  nodes(data: T): ExtensionNode[];
}

export const node = (
  key: string,
  label: string,
  value?: NodeValue,
  children?: ExtensionNode[],
): ExtensionNode => ({
  key,
  label,
  ...(value ? { value } : {}),
  ...(children ? { children } : {}),
});

export const text = (value: string, problem?: string): NodeValue =>
  problem ? { type: 'text', text: value, problem } : { type: 'text', text: value };
export const bytesValue = (bytes: Uint8Array): NodeValue => ({ type: 'bytes', bytes: bytes.slice() });
export const numberValue = (value: number): NodeValue => ({ type: 'number', value });
export const booleanValue = (value: boolean): NodeValue => ({ type: 'boolean', value });
