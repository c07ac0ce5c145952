// The in-page chooser / explanation. A closed Shadow DOM keeps the sign-in page's own CSS and scripts from
// restyling or reading it; plain DOM (no Preact) keeps the content script tiny. Keyboard: native buttons and
// links, focus moves to the first control, Escape dismisses.
import type { PageDecision } from './decide.ts';

export type Translate = (key: string, substitutions?: string[]) => string;

export interface PanelActions {
  pick(url: string, tenant: string): void;
  openOptions(): void;
}

const CSS =
  ':host{all:initial}' +
  'section{position:fixed;z-index:2147483647;top:16px;left:50%;transform:translateX(-50%);width:min(440px,calc(100vw - 32px));' +
  'box-sizing:border-box;padding:20px 24px;background:#fff;color:#1b1b1b;border:1px solid #8a8886;border-radius:4px;' +
  'box-shadow:0 4px 16px rgba(0,0,0,.2);font:15px/1.4 system-ui,-apple-system,"Segoe UI",sans-serif}' +
  'h2{font-size:17px;margin:0 0 8px}p{margin:0 0 12px}ul{list-style:none;margin:0 0 12px;padding:0}li{margin:0 0 6px}' +
  'button,a{font:inherit;color:#1b1b1b}li button{width:100%;text-align:start;padding:8px 12px;background:#f3f2f1;' +
  'border:1px solid #8a8886;border-radius:2px;cursor:pointer}li button:hover{background:#e1dfdd}' +
  'button:focus-visible,a:focus-visible{outline:2px solid #1b1b1b;outline-offset:2px}' +
  '.row{display:flex;gap:12px;align-items:center;flex-wrap:wrap}.row button{background:none;border:0;text-decoration:underline;cursor:pointer;padding:0}';

function el<K extends keyof HTMLElementTagNameMap>(doc: Document, tag: K, text?: string): HTMLElementTagNameMap[K] {
  const e = doc.createElement(tag);
  if (text) e.textContent = text;
  return e;
}

/**
 * Render `decision` ('choose' or 'explain') into a closed shadow root attached under `parent`.
 * Returns the host and the (closed) root; only the caller holds the root.
 */
export function showPanel(
  parent: Element,
  decision: Extract<PageDecision, { action: 'choose' | 'explain' }>,
  t: Translate,
  actions: PanelActions,
): { host: HTMLElement; root: ShadowRoot } {
  const doc = parent.ownerDocument;
  const host = el(doc, 'div');
  host.setAttribute('data-guestpass', '');
  const root = host.attachShadow({ mode: 'closed' });
  const style = el(doc, 'style', CSS);
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
    text.textContent = decision.notAt ? t('chooseAfterMiss', [decision.notAt]) : t('chooseIntro');
    const list = el(doc, 'ul');
    for (const c of decision.choices) {
      const b = el(doc, 'button', c.sameRequest ? c.label : t('chooseMyApps', [c.label]));
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
