/**
 * STARTTLS for every protocol against lab fakes that speak each protocol's plaintext preamble —
 * for the refusals real servers won't make on demand. The real servers (Postfix, Dovecot, vsftpd,
 * Prosody, slapd, PostgreSQL) are in test/servers/.
 */
import { describe, expect, it } from 'vitest';
import { buildScenario, startStarttlsServer, type StarttlsFakeProtocol } from '../../lab';
import { probe, ProbeError } from '../../../src-main/services/probe';

const protocols: StarttlsFakeProtocol[] = ['smtp', 'imap', 'pop3', 'ftp', 'xmpp', 'ldap', 'postgres'];

describe('STARTTLS against protocol fakes', () => {
  for (const protocol of protocols) {
    it(`${protocol}: upgrades and captures the chain as sent`, async () => {
      const scenario = await buildScenario('extra-certificate');
      const server = await startStarttlsServer(protocol, { chain: scenario.presented });
      try {
        const result = await probe({ target: `127.0.0.1:${server.port}`, starttls: protocol });
        expect(result.presented).toEqual(scenario.presented.map((certificate) => certificate.der));
        expect(result.timings.starttlsMs).toBeGreaterThanOrEqual(0);
      } finally {
        await server.close();
      }
    });

    it(`${protocol}: a refused upgrade is a clear STARTTLS error`, async () => {
      const scenario = await buildScenario('good');
      const server = await startStarttlsServer(protocol, { chain: scenario.presented, refuse: true });
      try {
        const error = await probe({
          target: `127.0.0.1:${server.port}`,
          starttls: protocol,
          deadlineMs: 5000,
        }).catch((caught: unknown) => caught);
        expect(error).toBeInstanceOf(ProbeError);
        expect((error as ProbeError).code).toBe('starttls');
        expect((error as ProbeError).message).toMatch(new RegExp(`^${protocol.toUpperCase()} STARTTLS: `));
      } finally {
        await server.close();
      }
    });
  }

  it('picks STARTTLS from the URL scheme (smtp://host:port)', async () => {
    const scenario = await buildScenario('good');
    const server = await startStarttlsServer('smtp', { chain: scenario.presented });
    try {
      const result = await probe({ target: `smtp://127.0.0.1:${server.port}` });
      expect(result.presented).toHaveLength(2);
    } finally {
      await server.close();
    }
  });
});
