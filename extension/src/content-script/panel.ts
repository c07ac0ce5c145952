// The in-page chooser / explanation. A closed Shadow DOM keeps the sign-in page's own CSS and scripts from
// restyling or reading it; plain DOM (no Preact) keeps the content script tiny, and so does its style sheet
// (panel-style.ts) arriving with the page's snapshot instead of being shipped in the script. Keyboard: native
// buttons and links, focus moves to the first control, Escape dismisses.
import type { PageDecision } from '../common/decision.ts';
import type { Translate } from '../common/messages.ts';

export type { Translate };

export interface PanelActions {
  pick(url: string, tenant: string): void;
  openOptions(): void;
}

function el<K extends keyof HTMLElementTagNameMap>(doc: Document, tag: K, text?: string): HTMLElementTagNameMap[K] {
  const e = doc.createElement(tag);
  if (text) e.textContent = text;
  return e;
}

/**
 * Render `decision` ('choose' or 'explain') into a closed shadow root attached under `parent`, styled by `css`
 * (PANEL_CSS, handed over by the service worker).
 * Returns the host and the (closed) root; only the caller holds the root.
 */
export function showPanel(
  parent: Element,
  decision: Extract<PageDecision, { action: 'choose' | 'explain' }>,
  t: Translate,
  actions: PanelActions,
  css: string,
): { host: HTMLElement; root: ShadowRoot } {
  const doc = parent.ownerDocument;
  const host = el(doc, 'div');
  host.setAttribute('data-guestpass', '');
  const root = host.attachShadow({ mode: 'closed' });
  const style = el(doc, 'style', css);
  const box = el(doc, 'section');
  box.setAttribute('role', 'dialog');
  box.setAttribute('aria-labelledby', 'gp-t');
  box.setAttribute('aria-describedby', 'gp-d');
  box.lang = t('@@ui_locale').replace('_', '-') || 'en';
  const title = el(doc, 'h2', t('panelTitle'));
  title.id = 'gp-t';
  const text = el(doc, 'p');
  text.id = 'gp-d';
  box.append(title, text);
  const row = el(doc, 'div');
  row.className = 'row';

  if (decision.action === 'choose') {
    text.textContent = t(decision.intro, decision.notAt ? [decision.notAt] : undefined);
    const list = el(doc, 'ul');
    for (const c of decision.choices) {
      const name = c.sameRequest ? c.label : t('chooseMyApps', [c.label]);
      // A candidate was only seen in a link: say so; picking it is what makes it trusted.
      const b = el(doc, 'button', c.trusted ? name : t('chooseCandidate', [name]));
      b.type = 'button';
      if (c.label !== c.tenant) b.title = c.tenant;
      b.addEventListener('click', () => actions.pick(c.url, c.tenant));
      const li = el(doc, 'li');
      li.append(b);
      list.append(li);
    }
    box.append(list);
  } else {
    text.textContent = t(decision.key, decision.tenant ? [decision.tenant] : undefined);
    if (decision.portalUrl) {
      const a = el(doc, 'a', t('openPortal'));
      a.href = decision.portalUrl;
      a.target = '_blank';
      a.rel = 'noopener noreferrer';
      row.append(a);
    }
    if (decision.showOptions) {
      const b = el(doc, 'button', t('openOptions'));
      b.type = 'button';
      b.addEventListener('click', () => actions.openOptions());
      row.append(b);
    }
  }
  const close = el(doc, 'button', t('dismiss'));
  close.type = 'button';
  close.addEventListener('click', () => host.remove());
  row.append(close);
  box.append(row);
  box.addEventListener('keydown', (e) => {
    if (e.key === 'Escape') host.remove();
  });
  root.append(style, box);
  parent.append(host);
  (root.querySelector('li button, a, .row button') as HTMLElement | null)?.focus();
  return { host, root };
}
