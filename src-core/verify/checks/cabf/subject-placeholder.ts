/**
 * No subscriber subject attribute made only of metadata — '.', '-', ' ' — or saying the value is
 * absent or not applicable (BR §7.1.2.7.3–5: “MUST NOT contain only metadata …”). The placeholder
 * words are the usual ones; the rule's “any other indication” can't be listed exhaustively.
 */
import type { CertificateCheck } from '../types';
import { cabfFinding, roleOf } from './common';

const placeholder = /^(?:[\s.-]*|n\/?a|not applicable|none|null|nil|unknown|undefined|empty|\?+)$/i;

export const cabfSubjectPlaceholderCheck: CertificateCheck<'cabf-subject-placeholder'> = {
  name: 'cabf-subject-placeholder',
  scope: 'certificate',
  optional: true,
  codes: ['cabf-subject-placeholder'],
  summary: 'CA/B Forum: no subscriber subject attribute that is empty or a placeholder',
  run(cert, index, path) {
    if (roleOf(cert, index, path) !== 'subscriber') return [];
    const empty = cert.subjectAttributes.filter(
      (attribute) => !attribute.binary && placeholder.test(attribute.value),
    );
    return empty.length
      ? [
          cabfFinding(
            'cabf-subject-placeholder',
            cert,
            empty.map((attribute) => `${attribute.label ?? attribute.oid}=“${attribute.value}”`).join(', '),
          ),
        ]
      : [];
  },
};
