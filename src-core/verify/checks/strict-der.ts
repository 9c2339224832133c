/** Strict DER, as browsers require; an anchor's serial is exempt unless the anchor is the leaf itself (then it is served). */
import { finding } from '../findings';
import { isAnchorAt, type CertificateCheck } from './types';

export const strictDerCheck: CertificateCheck<'strict-der'> = {
  name: 'strict-der',
  scope: 'certificate',
  codes: ['non-strict-der'],
  summary: 'the encoding is strict DER',
  run(cert, index, path) {
    const problems =
      isAnchorAt(path, index) && index > 0
        ? cert.nonStrictDer.filter((problem) => !problem.includes('serial'))
        : cert.nonStrictDer;
    return problems.length ? [finding('non-strict-der', cert.sha256, problems.join('; '))] : [];
  },
};
