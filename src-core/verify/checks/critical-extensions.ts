/** No critical extension the verifier does not process (RFC 5280 §4.2). */
import { finding } from '../findings';
import { constraintsHeld, type CertificateCheck } from './types';

export const criticalExtensionsCheck: CertificateCheck<'critical-extensions'> = {
  name: 'critical-extensions',
  scope: 'certificate',
  codes: ['unknown-critical-extension'],
  summary: 'every critical extension is one the verifier understands',
  run(cert, index, path, context) {
    const { alsoUnderstood } = context.rules;
    const unknown = alsoUnderstood.length
      ? cert.unknownCritical.filter((oid) => !alsoUnderstood.includes(oid))
      : [...cert.unknownCritical];
    const forms = context.rules.nameConstraintForms;
    const constraints = cert.nameConstraints;
    if (forms && constraints) {
      const unhandled = (['dns', 'ip', 'email', 'uri', 'dirNames', 'other'] as const).filter(
        (form) =>
          !forms.includes(form) &&
          (constraints.permitted?.[form].length || constraints.excluded?.[form].length),
      );
      if (unhandled.length)
        unknown.push(
          `nameConstraints (${unhandled.join(', ')}: forms ${context.rules.clientName} can't check)`,
        );
    }
    return unknown.length && constraintsHeld(path, index, context, 'other')
      ? [finding('unknown-critical-extension', cert.sha256, unknown.join(', '))]
      : [];
  },
};
