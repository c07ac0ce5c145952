// Watch Microsoft's sign-in page, classify it with the shared classifier, look the decision up in the plan the
// service worker made when the page loaded, and act once: synchronously, in the observer callback that sees the
// error. Everything from the outside world (document, URL, navigation, messaging, strings) is passed in.
import { classifySignInPageAt } from '../../../shared/signin-page.ts';
import type { PageDecision } from './decide.ts';
import type { ContentMessage, Snapshot } from './messages.ts';
import { decideByPlan } from './plan.ts';
import { showPanel, type Translate } from './panel.ts';

export interface GuardDeps {
  doc: Document;
  url(): string;
  navigate(url: string, replace: boolean): void;
  /** Send to the service worker; resolves with its answer (undefined when it could not answer). */
  ask(message: ContentMessage): Promise<unknown>;
  t: Translate;
  /** Called once with what was decided, and the (closed) panel root when one is shown: tests observe it. */
  onDecision?(decision: PageDecision, panel?: ShadowRoot): void;
}

function isSnapshot(value: unknown): value is Snapshot {
  const p = (value as Snapshot | undefined)?.plan;
  return !!p && typeof p.url === 'string' && typeof p.hint === 'string' && !!p.notFound && typeof (value as Snapshot).panelCss === 'string';
}

export function guardSignInPage(deps: GuardDeps): { stop(): void } {
  const { doc } = deps;
  let done = false;
  let snapshot: Snapshot | undefined;
  let scope: Node | undefined;

  const act = (decision: PageDecision, css: string) => {
    stop();
    if (decision.action === 'reroute') {
      // Navigate first (the old page lives on until the new one answers), then report: messages are ordered,
      // so the worker records the attempt before the next page asks for its snapshot.
      deps.navigate(decision.url, true);
      void deps.ask({ type: 'tried', tenant: decision.tenant, original: decision.original, loginHint: decision.loginHint, chosen: false });
      return deps.onDecision?.(decision);
    }
    if (decision.action === 'none') {
      void deps.ask({ type: 'log', kind: 'declined', reason: decision.reason });
      return deps.onDecision?.(decision);
    }
    void deps.ask(
      decision.action === 'choose'
        ? { type: 'log', kind: 'offered', reason: decision.notAt ? 'not-at-tenant' : 'several-tenants', tenant: decision.notAt }
        : { type: 'log', kind: 'explained', reason: decision.reason, tenant: decision.tenant },
    );
    const { root } = showPanel(doc.body ?? doc.documentElement, decision, deps.t, {
      async pick(target, tenant) {
        if (decision.action === 'choose') {
          await deps.ask({ type: 'tried', tenant, original: decision.original, loginHint: decision.loginHint, chosen: true });
        }
        deps.navigate(target, false);
      },
      openOptions: () => void deps.ask({ type: 'open-options' }),
    }, css);
    deps.onDecision?.(decision, root);
  };

  const check = () => {
    if (done || !snapshot) return;
    const url = deps.url();
    // The plan is for the address the page had when it asked; a changed address asks again.
    if (url !== askedAt) return askForPlan();
    const { plan } = snapshot;
    const decision = decideByPlan(classifySignInPageAt(doc, url, () => plan.endpoint), plan);
    if (decision.action !== 'none' || decision.final) act(decision, snapshot.panelCss);
  };

  // Observe as narrowly as the page allows: the whole document only until <body> exists (the sign-in
  // form is rendered into it), then just the body; attribute changes only for the ones that show/hide errors.
  const Observer = doc.defaultView?.MutationObserver ?? MutationObserver;
  const observer = new Observer(() => {
    if (scope !== doc.body && doc.body) observe(doc.body);
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
  function stop() {
    done = true;
    observer.disconnect();
  }
  let askedAt = '';
  function askForPlan() {
    snapshot = undefined;
    const url = (askedAt = deps.url());
    // No snapshot (worker unavailable) means no decision: the page stays exactly as Microsoft shows it.
    deps.ask({ type: 'page' }).then((answer) => {
      if (done || url !== askedAt) return;
      if (!isSnapshot(answer)) return stop();
      snapshot = answer;
      check();
    }, stop);
  }
  observe(doc.body ?? doc);
  askForPlan();
  return { stop };
}
