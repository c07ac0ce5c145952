// The sign-in page's decisions, made in advance. When a page loads, the service worker (which holds the settings,
// the sign-in memory and the URL/tenant parser) runs decidePage for every state the page can reach and hands the
// page the answers; when an error appears the content script only looks its answer up, synchronously. This keeps
// the rewrite and tenant parser out of the content script (size) and any work out of the moment that counts.
import type { SignInPageState } from '../../../shared/signin-page.ts';
import type { PageDecision, Plan } from '../common/decision.ts';

/** Put the typed address where the stand-in is: raw in loginHint, URL-encoded in the login_hint of rebuilt requests. */
function withAddress(d: PageDecision, hint: string, address: string): PageDecision {
  const put = (url: string) => url.split(hint).join(encodeURIComponent(address));
  if (d.action === 'reroute') return { ...d, url: put(d.url), loginHint: address };
  if (d.action === 'choose') return { ...d, loginHint: address, choices: d.choices.map((c) => ({ ...c, url: put(c.url) })) };
  return d;
}

/**
 * The decision for the page's state, looked up in `plan`: the same answer decidePage gives for plan's URL,
 * settings and memory. `page.username` must be usable as a login hint (classifySignInPage only reports such).
 */
export function decideByPlan(page: SignInPageState, plan: Plan): PageDecision {
  if (page.state === 'none') return { action: 'none', reason: page.reason, final: false };
  if (page.state === 'aadsts-error') {
    return plan.aadsts[page.code] ?? plan.otherCode ?? { action: 'none', reason: 'aadsts-' + page.code, final: false };
  }
  if (page.state === 'personal-account-not-allowed') return plan.personal;
  const entry = plan.username[page.state];
  return page.username ? withAddress(entry.as, plan.hint, page.username) : entry.plain;
}
