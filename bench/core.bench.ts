// Throughput of the pure core, each against a baseline measured in the same run on the same input.
//
// Method. A plain timing loop: warm up for WARMUP_MS (lets the JIT settle and picks a ~1 ms batch size), then
// SAMPLES samples of at least SAMPLE_MS each, alternating with the baseline's samples (A B A B …) so that load
// from other processes hits both alike; each sample divides calls by elapsed time, and the median is reported in
// operations per second. Results feed a sink so no call can be optimised away. Absolute figures depend on the
// machine's load (results.json records the load average); the ratio to the interleaved baseline much less so.
// - rewriteAuthority on a realistic /common/ v2 authorize URL (12 parameters, with login_hint), against the least
//   any URL handling costs: `new URL(u).toString()` on the same URL.
// - classifySignInPage on the jsdom document of the "couldn't find an account" fixture (the extension calls it on
//   every DOM mutation batch), against one bare `querySelector('#usernameError')` on the same document. Also on
//   the page with no error, which is what the classifier sees most of the time.
// - parseTenant on a Unicode domain, against the bare `new URL('https://' + host).hostname` it relies on.
// Goals are absolute budgets that matter to a person: the content script must decide well within one frame
// (16 ms), so rewrite ≤ 20 µs and classify ≤ 0.5 ms per call leave ample room; ratios are reported for context.
import type { BenchRow } from './row.ts';
import { rewriteAuthority } from '../shared/authority-rewrite.ts';
import { classifySignInPage } from '../shared/signin-page.ts';
import { parseTenant, type Tenant } from '../shared/tenant.ts';
import { GENERIC_URL, readSignInFixture } from '../test/fixtures/signin/manifest.ts';
import { htmlDocument } from '../test/unit/support/dom.ts';

const WARMUP_MS = 200;
const SAMPLE_MS = 250;
const SAMPLES = 5;

let sink = 0;

/** Calls per second of one sample of `fn`, running it in batches of `n` for at least SAMPLE_MS. */
function sample(fn: () => unknown, n: number): number {
  let calls = 0;
  const start = performance.now();
  let elapsed = 0;
  do {
    for (let i = 0; i < n; i++) if (fn()) sink++;
    calls += n;
    elapsed = performance.now() - start;
  } while (elapsed < SAMPLE_MS);
  return (calls / elapsed) * 1000;
}

/** Batch size that takes about a millisecond, found while warming `fn` up for WARMUP_MS. */
function warmUp(fn: () => unknown): number {
  let n = 1;
  const end = performance.now() + WARMUP_MS;
  while (performance.now() < end) {
    const t = performance.now();
    for (let i = 0; i < n; i++) if (fn()) sink++;
    if (performance.now() - t < 1 && n < 1 << 16) n *= 2;
  }
  return n;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

/**
 * Median ops/s of `fn` and of its `baseline`, sampled alternately (A B A B …) so that load from other processes on
 * this shared 2-core machine falls on both alike and the ratio stays meaningful even when absolute figures drop.
 */
function compare(fn: () => unknown, baseline: () => unknown): { value: number; baseline: number } {
  const nA = warmUp(fn);
  const nB = warmUp(baseline);
  const a: number[] = [];
  const b: number[] = [];
  for (let s = 0; s < SAMPLES; s++) {
    a.push(sample(fn, nA));
    b.push(sample(baseline, nB));
  }
  return { value: median(a), baseline: median(b) };
}

function row(measure: string, m: { value: number; baseline: number }, baselineLabel: string, goalOps: number, goal: string): BenchRow {
  const { value, baseline } = m;
  return {
    measure,
    value: Math.round(value),
    unit: 'ops/s',
    baseline: { label: baselineLabel, value: Math.round(baseline) },
    ratio: Number((value / baseline).toFixed(3)),
    goal,
    met: value >= goalOps,
  };
}

function tenantOf(input: string): Tenant {
  const r = parseTenant(input);
  if (!r.ok) throw new Error(r.message);
  return r.tenant;
}

export default async function coreBench(): Promise<BenchRow[]> {
  const tenant = tenantOf('ezaz2281.onmicrosoft.com');
  const url =
    'https://login.microsoftonline.com/common/oauth2/v2.0/authorize?client_id=c0ffee00-b2b0-4c0d-9e57-000000000001' +
    '&response_type=code&redirect_uri=https%3A%2F%2Fmyapps.microsoft.com%2Fsignin-oidc&response_mode=form_post' +
    '&scope=openid+profile+offline_access&state=OpenIdConnect.AuthenticationProperties%3DAbCdEf&nonce=638691234567890123.ZmFrZQ%3d%3d' +
    '&code_challenge=E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM&code_challenge_method=S256&x-client-SKU=ID_NET8_0&x-client-ver=8.1.0.0&sso_reload=true';
  const check = rewriteAuthority(url, tenant, { loginHint: 'jane.doe@gmail.com' });
  if (check.action !== 'reroute') throw new Error(`benchmark input does not reroute: ${JSON.stringify(check)}`);

  const rewrite = compare(() => rewriteAuthority(url, tenant, { loginHint: 'jane.doe@gmail.com' }), () => new URL(url).toString());

  const errorDoc = htmlDocument(readSignInFixture('converged-en-account-not-found.html'), GENERIC_URL);
  const quietDoc = htmlDocument(readSignInFixture('converged-en-no-error.html'), GENERIC_URL);
  if (classifySignInPage(errorDoc).state !== 'account-not-found') throw new Error('benchmark fixture does not classify');
  const classifyError = compare(() => classifySignInPage(errorDoc), () => errorDoc.querySelector('#usernameError'));
  const classifyQuiet = compare(() => classifySignInPage(quietDoc), () => quietDoc.querySelector('#usernameError'));
  const parse = compare(() => parseTenant('Bücher-Gruppe.Example.'), () => new URL('https://Bücher-Gruppe.Example./').hostname);

  void sink;
  return [
    row('rewriteAuthority (/common/ v2 authorize, 12 params + login_hint)', rewrite, 'new URL(u).toString()', 50_000, '≥ 50,000 ops/s (≤ 20 µs)'),
    row('classifySignInPage, error shown (jsdom)', classifyError, "bare querySelector('#usernameError')", 2_000, '≥ 2,000 ops/s (≤ 0.5 ms)'),
    row('classifySignInPage, no error (jsdom)', classifyQuiet, "bare querySelector('#usernameError')", 2_000, '≥ 2,000 ops/s (≤ 0.5 ms)'),
    row('parseTenant (IDN domain)', parse, "new URL('https://'+host).hostname", 50_000, '≥ 50,000 ops/s (≤ 20 µs)'),
  ];
}
