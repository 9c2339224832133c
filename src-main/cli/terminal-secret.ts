/** Reading a secret from the terminal without echo (or one line of standard input). */
import { UsageError } from './usage-error';

/**
 * Asks on the terminal with echo off (raw mode: each key is read, nothing is printed), or reads
 * one line from standard input when it is not a terminal. Ctrl-C aborts; Ctrl-D ends the line.
 */
export function readSecretFromTerminal(prompt: string): Promise<string> {
  const input = process.stdin;
  if (!input.isTTY) return readLine(input);
  return new Promise((resolve, reject) => {
    // Echo off before the prompt shows: nothing typed after it can appear on the screen.
    input.setRawMode(true);
    process.stderr.write(prompt);
    let secret = '';
    const finish = (error?: Error) => {
      input.setRawMode(false);
      input.pause();
      input.off('data', onData);
      process.stderr.write('\n');
      if (error) reject(error);
      else resolve(secret);
    };
    const onData = (chunk: Buffer) => {
      for (const char of chunk.toString('utf8')) {
        if (char === '\r' || char === '\n' || char === '\u0004') return finish();
        if (char === '\u0003') return finish(new UsageError('cancelled'));
        if (char === '\u007f' || char === '\b') secret = [...secret].slice(0, -1).join('');
        else if (char >= ' ') secret += char;
      }
    };
    input.on('data', onData);
    input.resume();
  });
}

function readLine(input: NodeJS.ReadStream): Promise<string> {
  return new Promise((resolve) => {
    let text = '';
    const done = () => {
      input.off('data', onData);
      input.off('end', done);
      input.pause();
      resolve(text.split(/\r?\n/)[0] ?? '');
    };
    const onData = (chunk: Buffer) => {
      text += chunk.toString('utf8');
      if (text.includes('\n')) done();
    };
    input.on('data', onData);
    input.once('end', done);
    input.resume();
  });
}
