// The landing page for guests of one tenant: sign-in links, account-kind advice (works with JavaScript off),
// the "Lost your invitation?" form and a pointer to the extension.
import type { AddressHome, AddressProblem } from '../../shared/address.ts';
import type { LinkKind } from '../../shared/links.ts';
import type { TenantConfig } from '../config/index.ts';
import { Layout, localHref, type View } from './layout.tsx';

export interface LinkView {
  kind: LinkKind;
  name: string;
  description: string;
  url: string;
}

export type AdviceView =
  | { state: 'advice'; home: AddressHome; myAppsUrl: string }
  | { state: 'error'; problem: AddressProblem; character?: string };

export type ResendView = { available: true; csrfToken: string } | { available: false; contact?: string };

export interface TenantPageProps {
  view: View;
  tenant: TenantConfig;
  /** `/t/<key>` — the bookmarkable path of this page. */
  path: string;
  bookmarkUrl: string;
  links: LinkView[];
  advice?: AdviceView;
  /** What the guest typed, echoed into the input (escaped by the renderer). */
  email?: string;
  /** The account kind picked with `?account=` (kept when the language is switched). */
  account?: string;
  resend: ResendView;
  /** "Not invited yet?": a link to the request form, or the notice that the tenant lets nobody invite. Absent: hidden. */
  accessRequests?: 'open' | 'invites-off';
}

export function TenantPage(props: TenantPageProps) {
  const { view, tenant, path } = props;
  const { m } = view;
  const name = tenant.displayName;
  const here = props.email ? `${path}?email=${encodeURIComponent(props.email)}` : props.account ? `${path}?account=${props.account}` : path;
  return (
    <Layout view={view} title={m.tenantTitle({ tenant: name })} here={here}>
      <h1>{m.tenantTitle({ tenant: name })}</h1>
      <p class="lead">{m.tenantIntro({ tenant: name })}</p>

      <section aria-labelledby="signin-heading">
        <h2 id="signin-heading">{m.signInHeading}</h2>
        <p>
          {m.bookmarkHint} <a href={path}>{props.bookmarkUrl}</a>
        </p>
        <ul class="links">
          {props.links.map((link) => (
            <li key={link.kind}>
              <a class="button" href={link.url} data-kind={link.kind}>
                {link.name}
              </a>
              <span class="description">{link.description}</span>{' '}
              <a class="qr-link" href={`${path}/qr/${link.kind}.svg`} aria-label={m.qrFor({ name: link.name })}>
                {m.showQr}
              </a>
            </li>
          ))}
        </ul>
      </section>

      <section id="advice" aria-labelledby="advice-heading">
        <h2 id="advice-heading">{m.accountHeading}</h2>
        <p>{m.accountIntro}</p>
        <form method="get" action={`${path}#advice`} class="inline-form">
          {view.chosen ? <input type="hidden" name="lang" value={view.lang} /> : null}
          <label for="advice-email">{m.emailLabel}</label>
          <input id="advice-email" name="email" type="email" autocomplete="email" value={props.email ?? ''} />
          <button type="submit">{m.showSteps}</button>
        </form>
        <p>{m.orPick}</p>
        <ul class="account-kinds">
          <li>
            <a href={localHref(view, `${path}?account=google#advice`)}>{m.pickGoogle}</a>
          </li>
          <li>
            <a href={localHref(view, `${path}?account=microsoft-account#advice`)}>{m.pickMicrosoftAccount}</a>
          </li>
          <li>
            <a href={localHref(view, `${path}?account=other#advice`)}>{m.pickOther}</a>
          </li>
        </ul>
        {props.advice ? <Advice view={view} tenantName={name} advice={props.advice} /> : null}
      </section>

      <section id="lost" aria-labelledby="lost-heading">
        <h2 id="lost-heading">{m.lostHeading}</h2>
        <p>{m.lostIntro}</p>
        {props.resend.available ? (
          <form method="post" action={localHref(view, `${path}/resend`)} class="inline-form">
            <input type="hidden" name="csrf" value={props.resend.csrfToken} />
            <label for="resend-email">{m.emailLabel}</label>
            <input id="resend-email" name="email" type="email" autocomplete="email" required />
            <button type="submit">{m.sendAgain}</button>
          </form>
        ) : (
          <>
            <p class="notice" role="note">
              {m.resendUnavailable({ tenant: name, contact: props.resend.contact })}
            </p>
            <form class="inline-form" aria-disabled="true">
              <fieldset disabled>
                <legend class="visually-hidden">{m.lostHeading}</legend>
                <label for="resend-email">{m.emailLabel}</label>
                <input id="resend-email" name="email" type="email" />
                <button type="submit">{m.sendAgain}</button>
              </fieldset>
            </form>
          </>
        )}
      </section>

      {props.accessRequests ? (
        <section id="request" aria-labelledby="request-heading">
          <h2 id="request-heading">{m.requestHeading}</h2>
          {props.accessRequests === 'open' ? (
            <>
              <p>{m.requestTeaser({ tenant: name })}</p>
              <p>
                <a class="button" href={localHref(view, `${path}/request`)}>
                  {m.requestLink}
                </a>
              </p>
            </>
          ) : (
            <p class="notice" role="note">
              {m.requestsInvitesOff({ tenant: name, contact: tenant.contact })}
            </p>
          )}
        </section>
      ) : null}

      <section aria-labelledby="extension-heading">
        <h2 id="extension-heading">{m.extensionHeading}</h2>
        <p>{m.extensionText({ tenant: name })}</p>
        <p>
          <a href={localHref(view, `${path}/card`)}>{m.cardLink}</a>
        </p>
      </section>
    </Layout>
  );
}

function Advice(props: { view: View; tenantName: string; advice: AdviceView }) {
  const { m } = props.view;
  const { advice } = props;
  if (advice.state === 'error') {
    return (
      <div class="advice error" role="alert">
        <h3>{m.invalidAddressTitle}</h3>
        <p>{m.addressProblems[advice.problem]({ character: advice.character ?? '' })}</p>
      </div>
    );
  }
  const tenant = props.tenantName;
  const [heading, why, steps] =
    advice.home === 'google'
      ? [m.adviceHeadingGoogle, m.adviceWhyGoogle({ tenant }), m.stepsGoogle]
      : advice.home === 'microsoft-account'
        ? [m.adviceHeadingMicrosoftAccount, m.adviceWhyMicrosoftAccount({ tenant }), m.stepsMicrosoftAccount]
        : [m.adviceHeadingOther, m.adviceWhyOther({ tenant }), m.stepsOther];
  return (
    <div class="advice" data-home={advice.home}>
      <h3>{heading}</h3>
      <p>{why}</p>
      <ol>
        {steps.map((step) => (
          <li key={step}>{step}</li>
        ))}
      </ol>
      <p>
        <a class="button primary" href={advice.myAppsUrl} data-kind="advice-myapps">
          {m.openMyApps({ tenant })}
        </a>
      </p>
      <p class="hint">{m.privateWindowTip}</p>
    </div>
  );
}
