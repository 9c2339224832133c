#!/usr/bin/env node
// `npm start`: build, then open the Electron window — or, where the Electron runtime can't be
// had (offline or locked-down machines), say so in one line and serve the same UI in web mode.
import { spawn, spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

const require = createRequire(import.meta.url);
const run = (command, args, options = {}) => spawnSync(command, args, { stdio: 'inherit', ...options });

const build = run(process.execPath, [
  join(dirname(require.resolve('electron-vite/package.json')), 'bin/electron-vite.js'),
  'build',
]);
if (build.status !== 0) process.exit(build.status ?? 1);

// Asking for electron's path downloads the runtime on first use; do it in a child so a failed
// download can't take this process down, and keep its noise out of the user's way.
const probe = spawnSync(process.execPath, ['-e', "process.stdout.write(require('electron'))"], {
  encoding: 'utf8',
  timeout: 120_000,
});
const electronPath = probe.status === 0 ? probe.stdout.trim() : '';

if (electronPath && process.env.CERTSCOPE_FORCE_WEB !== '1') {
  const child = spawn(electronPath, ['.'], { stdio: 'inherit' });
  child.on('exit', (code) => process.exit(code ?? 0));
  forwardSignals(child);
} else {
  const reason = whyNoElectron(`${probe.stderr ?? ''}\n${probe.stdout ?? ''}`, probe.error);
  console.log(
    `Certscope: the Electron runtime is not available here (${reason}); serving the same UI in web mode instead.`,
  );
  const child = spawn(process.execPath, ['out/main/web.js', ...process.argv.slice(2)], { stdio: 'inherit' });
  child.on('exit', (code) => process.exit(code ?? 0));
  forwardSignals(child);
}

/**
 * One short reason from what asking for electron's path printed: that the binary is missing (and
 * why it could not be downloaded), else the first error line — never a trace's last line.
 */
function whyNoElectron(output, error) {
  if (error?.code === 'ETIMEDOUT') return 'the Electron binary is not installed and its download timed out';
  const network = /fetch failed|ENOTFOUND|EAI_AGAIN|ECONNREFUSED|ECONNRESET|ETIMEDOUT|HTTPError[^\n]*/.exec(
    output,
  );
  if (/failed to install correctly|Downloading Electron|path\.txt/i.test(output) || network)
    return `the Electron binary is not installed${network ? ` and could not be downloaded: ${network[0]}` : ''}`;
  const line = output
    .split('\n')
    .map((text) => text.trim())
    .find((text) => /^(\w*Error|Error)\b/.test(text));
  return line ?? 'electron did not say why';
}

/** A stop signal sent to `npm start` (not only Ctrl+C to the terminal) stops the app with it. */
function forwardSignals(child) {
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) process.on(signal, () => child.kill(signal));
}
