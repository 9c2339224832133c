/** The leaf, and any CA below the anchor that restricts extended key usage, allows the purpose. */
import { oids } from '../cert';
import { finding } from '../findings';
import { isAnchorAt, type CertificateCheck } from './types';

export const extendedKeyUsageCheck: CertificateCheck<'extended-key-usage'> = {
  name: 'extended-key-usage',
  scope: 'certificate',
  codes: ['eku-mismatch'],
  summary: 'extended key usage allows the purpose (serverAuth or clientAuth) all the way up',
  run(cert, index, path, { purpose }) {
    if (!purpose || !cert.extKeyUsage || isAnchorAt(path, index)) return [];
    const wanted = purpose === 'serverAuth' ? oids.serverAuth : oids.clientAuth;
    return cert.extKeyUsage.includes(wanted) || cert.extKeyUsage.includes(oids.anyExtendedKeyUsage)
      ? []
      : [finding('eku-mismatch', cert.sha256)];
  },
};
