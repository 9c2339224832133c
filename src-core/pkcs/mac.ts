/**
 * PKCS#12 integrity: the classic password MAC (RFC 7292 §5 and appendix B: HMAC keyed by the
 * PKCS#12 KDF with ID 3) and PBMAC1 (RFC 9579: HMAC keyed by PBKDF2 over the UTF-8 password).
 */
import { algorithm, octets, sequence, smallInteger, type Node } from '../asn1/node';
import { constantTimeEqual } from '../bytes/equal';
import { digestOids, hashes, hmac, hmacOids } from './hash';
import { cryptoLimits, type WorkBudget } from './limits';
import { derive, readPbkdf2Params, type PasswordForms } from './pbe';
import { kdfPurpose, pkcs12Kdf } from './pkcs12-kdf';
import { DerError } from '../asn1/der';

export interface MacCheck {
  /** E.g. 'HMAC-SHA256 (PKCS#12 KDF, 2048 iterations)'. */
  description: string;
  /** Whether the MAC over `authSafe` matches with this password. */
  verify(authSafe: Uint8Array, password: PasswordForms, budget: WorkBudget): Promise<boolean>;
}

const oidPbmac1 = '1.2.840.113549.1.5.14';
const oidPbkdf2 = '1.2.840.113549.1.5.12';

/** Reads MacData ::= SEQUENCE { mac DigestInfo, macSalt OCTET STRING, iterations INTEGER DEFAULT 1 }. */
export function readMacData(node: Node): MacCheck {
  const fields = sequence(node, 'MacData', 2, 3);
  const [algorithmNode, digestNode] = sequence(fields[0], 'MAC DigestInfo', 2, 2);
  const expected = octets(digestNode, 'MAC value');
  const { oid, params } = algorithm(algorithmNode, 'MAC algorithm');
  if (oid === oidPbmac1) return pbmac1(params, algorithmNode, expected);

  const hash = digestOids[oid] ?? hmacOids[oid];
  if (!hash) throw new DerError(`MAC digest ${oid} is not supported`, algorithmNode.offset, 'unsupported');
  const salt = octets(fields[1], 'MAC salt');
  if (salt.length > cryptoLimits.maxSaltBytes) fields[1].fail('MAC salt is too large', 'too-large');
  const iterations = fields[2]
    ? smallInteger(fields[2], 'MAC iteration count', cryptoLimits.maxIterations)
    : 1;
  if (iterations < 1) fields[2].fail('MAC iteration count is 0');
  const label = hash.replace('-', '');
  return {
    description: `HMAC-${label} (PKCS#12 KDF, ${iterations} iteration${iterations === 1 ? '' : 's'})`,
    async verify(authSafe, password, budget) {
      const key = pkcs12Kdf(
        hash,
        password.bmp,
        salt,
        iterations,
        kdfPurpose.mac,
        hashes[hash].outputLength,
        budget,
      );
      try {
        return constantTimeEqual(await hmac(hash, key, authSafe), expected);
      } finally {
        key.fill(0);
      }
    },
  };
}

function pbmac1(params: Node | undefined, node: Node, expected: Uint8Array): MacCheck {
  if (!params) node.fail('PBMAC1 parameters are missing');
  const [kdfNode, schemeNode] = sequence(params, 'PBMAC1 parameters', 2, 2);
  const kdf = algorithm(kdfNode, 'PBMAC1 key derivation');
  if (kdf.oid !== oidPbkdf2)
    throw new DerError(`PBMAC1 key derivation ${kdf.oid} is not supported`, kdfNode.offset, 'unsupported');
  const pbkdf2 = readPbkdf2Params(kdf.params ?? kdfNode.fail('PBKDF2 parameters are missing'));
  const scheme = algorithm(schemeNode, 'PBMAC1 message authentication scheme');
  const hash = hmacOids[scheme.oid];
  if (!hash)
    throw new DerError(`PBMAC1 scheme ${scheme.oid} is not supported`, schemeNode.offset, 'unsupported');
  // RFC 9579 requires keyLength; be lenient and default to the HMAC's output length.
  const keyLength = pbkdf2.keyLength ?? hashes[hash].outputLength;
  const label = (name: string) => name.replace('-', '');
  return {
    description: `PBMAC1 HMAC-${label(hash)} (PBKDF2-HMAC-${label(pbkdf2.prf)}, ${pbkdf2.iterations} iteration${pbkdf2.iterations === 1 ? '' : 's'})`,
    async verify(authSafe, password, budget) {
      const key = await derive(pbkdf2, password, keyLength, budget);
      try {
        return constantTimeEqual(await hmac(hash, key, authSafe), expected);
      } finally {
        key.fill(0);
      }
    },
  };
}
