/**
 * Every x509-limbo case (../shared/conformance/limbo) as a client case. Limbo has no private
 * keys, so only clients that verify without a handshake (`openssl verify`, Go) can run these.
 */
import { loadLimbo, type LimboCase } from '../../conformance/limbo';
import { pemToDer, type ClientCase, type ExpectedName } from '../case';

const nameKinds: Record<string, ExpectedName['kind']> = { DNS: 'dns', IP: 'ip', RFC822: 'email' };

export function limboCase(testcase: LimboCase): ClientCase {
  const eku = testcase.extended_key_usage[0];
  return {
    id: `limbo:${testcase.id}`,
    source: 'limbo',
    description: testcase.description.trim().replace(/\s+/g, ' '),
    anchors: testcase.trusted_certs.map(pemToDer),
    presented: [testcase.peer_certificate, ...testcase.untrusted_intermediates].map(pemToDer),
    ...(testcase.expected_peer_name
      ? {
          host: {
            kind: nameKinds[testcase.expected_peer_name.kind],
            value: testcase.expected_peer_name.value,
          },
        }
      : {}),
    ...(testcase.validation_time ? { at: new Date(testcase.validation_time) } : {}),
    purpose:
      eku === 'clientAuth' || (eku === undefined && testcase.validation_kind === 'CLIENT')
        ? 'clientAuth'
        : 'serverAuth',
    ...(testcase.crls.length ? { crls: testcase.crls.map(pemToDer) } : {}),
    ...(testcase.max_chain_depth !== null ? { maxDepth: testcase.max_chain_depth } : {}),
    expected: testcase.expected_result === 'SUCCESS' ? 'accept' : 'refuse',
  };
}

export function limboCases(): ClientCase[] {
  return loadLimbo().map(limboCase);
}
