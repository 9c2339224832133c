/**
 * docs/client-profiles.md, generated from the profiles themselves (`npm run docs:clients`), so
 * what the documentation says a client does is what its verdict does. The research behind each
 * rule, with its sources, is docs/clients.md; this page is the model built on it.
 */
import { checkRegistry } from '../verify/checks/registry';
import { defaultRules, type VerifierRules } from '../verify/checks/rules';
import { clientIds, clientProfiles, defaultClient, type ClientProfile } from './profiles';
import { checksAddedBy } from './verdicts';

type RuleKnob = keyof ClientProfile['rules'];

/** Each knob's value in words, as a user would ask about it. */
const knobWords: { [K in RuleKnob]-?: (value: NonNullable<VerifierRules[K]>) => string } = {
  minRsaBits: (bits) => `RSA keys of at least ${bits} bits`,
  minRsaBitsPublic: (bits) => `RSA keys of at least ${bits} bits under its public roots`,
  minEcBits: (bits) => `elliptic-curve keys of at least ${bits} bits`,
  keyFloorOnAnchor: (held) =>
    held
      ? 'the trust anchor’s own key is held to that floor'
      : 'the trust anchor’s own key is not held to it',
  weakHashes: (hashes) => `signatures with ${hashes.join(', ') || 'no hash'} refused below the anchor`,
  weakHashesPublicOnly: (only) =>
    only
      ? 'weak signature hashes refused only under public roots'
      : 'weak signature hashes refused everywhere',
  commonNameFallback: (falls) =>
    falls
      ? 'the subject CN counts as a host name when there is no DNS SAN'
      : 'the subject CN is never a host name',
  wildcards: (form) =>
    ({
      label: 'wildcards only as a whole first label (`*.example.com`)',
      partial: 'partial-label wildcards too (`w*.example.com`)',
      anywhere: 'a `*` in any label',
    })[form],
  anchorConstraints: (scope) =>
    ({
      rfc5280: 'the trust anchor’s validity, path length and name constraints apply (not its EKU)',
      all: 'the trust anchor’s own validity, path length, name constraints, EKU and critical extensions apply',
      local: 'local anchors’ own constraints apply; its root store’s roots are a name and a key',
      none: 'a trust anchor is a name and a key: none of its own fields apply',
    })[scope],
  ekuScope: (scope) =>
    scope === 'leaf'
      ? 'extended key usage checked on the leaf only'
      : 'extended key usage checked on every CA of the path',
  anyEkuMatches: (matches) =>
    matches ? 'anyExtendedKeyUsage satisfies serverAuth' : 'anyExtendedKeyUsage does not satisfy serverAuth',
  profile: (profile) =>
    profile === 'structural'
      ? 'RFC 5280 profile rules only where the library refuses while reading (e.g. a non-critical basicConstraints on a CA is accepted)'
      : 'every RFC 5280 profile rule',
  anchorWithoutBasicConstraints: (form) =>
    ({
      v1: 'a trust anchor without basicConstraints only if it is a v1 certificate',
      keyCertSign: 'a trust anchor without basicConstraints if its keyUsage signs certificates',
      any: 'a local trust anchor without basicConstraints',
    })[form],
  notAfterExclusive: (exclusive) =>
    exclusive ? 'the notAfter second itself counts as expired' : 'valid through the notAfter second',
  leafKeyUsage: (form) =>
    ({
      any: 'the leaf’s keyUsage must allow TLS',
      signature: 'an ECDSA/EdDSA leaf needs digitalSignature',
      none: 'the leaf’s keyUsage is not checked',
    })[form],
  depthCountsSelfIssued: (counts) =>
    counts
      ? 'self-issued intermediates count towards the depth limit'
      : 'self-issued intermediates don’t count towards depth',
  emptyEkuMeansAny: (any) =>
    any ? 'an empty extendedKeyUsage allows any purpose' : 'an empty extendedKeyUsage allows none',
  alsoUnderstood: (oids) => `also processes the critical extensions ${oids.join(', ')}`,
  refuseCriticalKeyIdentifiers: (refuses) =>
    refuses ? 'a critical key identifier extension is refused' : 'critical key identifiers accepted',
  refuseNegativeSerial: (refuses) =>
    refuses ? 'a negative serial number is refused' : 'negative serial numbers accepted',
  literalWildcardConstraints: (literal) =>
    literal
      ? 'a wildcard SAN meets an excluded DNS subtree as its literal string'
      : 'wildcard SANs matched against name constraints as patterns',
  nameConstraintForms: (forms) =>
    `name constraints handled for ${forms.join(', ')} only (another form is an unhandled critical extension)`,
  anchorKeyUsage: (held) => (held ? 'the anchor’s keyUsage counts' : 'the anchor’s keyUsage is ignored'),
  pathLenCountsSelfIssued: (counts) =>
    counts
      ? 'self-issued intermediates count towards pathLenConstraint'
      : 'self-issued intermediates don’t count towards pathLenConstraint',
};

function storeWords(profile: ClientProfile): string {
  const store = profile.store;
  if (store.kind === 'program') return `the ${store.program} root program (resources/root-programs/)`;
  if (store.kind === 'system')
    return 'the machine’s CA bundle (/etc/ssl/certs), else the bundled Mozilla list';
  return 'whatever stores are chosen';
}

function aiaWords(profile: ClientProfile): string {
  if (profile.aiaFetching === 'public') return 'only towards its public roots (preloaded intermediates)';
  return profile.aiaFetching ? 'fetches missing intermediates' : 'never fetches missing intermediates';
}

function checkSummary(name: string): string {
  const check = checkRegistry.find((entry) => entry.name === name);
  return check ? `\`${name}\` (${check.summary})` : `\`${name}\``;
}

function profileSection(profile: ClientProfile): string {
  const heading = profile.label === profile.name ? profile.name : `${profile.name} — ${profile.label}`;
  const lines: string[] = [`## ${heading}`, '', `${profile.models}.`, ''];
  lines.push(`- **Store:** ${storeWords(profile)}, plus your own anchors.`);
  lines.push(`- **Missing intermediates (AIA):** ${aiaWords(profile)}.`);
  const rules = Object.entries(profile.rules) as [RuleKnob, unknown][];
  if (rules.length)
    lines.push(
      `- **Rules:** ${rules
        .map(([knob, value]) => (knobWords[knob] as (value: unknown) => string)(value))
        .join('; ')}.`,
    );
  const added = checksAddedBy(profile);
  if (added.length && !profile.withPrefix) lines.push(`- **Adds:** ${added.map(checkSummary).join('; ')}.`);
  if (profile.withPrefix)
    lines.push(`- **Adds:** every \`${profile.withPrefix}*\` check (${added.length}; see docs/cabf.md).`);
  if (profile.without.length)
    lines.push(`- **Leaves out:** ${profile.without.map(checkSummary).join('; ')}.`);
  const severities = Object.entries(profile.severities);
  if (severities.length)
    lines.push(
      `- **Severities:** ${severities.map(([code, severity]) => `\`${code}\` ${severity === 'off' ? 'dropped' : `as ${severity}`}`).join('; ')}.`,
    );
  if (profile.refusesBlocked) lines.push('- **Blocked list:** refuses the roots its program blocks.');
  if (profile.chromeConstraints)
    lines.push('- **Distrust dates:** the Chrome Root Store’s `sct_not_after_sec` constraints apply.');
  lines.push(`- **TLS below 1.2:** ${profile.legacyTls === 'error' ? 'refused' : `a ${profile.legacyTls}`}.`);
  for (const note of profile.notes) lines.push(`- ${note}`);
  if (profile.unknown.length)
    lines.push(
      `- **Not established** (Certscope’s own rule applies; docs/clients.md §8): ${profile.unknown.map((id) => `\`${id}\``).join(', ')}.`,
    );
  lines.push(
    `- **Sources** (docs/clients.md §10): ${profile.sources.map((key) => `\`${key}\``).join(', ')}.`,
  );
  return lines.join('\n');
}

export function clientProfilesMarkdown(): string {
  const defaults = Object.keys(defaultRules).length;
  return [
    '# Client profiles',
    '',
    '<!-- Generated by `npm run docs:clients` from src-core/clients/profiles.ts: edit the profiles, not this file. -->',
    '',
    `Each client Certscope answers for is data over the one verifier: a store, whether it fetches`,
    `missing intermediates, the checks it adds or leaves out, how findings count, and the rule knobs`,
    `(${defaults} in src-core/verify/checks/rules.ts) that differ from Certscope’s own verdict.`,
    `The default client is ${clientProfiles[defaultClient].name}. Why each rule is what it is, with sources, is`,
    '[docs/clients.md](clients.md); how well each profile agrees with the real client on this machine is',
    '[docs/clients-ground-truth.md](clients-ground-truth.md) and test/clients/known-differences.json.',
    '',
    ...clientIds.map((id) => `${profileSection(clientProfiles[id])}\n`),
  ].join('\n');
}
