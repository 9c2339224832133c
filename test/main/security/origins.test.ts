/**
 * The Electron shell's own-origin checks (IPC senders, navigation): parsed URLs, not prefixes —
 * `startsWith` let `http://localhost:5173@evil.example/` and `app://certscope.evil/` through.
 */
import { describe, expect, it } from 'vitest';
import { isOwnOrigin } from '../../../src-main/security/origins';

const app = 'app://certscope';
const dev = 'http://localhost:5173';

describe('isOwnOrigin', () => {
  it.each([
    'app://certscope/index.html',
    'app://certscope/',
    'http://localhost:5173/',
    'http://localhost:5173/src/main.ts?x=1#y',
  ])('accepts %s', (url) => {
    expect(isOwnOrigin(url, [app, dev])).toBe(true);
  });

  it.each([
    'http://localhost:5173@evil.example/',
    'http://localhost:5173.evil.example/',
    'http://localhost:51730/',
    'http://user:pw@localhost:5173/',
    'https://localhost:5173/',
    'app://certscope.evil/',
    'app://certscope@evil/',
    'app://evil/certscope',
    'file:///app/certscope',
    'javascript:alert(1)//app://certscope',
    'not a url',
    '',
  ])('refuses %s', (url) => {
    expect(isOwnOrigin(url, [app, dev])).toBe(false);
  });

  it('accepts nothing from an empty list', () => {
    expect(isOwnOrigin('app://certscope/index.html', [])).toBe(false);
  });
});
