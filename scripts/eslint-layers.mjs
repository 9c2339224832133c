/**
 * ESLint rule `certscope/layers`: inside src-core a folder imports only the folders below it
 * (README, "Layers"). Static, dynamic and type-only imports and re-exports all count; a folder
 * missing from the order is an error too, so a new one has to be placed. pkijs and asn1js stay
 * out of the core entirely.
 */
import { dirname, relative, resolve, sep } from 'node:path';

/** Bottom first; folders on one line are peers and never import each other. */
export const coreLayers = [
  ['bytes'],
  ['asn1'],
  ['x509'],
  ['tls', 'pkcs'],
  ['crypto'],
  ['verify'],
  ['trust'],
  ['clients'],
  ['inspect', 'report'],
  ['history'],
  ['api'],
];

/** Packages the core must not use: it reads ASN.1 with its own reader (asn1/), once. */
export const bannedInCore = ['pkijs', 'asn1js'];

const rankOf = new Map(coreLayers.flatMap((folders, rank) => folders.map((folder) => [folder, rank])));

function coreFolder(file, coreRoot) {
  const path = relative(coreRoot, file);
  if (path.startsWith('..') || !path.includes(sep)) return undefined;
  return path.split(sep)[0];
}

export const layersRule = {
  meta: {
    type: 'problem',
    docs: { description: 'src-core folders import only the layers below them' },
    schema: [],
  },
  create(context) {
    const file = context.filename;
    const coreRoot = resolve(context.cwd, 'src-core');
    const from = coreFolder(file, coreRoot);
    if (!from) return {};
    const check = (node, source) => {
      if (!source || typeof source.value !== 'string') return;
      if (bannedInCore.includes(source.value)) {
        context.report({
          node,
          message: `src-core reads ASN.1 with its own reader (src-core/asn1): no ${source.value}`,
        });
        return;
      }
      if (!source.value.startsWith('.')) return;
      const to = coreFolder(resolve(dirname(file), source.value), coreRoot);
      if (!to || to === from) return;
      if (!rankOf.has(from) || !rankOf.has(to)) {
        context.report({
          node,
          message: `src-core/${rankOf.has(from) ? to : from} is not in the layer order (scripts/eslint-layers.mjs): place it there`,
        });
        return;
      }
      if (rankOf.get(to) >= rankOf.get(from))
        context.report({
          node,
          message: `src-core/${from} must not import src-core/${to}: layers import only downward (${coreLayers.map((row) => row.join('/')).join(' ← ')})`,
        });
    };
    return {
      ImportDeclaration: (node) => check(node, node.source),
      ExportAllDeclaration: (node) => check(node, node.source),
      ExportNamedDeclaration: (node) => check(node, node.source),
      ImportExpression: (node) => check(node, node.source),
    };
  },
};

export default { rules: { layers: layersRule } };
