// The frame every portal page shares: language, landmarks, the language switch, the demo banner and the one
// same-origin stylesheet.
import type { ComponentChildren, VNode } from 'preact';
import { renderToString } from 'preact-render-to-string';
import { CATALOGUES, LANGS, type Lang, type Messages } from '../i18n/index.ts';

/** What every page needs to know about the request it answers. */
export interface View {
  m: Messages;
  lang: Lang;
  demo: boolean;
  /** The public URL's path prefix ('' or e.g. '/guests'): every portal link, form action and asset starts with it. */
  base: string;
  /** True when the visitor picked the language with `?lang=`: the portal's own links then carry it on. */
  chosen: boolean;
  /** This page's address for the language switch (GET only; absent when the page is the answer to a POST). */
  here?: string;
}

/** Query parameters a page keeps when its language is switched (anything else is dropped, not echoed back). */
const KEPT_PARAMS = ['email', 'account'] as const;

/** `href` (a portal path, maybe with query and fragment) with the visitor's chosen language carried on. */
export function localHref(view: Pick<View, 'lang' | 'chosen'>, href: string): string {
  return view.chosen ? withLang(href, view.lang) : href;
}

function withLang(href: string, lang: Lang): string {
  const hash = href.indexOf('#');
  const [base, fragment] = hash === -1 ? [href, ''] : [href.slice(0, hash), href.slice(hash)];
  return `${base}${base.includes('?') ? '&' : '?'}lang=${lang}${fragment}`;
}

/**
 * The address of the page a request asked for, safe to put in a link: a single leading slash (`//host` and `/\host`
 * would leave the site) and only the query parameters the pages themselves read.
 */
export function pageAddress(path: string, query: Record<string, unknown>): string {
  const safePath = `/${path.replace(/^[/\\]+/, '')}`.slice(0, 300);
  let params: URLSearchParams | undefined; // most pages are asked for without a query: no URLSearchParams then
  for (const name of KEPT_PARAMS) {
    const value = query[name];
    if (typeof value === 'string' && value !== '') (params ??= new URLSearchParams()).set(name, value.slice(0, 320));
  }
  return params ? `${safePath}?${params.toString()}` : safePath;
}

/** Links to this page in every language; works without JavaScript (plain links with `?lang=`). */
function LanguageSwitch(props: { view: View; here: string }) {
  const { view } = props;
  return (
    <nav class="language-switch" aria-label={view.m.languageSwitchLabel}>
      <ul>
        {LANGS.map((lang) => (
          <li key={lang}>
            {lang === view.lang ? (
              <span lang={lang} aria-current="true">
                {CATALOGUES[lang].languageName}
              </span>
            ) : (
              <a href={withLang(props.here, lang)} lang={lang} hreflang={lang}>
                {CATALOGUES[lang].languageName}
              </a>
            )}
          </li>
        ))}
      </ul>
    </nav>
  );
}

export function Layout(props: {
  view: View;
  title: string;
  children: ComponentChildren;
  wide?: boolean;
  bodyClass?: string;
  /** Where the language switch points (default: the request's own address, else the home page). */
  here?: string;
}) {
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
          <aside class="demo-banner" aria-label={m.demoLabel}>
            <p>
              <strong>{m.demoLabel}</strong> {m.demoBanner} <a href={localHref(view, `${view.base}/demo/outbox`)}>{m.demoOutboxLink}</a>
            </p>
          </aside>
        ) : null}
        <header class="site-header">
          <p class="site-name">
            <a href={localHref(view, `${view.base}/`)}>{m.siteName}</a> <span class="tagline">{m.siteTagline}</span>
          </p>
          <LanguageSwitch view={view} here={props.here ?? view.here ?? `${view.base}/`} />
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
