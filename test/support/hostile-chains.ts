/**
 * Chains built to make a verifier work too hard (issue 15 item 2), minted at test time: a leaf
 * with many names of one form under a stack of CAs that each carry many name constraints of the
 * same form — excluded names none of the leaf's match, so every comparison has to be made.
 */
import { encode } from '../../src-core/asn1/encode';
import { issueCert, type LabCert } from '../../src-main/services/lab';

export type NameForm = 'uri' | 'dns' | 'email';

export interface NameConstraintTangle {
  /** The trust anchor (it carries constraints too). */
  root: LabCert;
  /** Intermediates, the one that issued the leaf first. */
  intermediates: LabCert[];
  leaf: LabCert;
  host: string;
}

/** GeneralName context tags (implicit IA5String): rfc822Name [1], dNSName [2], URI [6]. */
const generalNameTag: Record<NameForm, number> = { email: 0x81, dns: 0x82, uri: 0x86 };

/** NameConstraints with only excludedSubtrees [1], each a GeneralSubtree of one name. */
export function excludedNameConstraints(form: NameForm, names: string[]): Uint8Array {
  const subtrees = names.map((name) =>
    encode(0x30, encode(generalNameTag[form], new TextEncoder().encode(name))),
  );
  return encode(0x30, encode(0xa1, ...subtrees));
}

/** Constraint `index` of the CA at `level`: never matches any of the leaf's names. */
function excludedName(form: NameForm, level: number, index: number): string {
  const host = `c${index}.l${level}.excluded.invalid`;
  return form === 'email' ? `.${host}` : form === 'uri' ? `.${host}` : host;
}

function leafName(form: NameForm, index: number, host: string): string {
  const name = `n${index}.${host}`;
  return form === 'email' ? `user@${name}` : form === 'uri' ? `https://${name}/path` : name;
}

export async function nameConstraintTangle(
  form: NameForm,
  { names = 1000, constraints = 1000, cas = 13 }: { names?: number; constraints?: number; cas?: number } = {},
): Promise<NameConstraintTangle> {
  const host = 'tangle.test';
  const constrained = (level: number) => ({
    extraExtensions: [
      {
        oid: '2.5.29.30',
        critical: true,
        valueDer: excludedNameConstraints(
          form,
          Array.from({ length: constraints }, (_, index) => excludedName(form, level, index)),
        ),
      },
    ],
  });
  const root = await issueCert({ commonName: `Tangle ${form} CA 0`, isCa: true, ...constrained(0) });
  let issuer = root;
  const intermediates: LabCert[] = [];
  for (let level = 1; level < cas; level++) {
    issuer = await issueCert({
      commonName: `Tangle ${form} CA ${level}`,
      isCa: true,
      issuer,
      ...constrained(level),
    });
    intermediates.unshift(issuer);
  }
  const leafNames = Array.from({ length: names }, (_, index) => leafName(form, index, host));
  const leaf = await issueCert({
    commonName: host,
    issuer,
    dnsNames: form === 'dns' ? [host, ...leafNames.slice(1)] : [host],
    ...(form === 'uri' ? { uris: leafNames } : {}),
    ...(form === 'email' ? { emails: leafNames } : {}),
  });
  return { root, intermediates, leaf, host };
}
