/**
 * The subject public key: RSA or ECDSA only (BR §6.1.5), RSA as rsaEncryption with NULL parameters
 * (§7.1.3.1.1), a modulus of at least 2048 bits in whole octets (§6.1.5), an odd exponent of at
 * least 3 and preferably 2^16+1 or more (§6.1.6); ECDSA on P-256/P-384/P-521 named exactly as
 * §7.1.3.1.2 encodes them.
 */
import { toHex } from '../../../bytes/hex';
import type { VerifyCert } from '../../cert';
import type { Finding } from '../../findings';
import type { CertificateCheck } from '../types';
import { cabfFinding } from './common';

const rsaEncoding = '300d06092a864886f70d0101010500';
const ecEncodings: Record<string, string> = {
  '301306072a8648ce3d020106082a8648ce3d030107': 'P-256',
  '301006072a8648ce3d020106052b81040022': 'P-384',
  '301006072a8648ce3d020106052b81040023': 'P-521',
};

function rsaFindings(cert: VerifyCert): Finding[] {
  const findings: Finding[] = [];
  const encoding = toHex(cert.keyAlgorithmDer);
  if (encoding !== rsaEncoding)
    findings.push(
      cabfFinding(
        'cabf-rsa-key-encoding',
        cert,
        cert.key.oid === '1.2.840.113549.1.1.10'
          ? 'the RSASSA-PSS OID names the key'
          : `AlgorithmIdentifier ${encoding} (parameters must be an explicit NULL)`,
      ),
    );
  const bits = cert.key.bits ?? 0;
  if (bits < 2048 || bits % 8 !== 0)
    findings.push(cabfFinding('cabf-rsa-key-size', cert, `${bits}-bit modulus`));
  const exponent = cert.key.exponent;
  // An exponent over 6 octets is not read as a number: far above 2^16+1, odd or not unknown.
  if (exponent !== undefined && (exponent < 3 || exponent % 2 === 0))
    findings.push(cabfFinding('cabf-rsa-exponent', cert, `exponent ${exponent}`));
  else if (exponent !== undefined && exponent < 65_537)
    findings.push(cabfFinding('cabf-rsa-exponent-range', cert, `exponent ${exponent}`));
  return findings;
}

export const cabfPublicKeyCheck: CertificateCheck<'cabf-public-key'> = {
  name: 'cabf-public-key',
  scope: 'certificate',
  optional: true,
  codes: [
    'cabf-key-algorithm',
    'cabf-rsa-key-encoding',
    'cabf-rsa-key-size',
    'cabf-rsa-exponent',
    'cabf-rsa-exponent-range',
    'cabf-ec-key',
  ],
  summary:
    'CA/B Forum: RSA (≥ 2048 bits, multiple of 8, odd exponent ≥ 3) or ECDSA P-256/384/521, exactly encoded',
  run(cert) {
    switch (cert.key.algorithm) {
      case 'RSA':
        return rsaFindings(cert);
      case 'EC': {
        const encoding = toHex(cert.keyAlgorithmDer);
        return ecEncodings[encoding]
          ? []
          : [
              cabfFinding(
                'cabf-ec-key',
                cert,
                `curve ${cert.key.curve ?? 'unknown'} (AlgorithmIdentifier ${encoding})`,
              ),
            ];
      }
      default:
        return [cabfFinding('cabf-key-algorithm', cert, `${cert.key.algorithm} key (${cert.key.oid})`)];
    }
  },
};
