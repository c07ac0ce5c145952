// Helpers for the login contract tests: drive the sign-in pages over real HTTPS the way a browser without
// JavaScript would (form posts), and parse answers with jsdom (scripts never run).
import { request } from 'node:https';
import { JSDOM } from 'jsdom';

/** Parse without running any script (jsdom's default), like reading the served HTML. */
export function parseHtml(html: string): Document {
  return new JSDOM(html).window.document as unknown as Document;
}

/** The inline `$Config={...};` blob, read the way automation tools do: from `$Config=` up to `//]]>` (facts §1a). */
export function readConfig(html: string): Record<string, unknown> {
  const start = html.indexOf('$Config=');
  const end = html.indexOf('//]]>', start);
  if (start < 0 || end < 0) throw new Error('no $Config blob');
  const json = html.slice(start + '$Config='.length, end).trim().replace(/;$/, '');
  return JSON.parse(json) as Record<string, unknown>;
}

export interface Answer {
  status: number;
  location: string | null;
  html: string;
  doc: Document;
}

export async function get(url: string): Promise<Answer> {
  const res = await fetch(url, { redirect: 'manual' });
  const html = await res.text();
  return { status: res.status, location: res.headers.get('location'), html, doc: parseHtml(html) };
}

export async function postForm(url: string, fields: Record<string, string>): Promise<Answer> {
  const res = await fetch(url, { method: 'POST', body: new URLSearchParams(fields), redirect: 'manual' });
  const html = await res.text();
  return { status: res.status, location: res.headers.get('location'), html, doc: parseHtml(html) };
}

/**
 * The hidden fields of the page's form plus the given ones, posted to the form's action. The captured username page
 * (real-behaviour §1) is served without a form — its script builds one from `$Config` — so there the fields come
 * from `$Config` the same way: `ctx` = sCtx, `flowToken` = sFT, posted to urlPost.
 */
export async function submitForm(origin: string, page: Answer, fields: Record<string, string>): Promise<Answer> {
  const form = page.doc.querySelector('form');
  if (!form && page.html.includes('$Config=')) {
    const config = readConfig(page.html);
    if (typeof config.urlPost === 'string' && typeof config.sCtx === 'string') {
      return postForm(origin + config.urlPost, { ctx: config.sCtx, flowToken: String(config.sFT ?? ''), hpgrequestid: '', ...fields });
    }
  }
  if (!form) throw new Error('no form on the page');
  const values: Record<string, string> = {};
  for (const input of Array.from(form.querySelectorAll('input[type=hidden]'))) {
    const el = input as HTMLInputElement;
    values[el.name] = el.value;
  }
  return postForm(origin + form.getAttribute('action'), { ...values, ...fields });
}

/** GET with an explicit Host header (Node's fetch does not allow one): how a browser reaches a given host name. */
export function getWithHost(origin: string, path: string, host: string): Promise<{ status: number; body: string; headers: Record<string, unknown> }> {
  return new Promise((resolve, reject) => {
    const req = request(`${origin}${path}`, { headers: { host }, servername: host.replace(/:\d+$/, '') }, (res) => {
      let body = '';
      res.on('data', (chunk: Buffer) => (body += chunk.toString('utf8')));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body, headers: res.headers }));
    });
    req.on('error', reject);
    req.end();
  });
}
