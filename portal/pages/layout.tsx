// The frame every portal page shares: language, landmarks, the demo banner and the one same-origin stylesheet.
import type { ComponentChildren, VNode } from 'preact';
import { renderToString } from 'preact-render-to-string';
import type { Lang, Messages } from '../i18n/index.ts';

/** What every page needs to know about the request it answers. */
export interface View {
  m: Messages;
  lang: Lang;
  demo: boolean;
  /** The public URL's path prefix ('' or e.g. '/guests'): every portal link, form action and asset starts with it. */
  base: string;
}

export function Layout(props: { view: View; title: string; children: ComponentChildren; wide?: boolean; bodyClass?: string }) {
  const { view, title } = props;
  const { m } = view;
  return (
    <html lang={view.lang}>
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <meta name="referrer" content="no-referrer" />
        <title>{`${title} · ${m.siteName}`}</title>
        <link rel="stylesheet" href={`${view.base}/assets/portal.css`} />
      </head>
      <body class={props.bodyClass}>
        <a class="skip-link" href="#main">
          {m.skipToContent}
        </a>
        {view.demo ? (
          <aside class="demo-banner" aria-label="Demo">
            <p>
              <strong>DEMO</strong> {m.demoBanner} <a href={`${view.base}/demo/outbox`}>{m.demoOutboxLink}</a>
            </p>
          </aside>
        ) : null}
        <header class="site-header">
          <p class="site-name">
            <a href={`${view.base}/`}>{m.siteName}</a> <span class="tagline">{m.siteTagline}</span>
          </p>
        </header>
        <main id="main" class={props.wide ? 'wide' : undefined}>
          {props.children}
        </main>
        <footer class="site-footer">
          <p>{m.footer}</p>
        </footer>
      </body>
    </html>
  );
}

export function renderPage(node: VNode<any>): string {
  return `<!doctype html>${renderToString(node)}`;
}
