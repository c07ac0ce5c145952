// Watch Microsoft's sign-in page, classify it with the shared classifier, look the decision up in the plan the
// service worker made when the page loaded, and act: synchronously, in the observer callback that sees the error.
// The page's real life cycle (real-behaviour reference §1): the body is built by script after load, the error node
// is inserted late, removed when the guest edits the address, and inserted again — so a panel follows the error
// (gone when it goes, shown anew with the new address when it comes back), while a navigation or a final "no" ends
// the watch. It also tells the worker what the guest did (trusted events only): typed an address and submitted the
// username step; submitted a password or passcode, or pressed Accept. Everything from the outside world (document,
// URL, navigation, messaging, strings) is passed in.
import { classifySignInPageAt, credentialValue, errorWatch, isAcceptButton, isUsernameInput, signInStep } from '../../../shared/signin-page.ts';
import type { PageDecision } from '../common/decision.ts';
import type { ContentMessage, Snapshot } from '../common/messages.ts';
import { decideByPlan } from './plan.ts';
import { showPanel, type Translate } from './panel.ts';

export interface GuardDeps {
  doc: Document;
  url(): string;
  navigate(url: string, replace: boolean): void;
  /** Send to the service worker; resolves with its answer (undefined when it could not answer). */
  ask(message: ContentMessage): Promise<unknown>;
  /** Register for snapshots the worker pushes later (the policy store answered after the page loaded). */
  onPush?(listener: (snapshot: unknown) => void): void;
  t: Translate;
  /** Called with each decision acted on, and the (closed) panel root when one is shown: tests observe it. */
  onDecision?(decision: PageDecision, panel?: ShadowRoot): void;
}

export function isSnapshot(value: unknown): value is Snapshot {
  const p = (value as Snapshot | undefined)?.plan;
  return !!p && typeof p.url === 'string' && typeof p.hint === 'string' && !!p.username && typeof (value as Snapshot).panelCss === 'string';
}

export function guardSignInPage(deps: GuardDeps): { stop(): void } {
  const { doc } = deps;
  let done = false;
  let snapshot: Snapshot | undefined;
  let scope: Node | undefined;
  /** What is on screen now: the decision's key and the panel showing it (if any). */
  let shown: { key: string; host?: HTMLElement } | undefined;
  /** mayShowError for this document, cheap to ask on every change (made when first asked). */
  let mayShowError: (() => boolean) | undefined;

  const keyOf = (d: PageDecision) => JSON.stringify(d);

  const clearPanel = () => {
    shown?.host?.remove();
    shown = undefined;
  };

  const act = (decision: PageDecision, css: string) => {
    if (decision.action === 'reroute') {
      stop();
      // Navigate first (the old page lives on until the new one answers), then report: messages are ordered,
      // so the worker records the attempt before the next page asks for its snapshot.
      deps.navigate(decision.url, true);
      void deps.ask({ type: 'tried', tenant: decision.tenant, original: decision.original, loginHint: decision.loginHint, chosen: false });
      return deps.onDecision?.(decision);
    }
    if (decision.action === 'none') {
      stop();
      void deps.ask({ type: 'log', kind: 'declined', reason: decision.reason });
      return deps.onDecision?.(decision);
    }
    const key = keyOf(decision);
    if (shown?.key === key) return; // the same answer is already on screen
    clearPanel();
    void deps.ask(
      decision.action === 'choose'
        ? { type: 'log', kind: 'offered', reason: decision.reason, tenant: decision.notAt }
        : { type: 'log', kind: 'explained', reason: decision.reason, tenant: decision.tenant },
    );
    const { host, root } = showPanel(doc.body ?? doc.documentElement, decision, deps.t, {
      async pick(target, tenant) {
        stop();
        if (decision.action === 'choose') {
          await deps.ask({ type: 'tried', tenant, original: decision.original, loginHint: decision.loginHint, chosen: true });
        }
        deps.navigate(target, false);
      },
      openOptions: () => void deps.ask({ type: 'open-options' }),
    }, css);
    shown = { key, host };
    deps.onDecision?.(decision, root);
  };

  const check = () => {
    if (done || !snapshot) return;
    // Nothing needs watching before the plan is there: its arrival checks the page as it is then.
    if (!scope) observe(doc.body ?? doc);
    // Most DOM changes (the page building itself) show no error: a few look-ups, no classification, and not even
    // the page's address (location.href costs as much, read from the content script's world).
    if (!shown && !(mayShowError ??= errorWatch(doc))()) return;
    // The plan is for the address the page had when it asked; a changed address asks again (so does a submit).
    const url = deps.url();
    if (url !== askedAt) return askForPlan();
    const { plan } = snapshot;
    const decision = decideByPlan(classifySignInPageAt(doc, url, () => plan.endpoint), plan);
    if (decision.action !== 'none' || decision.final) return act(decision, snapshot.panelCss);
    // The error went away (the guest is editing the address): so does the panel that answered it.
    if (shown?.host?.isConnected) clearPanel();
  };

  // Observe as narrowly as the page allows: the whole document only until <body> exists (the sign-in
  // form is rendered into it), then just the body; attribute changes only for the ones that show/hide errors.
  // This callback runs for every step of Microsoft's script building the page (≈ 40 on the real page), so it does
  // as little as it can: it is not even registered before the plan is there, and it reads none of the records
  // (each node touched gets a wrapper in this world).
  const Observer = doc.defaultView?.MutationObserver ?? MutationObserver;
  const observer = new Observer((records) => {
    if (done) return;
    if (scope === doc) {
      const body = doc.body;
      if (body) observe(body);
    }
    if (!snapshot) return;
    const host = shown?.host;
    // Our own panel's host going in or out is not the page changing.
    if (host && records.every((r) => r.type === 'childList' && [...r.addedNodes, ...r.removedNodes].every((n) => n === host))) return;
    check();
  });
  const observe = (node: Node) => {
    observer.disconnect();
    scope = node;
    observer.observe(node, {
      childList: true,
      subtree: true,
      characterData: true,
      attributes: true,
      attributeFilter: ['class', 'style', 'hidden', 'aria-hidden'],
    });
  };

  // What the guest does. Only events the browser marks as trusted count: a page script cannot fake them.
  let typed = false;
  let reportedTyped = false;
  let reportedCredential = false;
  const onInput = (e: Event) => {
    if (!e.isTrusted || !(e.target instanceof Element) || !isUsernameInput(e.target)) return;
    typed = true;
    doc.removeEventListener('input', onInput, true); // known now: the guest's further keystrokes cost nothing here
  };
  const onSubmitIntent = (e: Event) => {
    if (!e.isTrusted || !(e.target instanceof Element)) return;
    if (e.type === 'keydown' && (e as KeyboardEvent).key !== 'Enter') return;
    if (e.type === 'click' && !e.target.closest('button, input[type="submit"], input[type="button"]')) return;
    // A submit is what makes the page look the address up: if the page's address changed meanwhile (the observer
    // no longer reads it on every change), the plan for the new one is asked for now, before an answer can show.
    if (!done && snapshot && deps.url() !== askedAt) askForPlan();
    const mayReportTyped = typed && !reportedTyped;
    if (!mayReportTyped && reportedCredential) return;
    // Without a typed address to report, only a credential can be: a usable password or passcode input with a
    // value, or a click on Accept. Those two reads are cheaper than working out the step, and usually say no.
    if (!mayReportTyped && credentialValue(doc, false) === '' && !(e.type === 'click' && isAcceptButton(e.target))) return;
    const step = signInStep(doc, false);
    if (step === 'username' && typed && !reportedTyped) {
      reportedTyped = true;
      void deps.ask({ type: 'typed' });
    } else if (!reportedCredential) {
      const secret = step === 'password' || step === 'passcode';
      if (secret ? credentialValue(doc, false) === '' : !(e.type === 'click' && isAcceptButton(e.target))) return;
      reportedCredential = true;
      void deps.ask({ type: 'credential', step: secret ? 'secret' : 'accept' });
    }
  };
  doc.addEventListener('input', onInput, true);
  for (const type of ['click', 'keydown', 'submit']) doc.addEventListener(type, onSubmitIntent, true);

  function stop() {
    done = true;
    observer.disconnect();
  }
  let askedAt = '';
  function askForPlan() {
    snapshot = undefined;
    const url = (askedAt = deps.url());
    // No snapshot (worker unavailable) means no decision: the page stays exactly as Microsoft shows it.
    deps.ask({ type: 'page', fresh: arrivedFromElsewhere(doc, url) }).then((answer) => {
      if (done || url !== askedAt) return;
      if (!isSnapshot(answer)) return stop();
      snapshot = answer;
      check();
    }, stop);
  }
  deps.onPush?.((answer) => {
    if (done || !isSnapshot(answer) || answer.plan.url !== askedAt) return;
    snapshot = answer;
    shown = shown && { ...shown, key: '' }; // decide again on the final plan, replacing a provisional panel
    check();
  });
  askForPlan();
  return { stop };
}

/** The tab came here from another site (a link or redirect elsewhere): a new sign-in, as far as memory goes. */
function arrivedFromElsewhere(doc: Document, url: string): boolean {
  try {
    return doc.referrer !== '' && new URL(doc.referrer).origin !== new URL(url).origin;
  } catch {
    return false;
  }
}
