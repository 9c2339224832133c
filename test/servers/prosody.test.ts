/**
 * Prosody beside `openssl s_client -starttls xmpp -xmpphost`: the stream's `to` names the virtual
 * host; the wrong one gets a stream error whose condition and text the probe reports (issue 16
 * point 4), and `--sni` or `--xmpp-domain` set it apart from the target.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../src-main/cli/main';
import { probe, ProbeError } from '../../src-main/services/probe';
import { memoryIo } from '../main/support/cli-io';
import { expectAgreement } from './agree';
import { showLogsOnFailure, tempDir, type TempDir } from './harness';
import { ders, serverPki, writeHierarchy, type ServerPki } from './pki';
import { startProsody, type RunningProsody } from './prosody';
import { sClient } from './s-client';

let pki: ServerPki;
let files: TempDir;
let prosody: RunningProsody | undefined;
showLogsOnFailure(() => [prosody?.daemon]);

beforeAll(async () => {
  pki = await serverPki();
  files = tempDir('prosody-pki');
  const rsa = writeHierarchy(files, pki.rsa, 'rsa');
  prosody = await startProsody({ fullchain: rsa.fullchain, key: rsa.key });
}, 120_000);

afterAll(async () => {
  await prosody?.stop();
  files?.remove();
});

describe('Prosody beside openssl s_client', () => {
  it('XMPP STARTTLS to its domain (--xmpp-domain): chain, version, cipher and group agree', async () => {
    const port = prosody!.c2sPort;
    const [ours, reference] = await Promise.all([
      probe({ target: `xmpp://127.0.0.1:${port}`, xmppDomain: prosody!.domain }),
      sClient({ port, starttls: 'xmpp', xmppHost: prosody!.domain }),
    ]);
    expectAgreement(ours, reference, { chain: ders(pki.rsa.chain) });
    expect(ours.target.sni).toBeNull();
  });

  it('direct TLS (xmpps-style port): the same', async () => {
    const port = prosody!.directTlsPort;
    const [ours, reference] = await Promise.all([
      probe({ target: `127.0.0.1:${port}`, sni: prosody!.domain }),
      sClient({ port, servername: prosody!.domain }),
    ]);
    expectAgreement(ours, reference, { chain: ders(pki.rsa.chain) });
  });
});

describe('XMPP stream errors and the stream domain (issue 16 point 4)', () => {
  it('to="127.0.0.1": Prosody\'s <host-unknown/> and its text are the message', async () => {
    const error = await probe({ target: `xmpp://127.0.0.1:${prosody!.c2sPort}` }).catch(
      (caught: unknown) => caught,
    );
    expect(error).toBeInstanceOf(ProbeError);
    expect((error as ProbeError).code).toBe('starttls');
    expect((error as ProbeError).message).toBe(
      'XMPP STARTTLS: the server ended the stream with the error host-unknown: This server does not serve 127.0.0.1 (the stream was opened to "127.0.0.1"; name another XMPP domain with --xmpp-domain, or with --sni)',
    );
  });

  it('--sni sets the stream domain too (and the SNI)', async () => {
    const result = await probe({ target: `xmpp://127.0.0.1:${prosody!.c2sPort}`, sni: prosody!.domain });
    expect(result.presented).toEqual(ders(pki.rsa.chain));
    expect(result.target.sni).toBe(prosody!.domain);
  });

  it('certscope inspect --xmpp-domain', async () => {
    const io = memoryIo();
    await runCli(
      ['inspect', `xmpp://127.0.0.1:${prosody!.c2sPort}`, '--xmpp-domain', prosody!.domain, '--no-aia'],
      io,
    );
    expect(io.err).toBe('');
    expect(io.out).toContain('Certificates as sent (2, wire order)');
    const wrong = memoryIo();
    expect(
      await runCli(
        ['inspect', `xmpp://127.0.0.1:${prosody!.c2sPort}`, '--xmpp-domain', 'elsewhere.test'],
        wrong,
      ),
    ).toBe(2);
    expect(wrong.err).toContain('host-unknown: This server does not serve elsewhere.test');
  });
});
