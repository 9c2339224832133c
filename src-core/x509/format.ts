/**
 * Plain text and JSON forms of the model's typed values, shared by the CLI, the reports and the
 * page so a value reads the same everywhere (hex with colons, ISO dates, RFC 5952 addresses).
 */
import type { ExtensionNode, ExtensionView, NodeValue } from './extensions/nodes';
import { formatIp } from './general-name';
import type { PublicKeySummary, SignatureAlgorithm } from './model';
import { toHex } from '../bytes/hex';

export function colonHex(bytes: Uint8Array | string): string {
  const hex = typeof bytes === 'string' ? bytes : toHex(bytes);
  return hex.toUpperCase().replace(/(..)(?!$)/g, '$1:');
}

export function nodeValueText(value: NodeValue): string {
  switch (value.type) {
    case 'text':
      return value.problem ? `${value.text} [${value.problem}]` : value.text;
    case 'oid':
      return value.name ? `${value.name} (${value.oid})` : value.oid;
    case 'bytes':
      return colonHex(value.bytes);
    case 'integer':
      return value.hex.length <= 12 ? value.decimal : colonHex(value.hex);
    case 'number':
      return String(value.value);
    case 'boolean':
      return value.value ? 'yes' : 'no';
    case 'date':
      return value.date.toISOString();
    case 'ip':
      return formatIp(value.bytes);
    case 'name':
      return value.problem ? `${value.rfc4514} [${value.problem}]` : value.rfc4514;
  }
}

/** A node and its children as indented lines (`label: value`). */
export function nodeLines(nodes: ExtensionNode[], indent = ''): string[] {
  return nodes.flatMap((node) => [
    `${indent}${node.label}${node.value ? `: ${nodeValueText(node.value)}` : ''}`,
    ...nodeLines(node.children ?? [], `${indent}  `),
  ]);
}

export interface ExtensionJson {
  oid: string;
  name?: string;
  critical: boolean;
  parsed: boolean;
  error?: string;
  value: JsonNode[];
}

export interface JsonNode {
  key: string;
  label: string;
  value?: string | number | boolean;
  oid?: string;
  /** The value is not valid in its string type (marked `\xNN` in `value`). */
  problem?: string;
  children?: JsonNode[];
}

function nodeJson(node: ExtensionNode): JsonNode {
  const value = node.value;
  const json: JsonNode = { key: node.key, label: node.label };
  if (value) {
    if (value.type === 'number' || value.type === 'boolean') json.value = value.value;
    else if (value.type === 'oid') {
      json.oid = value.oid;
      if (value.name) json.value = value.name;
    } else if (value.type === 'bytes') json.value = toHex(value.bytes);
    else if (value.type === 'text' || value.type === 'name') {
      json.value = value.type === 'text' ? value.text : value.rfc4514;
      if (value.problem) json.problem = value.problem;
    } else json.value = nodeValueText(value);
  }
  if (node.children) json.children = node.children.map(nodeJson);
  return json;
}

export function extensionJson(view: ExtensionView): ExtensionJson {
  return {
    oid: view.oid,
    ...(view.name ? { name: view.name } : {}),
    critical: view.critical,
    parsed: view.parsed,
    ...(view.error ? { error: view.error } : {}),
    value: view.nodes.map(nodeJson),
  };
}

export function publicKeyText(key: PublicKeySummary): string {
  if (key.algorithm === 'RSA')
    return `RSA ${key.bits ?? '?'} bits${key.exponent !== undefined ? ` (e=${key.exponent})` : ''}`;
  if (key.algorithm === 'EC') return `EC ${key.curve ?? 'unknown curve'}`;
  if (key.algorithm === 'DSA') return `DSA ${key.bits ?? '?'} bits`;
  if (key.algorithm === 'unknown') return `unknown key type (${key.oid})`;
  return key.algorithm;
}

export function signatureAlgorithmText(algorithm: SignatureAlgorithm): string {
  const name = algorithm.name ?? algorithm.oid;
  if (!algorithm.pss) return name;
  const { hash, mgfHash, saltLength } = algorithm.pss;
  return `${name} (${hash}, MGF1 ${mgfHash}, salt ${saltLength})`;
}
