/**
 * The HTML report printed to PDF by Chromium (headless, through playwright-core) — the same page
 * the app prints with webContents.printToPDF. Needs a Chromium binary (Debian's `chromium`, or
 * CHROMIUM_PATH); says so plainly when there is none.
 */
import { existsSync } from 'node:fs';

export class PdfError extends Error {
  override name = 'PdfError';
}

export function findChromium(): string | undefined {
  return [
    process.env.CHROMIUM_PATH,
    '/usr/bin/chromium',
    '/usr/bin/chromium-browser',
    '/usr/bin/google-chrome',
  ].find((path): path is string => Boolean(path && existsSync(path)));
}

export async function htmlToPdf(html: string): Promise<Uint8Array> {
  const executablePath = findChromium();
  if (!executablePath)
    throw new PdfError('no Chromium found to print the PDF (install chromium or set CHROMIUM_PATH)');
  let playwright: typeof import('playwright-core');
  try {
    playwright = await import('playwright-core');
  } catch {
    throw new PdfError('printing a PDF needs playwright-core, which is not installed');
  }
  const browser = await playwright.chromium.launch({
    executablePath,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
  try {
    // The report has no script; a page without JavaScript can't do anything but be printed.
    const page = await (await browser.newContext({ javaScriptEnabled: false })).newPage();
    // The report is self-contained: block every request so printing can't reach the network.
    await page.route('**/*', (route) => route.abort());
    await page.setContent(html, { waitUntil: 'load' });
    return new Uint8Array(
      await page.pdf({
        format: 'A4',
        printBackground: true,
        margin: { top: '12mm', bottom: '12mm', left: '10mm', right: '10mm' },
      }),
    );
  } finally {
    await browser.close();
  }
}
