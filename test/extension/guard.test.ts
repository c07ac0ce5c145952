// @vitest-environment jsdom
// The sign-in page behaviour in jsdom: the content script's guard wired to the service worker's real message
// handler over in-memory storage, with both page markups and two page languages.
import { describe, expect, it } from 'vitest';
import { guardSignInPage } from '../../extension/src/content-script/guard.ts';
import type { PageDecision } from '../../extension/src/worker/decide.ts';
import { createMessageHandler, type BackgroundDeps } from '../../extension/src/worker/handle-message.ts';
import { readActivity } from '../../extension/src/common/activity.ts';
import { readUserTenants, type Mode } from '../../extension/src/common/settings.ts';
import { aadstsErrorPage, showUsernameError, signInPage, TEXT, typeAddress, type Lang, type Markup, type Page } from './fixtures/pages.ts';
import { memoryArea, settle, translator } from './support.ts';
import { REAL_TEXT, servedPage, usernameErrorNode, usernameStepBody } from '../fixtures/signin/real-pages.ts';

const DEMO = 'ezaz2281.onmicrosoft.com';
const PARTNER = 'fabrikampartners.onmicrosoft.com';
const QUERY =
  'client_id=c0ffee00-b2b0-4c0d-9e57-000000000001&redirect_uri=https%3A%2F%2Fmyapps.microsoft.com%2Fsignin-oidc&response_type=code&scope=openid&state=st-123&nonce=no-456';
const COMMON = `https://login.microsoftonline.com/common/oauth2/v2.0/authorize?${QUERY}`;
const GMAIL = 'jane.doe@gmail.com';

/** One browser profile: its stores and the options pages it opened. */
function browserProfile(opts: { tenants?: { value: string; portalUrl?: string }[]; mode?: Mode; managed?: Record<string, unknown> } = {}) {
  const opened: number[] = [];
  const deps: BackgroundDeps & { local: ReturnType<typeof memoryArea>; session: ReturnType<typeof memoryArea> } = {
    local: memoryArea({
      ...(opts.mode ? { mode: opts.mode } : {}),
      tenants: (opts.tenants ?? []).map((t) => ({ tenant: { kind: 'onmicrosoft', value: t.value }, portalUrl: t.portalUrl, source: 'manual', addedAt: 1 })),
    }),
    managed: memoryArea(opts.managed ?? {}),
    session: memoryArea(),
    now: () => 5000,
    openOptions: () => void opened.push(1),
    later: (job: () => Promise<unknown>) => void job(),
  };
  return { deps, opened, worker: createMessageHandler(deps) };
}
type Profile = ReturnType<typeof browserProfile>;

/** Load `page` in tab 1 of `profile` with the content script running. */
async function load(profile: Profile, page: Page) {
  const navigations: { url: string; replace: boolean }[] = [];
  const decisions: { decision: PageDecision; panel?: ShadowRoot }[] = [];
  guardSignInPage({
    doc: page.document,
    url: () => page.url,
    navigate: (url, replace) => navigations.push({ url, replace }),
    ask: (m) => profile.worker.handle(m, { tabId: 1, url: page.url }),
    t: translator(),
    onDecision: (decision, panel) => decisions.push({ decision, panel }),
  });
  await settle();
  return { page, navigations, decisions };
}

async function failUsername(r: { page: Page }, text: string, address = GMAIL) {
  typeAddress(r.page, address);
  showUsernameError(r.page, text);
  await settle();
}

async function click(button: Element) {
  (button as HTMLButtonElement).click();
  await settle();
}

describe.each([
  ['converged', 'en'],
  ['converged', 'ja'],
  ['fluent', 'en'],
  ['fluent', 'ja'],
] as const satisfies readonly (readonly [Markup, Lang])[])('account not found at /common/ (%s markup, %s page)', (markup, lang) => {
  it('with one known tenant, the same request goes to that tenant at once, with login_hint', async () => {
    const profile = browserProfile({ tenants: [{ value: DEMO }] });
    const r = await load(profile, signInPage(COMMON, markup, lang));
    expect(r.navigations).toEqual([]);
    await failUsername(r, TEXT[lang].notFound);
    expect(r.navigations).toHaveLength(1);
    const { url, replace } = r.navigations[0]!;
    expect(replace).toBe(true);
    const target = new URL(url);
    expect(target.host).toBe('login.microsoftonline.com');
    expect(target.pathname).toBe(`/${DEMO}/oauth2/v2.0/authorize`);
    for (const [k, v] of new URL(COMMON).searchParams) expect(target.searchParams.get(k)).toBe(v);
    expect(target.searchParams.get('login_hint')).toBe(GMAIL);
    expect((await readActivity(profile.deps.local))[0]).toEqual({ at: 5000, kind: 'rerouted', reason: 'account-not-found', tenant: DEMO });
  });
});

describe('acting once, and never looping', () => {
  it('nothing happens while no error is shown', async () => {
    const r = await load(browserProfile({ tenants: [{ value: DEMO }] }), signInPage(COMMON));
    typeAddress(r.page, GMAIL);
    r.page.document.getElementById('loginHeader')!.textContent = 'Sign in!';
    await settle();
    expect(r.navigations).toEqual([]);
    expect(r.decisions).toEqual([]);
  });

  it('when the page’s address changed after it loaded, the request at the new address is the one sent on', async () => {
    const r = await load(browserProfile({ tenants: [{ value: DEMO }] }), signInPage(COMMON));
    r.page.url = COMMON.replace('state=st-123', 'state=st-999');
    await failUsername(r, TEXT.en.notFound);
    expect(r.navigations).toHaveLength(1);
    const target = new URL(r.navigations[0]!.url);
    expect(target.pathname).toBe(`/${DEMO}/oauth2/v2.0/authorize`);
    expect(target.searchParams.get('state')).toBe('st-999');
    expect(target.searchParams.get('login_hint')).toBe(GMAIL);
  });

  it('acts once even if the page keeps changing afterwards', async () => {
    const r = await load(browserProfile({ tenants: [{ value: DEMO }] }), signInPage(COMMON));
    await failUsername(r, TEXT.en.notFound);
    showUsernameError(r.page, TEXT.en.notFound + ' ');
    r.page.document.body.append(r.page.document.createElement('div'));
    await settle();
    expect(r.navigations).toHaveLength(1);
  });

  it('when the tenant picked first does not know the address, the other one is offered, not taken', async () => {
    const profile = browserProfile({ tenants: [{ value: DEMO }, { value: PARTNER }] });
    const first = await load(profile, signInPage(COMMON));
    await failUsername(first, TEXT.en.notFound);
    const chooser = first.decisions[0]!;
    expect(chooser.decision.action).toBe('choose');
    const buttons = [...chooser.panel!.querySelectorAll('li button')];
    expect(buttons.map((b) => b.textContent)).toEqual([DEMO, PARTNER]);
    await click(buttons[0]!);
    const atDemo = first.navigations[0]!.url;
    expect(new URL(atDemo).pathname).toBe(`/${DEMO}/oauth2/v2.0/authorize`);

    const second = await load(profile, signInPage(atDemo));
    await failUsername(second, TEXT.en.mayBeIncorrect);
    expect(second.navigations).toEqual([]);
    const offered = second.decisions[0]!;
    expect(offered.decision).toMatchObject({ action: 'choose', notAt: DEMO, choices: [{ tenant: PARTNER, sameRequest: true }] });
    expect(offered.panel!.textContent).toContain(`${DEMO} doesn't know this address as a guest`);
    await click(offered.panel!.querySelector('li button')!);
    const atPartner = new URL(second.navigations[0]!.url);
    expect(atPartner.pathname).toBe(`/${PARTNER}/oauth2/v2.0/authorize`);
    expect(atPartner.searchParams.get('state')).toBe('st-123');
    expect(atPartner.searchParams.get('login_hint')).toBe(GMAIL);

    const third = await load(profile, signInPage(atPartner.href));
    await failUsername(third, TEXT.en.mayBeIncorrect);
    expect(third.navigations).toEqual([]);
    expect(third.decisions[0]!.decision).toMatchObject({ action: 'explain', key: 'explainNoTenantLeft' });
  });

  it('with a single known tenant that does not know the address, the guest gets an explanation, not a bounce', async () => {
    const profile = browserProfile({ tenants: [{ value: PARTNER }] });
    const first = await load(profile, signInPage(COMMON));
    await failUsername(first, TEXT.en.notFound);
    const second = await load(profile, signInPage(first.navigations[0]!.url));
    await failUsername(second, TEXT.en.mayBeIncorrect);
    expect(second.navigations).toEqual([]);
    expect(second.decisions[0]!.decision).toMatchObject({ action: 'explain', key: 'explainNoTenantLeft', tenant: PARTNER });
    // Back at /common/ in the same tab (Back button): the tenant already tried is not taken again.
    const back = await load(profile, signInPage(COMMON));
    await failUsername(back, TEXT.en.notFound);
    expect(back.navigations).toEqual([]);
    expect(back.decisions[0]!.decision).toMatchObject({ action: 'explain', key: 'explainNoTenantLeft' });
  });

  it('another tab starts afresh: attempt memory is per tab', async () => {
    const profile = browserProfile({ tenants: [{ value: DEMO }] });
    const first = await load(profile, signInPage(COMMON));
    await failUsername(first, TEXT.en.notFound);
    const page = signInPage(COMMON);
    const navigations: string[] = [];
    guardSignInPage({
      doc: page.document,
      url: () => page.url,
      navigate: (url) => navigations.push(url),
      ask: (m) => profile.worker.handle(m, { tabId: 2, url: page.url }),
      t: translator(),
    });
    await failUsername({ page }, TEXT.en.notFound);
    expect(navigations).toHaveLength(1);
  });
});

describe('modes and what is known', () => {
  it('mode off: nothing happens, and the decline is logged with its reason', async () => {
    const profile = browserProfile({ tenants: [{ value: DEMO }], mode: 'off' });
    const r = await load(profile, signInPage(COMMON));
    await failUsername(r, TEXT.en.notFound);
    expect(r.navigations).toEqual([]);
    expect(r.decisions[0]!.panel).toBeUndefined();
    expect((await readActivity(profile.deps.local))[0]).toEqual({ at: 5000, kind: 'declined', reason: 'mode-off' });
  });

  it('mode ask: even a single tenant is offered rather than taken', async () => {
    const r = await load(browserProfile({ tenants: [{ value: DEMO }], mode: 'ask' }), signInPage(COMMON));
    await failUsername(r, TEXT.en.notFound);
    expect(r.navigations).toEqual([]);
    expect(r.decisions[0]!.decision.action).toBe('choose');
  });

  it('no tenant known: the page explains how to add one and offers the options', async () => {
    const profile = browserProfile();
    const r = await load(profile, signInPage(COMMON));
    await failUsername(r, TEXT.en.notFound);
    const panel = r.decisions[0]!.panel!;
    expect(panel.textContent).toContain('add the organisation in the guestpass options');
    await click([...panel.querySelectorAll('button')].find((b) => b.textContent === 'Open guestpass options')!);
    expect(profile.opened).toEqual([1]);
  });

  it('a managed policy can switch it off for everyone', async () => {
    const r = await load(browserProfile({ tenants: [{ value: DEMO }], managed: { mode: 'off' } }), signInPage(COMMON));
    await failUsername(r, TEXT.en.notFound);
    expect(r.navigations).toEqual([]);
  });

  it('an unknown address typed straight at a tenant endpoint gets an explanation with that tenant’s portal', async () => {
    const profile = browserProfile({ managed: { tenants: [{ tenant: DEMO, portalUrl: 'https://portal.example/t/ezaz' }] } });
    const r = await load(profile, signInPage(`https://login.microsoftonline.com/${DEMO}/oauth2/v2.0/authorize?${QUERY}`));
    await failUsername(r, TEXT.en.mayBeIncorrect, 'nobody@gmail.com');
    expect(r.navigations).toEqual([]);
    const link = r.decisions[0]!.panel!.querySelector('a')!;
    expect(link.href).toBe('https://portal.example/t/ezaz');
    expect(link.textContent).toBe('Ask for the invitation again');
  });
});

describe('other guest errors are explained in plain words', () => {
  it.each([
    [50020, 'private'],
    [50034, 'right organisation'],
    [90072, 'send (or send again) your invitation'],
    [16000, 'send (or send again) your invitation'],
  ])('AADSTS%i', async (code, words) => {
    const profile = browserProfile({ tenants: [{ value: DEMO, portalUrl: 'https://portal.example/t/ezaz' }] });
    const r = await load(profile, aadstsErrorPage(`https://login.microsoftonline.com/${DEMO}/oauth2/v2.0/authorize?${QUERY}`, code));
    expect(r.decisions[0]!.decision).toMatchObject({ action: 'explain', reason: `aadsts-${code}` });
    expect(r.decisions[0]!.panel!.textContent).toContain(words);
    expect(r.decisions[0]!.panel!.querySelector('a')!.href).toBe('https://portal.example/t/ezaz');
    expect(r.navigations).toEqual([]);
  });
});

describe('learning from what the browser visits', () => {
  it('a redemption link teaches the tenant in it, with its source and time', async () => {
    const profile = browserProfile();
    const rd = encodeURIComponent(`https://invitations.microsoft.com/redeem/?tenant=7f3c2281-b2b0-4e5a-9c1d-3e8f5a6b2281&user=abc&ticket=t&ver=2.0`);
    await load(profile, signInPage(`https://login.microsoftonline.com/redeem?rd=${rd}`));
    expect(await readUserTenants(profile.deps.local)).toEqual([
      { tenant: { kind: 'guid', value: '7f3c2281-b2b0-4e5a-9c1d-3e8f5a6b2281' }, source: 'redemption-link', addedAt: 5000 },
    ]);
  });

  it('a tenant-specific sign-in URL teaches its tenant; /common/, /organizations/ and /consumers/ teach nothing', async () => {
    const profile = browserProfile();
    for (const generic of ['common', 'organizations', 'consumers']) {
      await load(profile, signInPage(`https://login.microsoftonline.com/${generic}/oauth2/v2.0/authorize?${QUERY}`));
    }
    expect(await readUserTenants(profile.deps.local)).toEqual([]);
    await load(profile, signInPage(`https://login.microsoftonline.com/${PARTNER}/oauth2/v2.0/authorize?${QUERY}`));
    expect((await readUserTenants(profile.deps.local)).map((t) => [t.tenant.value, t.source])).toEqual([[PARTNER, 'tenant-url']]);
  });

  it('a tenant learned from a URL is a candidate: the next dead end offers it, it does not go there', async () => {
    const profile = browserProfile();
    await load(profile, signInPage(`https://login.microsoftonline.com/${PARTNER}/oauth2/v2.0/authorize?${QUERY}`));
    const r = await load(profile, signInPage(COMMON));
    await failUsername(r, TEXT.en.notFound);
    expect(r.navigations).toEqual([]);
    expect(r.decisions[0]!.decision).toMatchObject({ action: 'choose', intro: 'chooseUnconfirmed', choices: [{ tenant: PARTNER, trusted: false }] });
    expect(r.decisions[0]!.panel!.textContent).toContain('seen in a link, not confirmed');
  });
});

describe('the real page’s life cycle (real-behaviour reference §1)', () => {
  const realPage = (url = COMMON): Page => ({ document: new DOMParser().parseFromString(servedPage(), 'text/html'), url });
  const build = (p: Page) => {
    p.document.body.innerHTML = usernameStepBody();
    p.document.body.removeAttribute('style');
  };
  const showError = (p: Page, address: string) => {
    p.document.querySelector<HTMLInputElement>('#i0116')!.value = address;
    p.document.querySelector('[role=alert]')!.innerHTML = usernameErrorNode(REAL_TEXT.notFoundHtml);
  };
  const removeError = (p: Page) => p.document.getElementById('usernameError')!.remove();

  it('a panel follows the error: shown late, gone when the error goes, shown again for the new address', async () => {
    const r = await load(browserProfile({ tenants: [{ value: DEMO }, { value: PARTNER }] }), realPage());
    build(r.page);
    await settle();
    expect(r.decisions).toEqual([]);
    showError(r.page, GMAIL);
    await settle();
    expect(r.decisions).toHaveLength(1);
    expect(r.page.document.querySelector('[data-guestpass]')).not.toBeNull();
    removeError(r.page);
    await settle();
    expect(r.page.document.querySelector('[data-guestpass]')).toBeNull();
    showError(r.page, 'lee.partner@gmail.com');
    await settle();
    expect(r.decisions).toHaveLength(2);
    const second = r.decisions[1]!.decision;
    expect(second.action === 'choose' && new URL(second.choices[0]!.url).searchParams.get('login_hint')).toBe('lee.partner@gmail.com');
    expect(r.page.document.querySelectorAll('[data-guestpass]')).toHaveLength(1);
    expect(r.navigations).toEqual([]);
  });

  it('with one trusted tenant, the error inserted late (body built by script) reroutes at once', async () => {
    const r = await load(browserProfile({ tenants: [{ value: DEMO }] }), realPage());
    build(r.page);
    await settle();
    showError(r.page, GMAIL);
    await settle();
    expect(r.navigations).toHaveLength(1);
    expect(new URL(r.navigations[0]!.url).pathname).toBe(`/${DEMO}/oauth2/v2.0/authorize`);
  });

  it('events a page script makes up (untrusted) never tell the worker the guest typed or signed in', async () => {
    const profile = browserProfile();
    const r = await load(profile, signInPage(`https://login.microsoftonline.com/${PARTNER}/oauth2/v2.0/authorize?${QUERY}`));
    const input = r.page.document.querySelector<HTMLInputElement>('#i0116')!;
    input.value = GMAIL;
    input.dispatchEvent(new Event('input', { bubbles: true }));
    (r.page.document.querySelector('#idSIButton9') as HTMLElement).click();
    await settle();
    expect(profile.deps.session.data['signin.1']).toMatchObject({ typed: false });
  });
});
