/**
 * Password options without putting the password in the process list (issue 15): `--password`
 * alone asks on the terminal without echo — checked on a real pseudo-terminal (util-linux
 * `script`) — or reads a line from a pipe; environment variables work for every password; a
 * value on the command line still works, with a note that others can see it. The same for the
 * client PKCS#12 and the proxy.
 */
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../src-main/cli/main';
import {
  buildScenario,
  issueCert,
  startHttpFileServer,
  startLabProxy,
  type LabHttpServer,
  type LabProxy,
} from '../lab';
import { memoryIo } from '../main/support/cli-io';
import { opensslWorkspace, type OpensslWorkspace } from '../support/openssl';

const password = 'Tr0ub4dor-never-echoed';
const repoRoot = join(import.meta.dirname, '../..');

describe('password options', () => {
  let lab: OpensslWorkspace;

  beforeAll(() => {
    lab = opensslWorkspace('cli-passwords');
    lab.selfSigned('leaf', '/CN=passwords.example');
    lab.run(
      'pkcs12',
      '-export',
      '-in',
      lab.file('leaf.pem'),
      '-inkey',
      lab.file('leaf.key'),
      '-passout',
      `pass:${password}`,
      '-out',
      lab.file('leaf.p12'),
    );
  });
  afterAll(() => lab?.remove());

  const asked: string[] = [];
  const ioWith = (extra: { secret?: string; env?: Record<string, string> }) => {
    const io = memoryIo();
    return Object.assign(io, {
      ...(extra.secret !== undefined
        ? {
            readSecret: async (prompt: string) => {
              asked.push(prompt);
              return extra.secret as string;
            },
          }
        : {}),
      env: extra.env ?? {},
    });
  };

  it('show --password alone asks for it', async () => {
    const io = ioWith({ secret: password });
    expect(await runCli(['show', lab.file('leaf.p12'), '--password', '--json'], io)).toBe(0);
    expect(asked.at(-1)).toBe('Password for PKCS#12 files and encrypted keys: ');
    expect(io.out).toContain('CN=passwords.example');
    expect(io.err).toBe('');
  });

  it('CERTSCOPE_PASSWORD gives it without a flag', async () => {
    const io = ioWith({ env: { CERTSCOPE_PASSWORD: password } });
    expect(await runCli(['show', lab.file('leaf.p12')], io)).toBe(0);
    expect(io.err).toBe('');
  });

  it('a value on the command line works, with a note that other users can see it', async () => {
    const io = ioWith({});
    expect(await runCli(['show', lab.file('leaf.p12'), `--password=${password}`], io)).toBe(0);
    expect(io.err).toMatch(/--password with a value is visible to other users of this machine/);
  });

  it('without a password the error says both ways to give one', async () => {
    const io = ioWith({});
    expect(await runCli(['show', lab.file('leaf.p12')], io)).toBe(1);
    expect(io.err).toContain('give --password to be asked for it, or set CERTSCOPE_PASSWORD');
  });

  /** The CLI from sources, in a pseudo-terminal; `input` is typed once the prompt shows. */
  function inTerminal(args: string[], input: string): Promise<{ code: number | null; transcript: string }> {
    const command = [
      process.execPath,
      join(repoRoot, 'node_modules/tsx/dist/cli.mjs'),
      'src-main/cli/entry.ts',
      ...args,
    ]
      .map((part) => `'${part.replace(/'/g, `'\\''`)}'`)
      .join(' ');
    return new Promise((resolve, reject) => {
      const child = spawn('script', ['-qec', command, '/dev/null'], { cwd: repoRoot, stdio: 'pipe' });
      let transcript = '';
      let typed = false;
      child.stdout.on('data', (chunk: Buffer) => {
        transcript += chunk.toString();
        if (!typed && transcript.includes('Password for PKCS#12 files and encrypted keys: ')) {
          typed = true;
          child.stdin.write(input);
        }
      });
      child.once('error', reject);
      child.once('exit', (code) => resolve({ code, transcript }));
    });
  }

  it('on a real terminal the prompt does not echo what is typed', async () => {
    const { code, transcript } = await inTerminal(
      ['show', lab.file('leaf.p12'), '--password'],
      `${password}\r`,
    );
    expect(transcript).toContain('Password for PKCS#12 files and encrypted keys: ');
    expect(transcript).toContain('CN=passwords.example');
    expect(transcript).not.toContain(password);
    expect(code).toBe(0);
  }, 60_000);

  it('without a terminal, --password reads the first line of standard input', async () => {
    const child = spawn(
      process.execPath,
      [
        join(repoRoot, 'node_modules/tsx/dist/cli.mjs'),
        'src-main/cli/entry.ts',
        'show',
        lab.file('leaf.p12'),
        '--password',
      ],
      { cwd: repoRoot, stdio: 'pipe' },
    );
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
    child.stdin.end(`${password}\n`);
    const code = await new Promise((resolve) => child.once('exit', resolve));
    expect(code).toBe(0);
    expect(out).toContain('CN=passwords.example');
  }, 60_000);

  describe('the proxy password', () => {
    let files: LabHttpServer;
    let proxy: LabProxy;
    let dir: string;

    beforeAll(async () => {
      const scenario = await buildScenario('good');
      files = await startHttpFileServer({ '/int.der': { body: scenario.intermediates[0].der } });
      proxy = await startLabProxy({ username: 'user', password });
      const leaf = await issueCert({
        commonName: scenario.host,
        issuer: scenario.intermediates[0],
        dnsNames: [scenario.host],
        aiaCaIssuersUrl: files.url('/int.der'),
      });
      dir = lab.dir;
      const { writeFile } = await import('node:fs/promises');
      await writeFile(join(dir, 'proxied-leaf.pem'), leaf.pem);
      await writeFile(join(dir, 'proxied-root.pem'), scenario.root.pem);
    });
    afterAll(async () => {
      await Promise.all([files?.close(), proxy?.close()]);
    });

    const verify = (io: ReturnType<typeof ioWith>, ...extra: string[]) =>
      runCli(
        [
          'verify',
          join(dir, 'proxied-leaf.pem'),
          '--ca',
          join(dir, 'proxied-root.pem'),
          '--ca-only',
          '--allow-private-fetches',
          '--proxy',
          `http://user@127.0.0.1:${proxy.port}`,
          ...extra,
        ],
        io,
      );

    it('--proxy-password alone asks; CERTSCOPE_PROXY_PASSWORD works too', async () => {
      const asking = ioWith({ secret: password });
      expect(await verify(asking, '--proxy-password')).toBe(0);
      expect(asked.at(-1)).toBe('Proxy password: ');
      const fromEnv = ioWith({ env: { CERTSCOPE_PROXY_PASSWORD: password } });
      expect(await verify(fromEnv)).toBe(0);
      expect(fromEnv.out).toContain('fetched http://127.0.0.1');
    });
  });
});
