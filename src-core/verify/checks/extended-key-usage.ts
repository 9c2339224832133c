/** The leaf, and any CA below the anchor that restricts extended key usage, allows the purpose. */
import { oids } from '../cert';
import { finding } from '../findings';
import { constraintsHeld, type CertificateCheck } from './types';

export const extendedKeyUsageCheck: CertificateCheck<'extended-key-usage'> = {
  name: 'extended-key-usage',
  scope: 'certificate',
  codes: ['eku-mismatch'],
  summary: 'extended key usage allows the purpose (serverAuth or clientAuth) all the way up',
  run(cert, index, path, context) {
    const { purpose, rules } = context;
    if (!purpose || !cert.extKeyUsage || !constraintsHeld(path, index, context, 'eku')) return [];
    if ((index > 0 && rules.ekuScope === 'leaf') || (rules.emptyEkuMeansAny && !cert.extKeyUsage.length))
      return [];
    const wanted = purpose === 'serverAuth' ? oids.serverAuth : oids.clientAuth;
    return cert.extKeyUsage.includes(wanted) ||
      (rules.anyEkuMatches && cert.extKeyUsage.includes(oids.anyExtendedKeyUsage))
      ? []
      : [finding('eku-mismatch', cert.sha256)];
  },
};
