// @vitest-environment jsdom
// shared/tenant.ts turns internationalised names into punycode with `new URL('https://' + host).hostname` instead
// of a hand-written encoder. That only holds if every place the core runs maps names the same way: Node (portal),
// jsdom (tests) and Chromium (the extension). Same inputs, same answers, in all three.
import { describe, expect, it } from 'vitest';
import { htmlDocument, jsdomWindow } from './support/dom.ts';
import { launchChromium } from '../support/browser.ts';

const CASES: [string, string][] = [
  ['Bücher.Example', 'xn--bcher-kva.example'],
  ['münchen.de', 'xn--mnchen-3ya.de'],
  ['例え.jp', 'xn--r8jz45g.jp'],
  ['ｃｏｎｔｏｓｏ．ｃｏｍ', 'contoso.com'],
  ['ÉCOLE.fr', 'xn--cole-9oa.fr'],
];

function hostnames(urlCtor: typeof URL): string[] {
  return CASES.map(([input]) => new urlCtor(`https://${input}/`).hostname);
}

describe('IDN to punycode through the URL parser', () => {
  const expected = CASES.map(([, out]) => out);

  it('Node maps names to punycode', async () => {
    const { URL: NodeURL } = await import('node:url');
    expect(hostnames(NodeURL as unknown as typeof URL)).toEqual(expected);
  });

  it('jsdom (the vitest environment and a JSDOM window) maps them the same way', () => {
    expect(hostnames(globalThis.URL)).toEqual(expected);
    const win = jsdomWindow('https://login.microsoftonline.com/');
    const fromWindow = win.eval(`${JSON.stringify(CASES.map((c) => c[0]))}.map((h) => new URL('https://' + h + '/').hostname)`) as string[];
    expect(fromWindow).toEqual(expected);
  });

  it('Chromium maps them the same way', async () => {
    const browser = await launchChromium();
    try {
      const page = await browser.context.newPage();
      const got = await page.evaluate((inputs) => inputs.map((h) => new URL(`https://${h}/`).hostname), CASES.map((c) => c[0]));
      expect(got).toEqual(expected);
    } finally {
      await browser.close();
    }
  });
});
