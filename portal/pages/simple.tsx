// Small pages: the tenant list, messages (results and errors), the printable card and the demo outbox.
import type { ComponentChildren } from 'preact';
import type { TenantConfig } from '../config/index.ts';
import { Layout, localHref, type View } from './layout.tsx';

export function HomePage(props: { view: View; tenants: readonly TenantConfig[] }) {
  const { m } = props.view;
  return (
    <Layout view={props.view} title={m.homeTitle}>
      <h1>{m.homeTitle}</h1>
      <TenantList view={props.view} tenants={props.tenants} />
    </Layout>
  );
}

export function TenantList(props: { view: View; tenants: readonly TenantConfig[] }) {
  const { m } = props.view;
  if (props.tenants.length === 0) return <p>{m.homeEmpty}</p>;
  return (
    <>
      <p>{m.homeIntro}</p>
      <ul class="tenants">
        {props.tenants.map((t) => (
          <li key={t.key}>
            <a href={localHref(props.view, `${props.view.base}/t/${t.key}`)}>{t.displayName}</a> <span class="muted">{t.key}</span>
          </li>
        ))}
      </ul>
    </>
  );
}

/** One heading, one explanation, optional extras: results of the resend form and every error page. */
export function MessagePage(props: {
  view: View;
  title: string;
  text: string;
  kind?: 'info' | 'error';
  /** Where the language switch points when the request has no address of its own (the answer to a POST). */
  fallbackHere?: string;
  children?: ComponentChildren;
}) {
  return (
    <Layout view={props.view} title={props.title} here={props.view.here ?? props.fallbackHere}>
      <h1>{props.title}</h1>
      <p class={props.kind === 'error' ? 'message error' : 'message'} role={props.kind === 'error' ? 'alert' : undefined}>
        {props.text}
      </p>
      {props.children}
    </Layout>
  );
}

export function CardPage(props: { view: View; tenant: TenantConfig; bookmarkUrl: string; qrPath: string }) {
  const { view, tenant } = props;
  const { m } = view;
  const name = tenant.displayName;
  return (
    <Layout view={view} title={m.cardTitle({ tenant: name })} bodyClass="card-page">
      <article class="card">
        <h1>{m.cardTitle({ tenant: name })}</h1>
        <p>{m.cardIntro}</p>
        <p class="bookmark">
          <a href={props.bookmarkUrl}>{props.bookmarkUrl}</a>
        </p>
        <img class="qr" src={props.qrPath} width={200} height={200} alt={m.qrFor({ name: props.bookmarkUrl })} />
        <h2>{m.cardGmailHeading}</h2>
        <ol>
          {[m.cardFirstStep, ...m.stepsGoogle.slice(1)].map((step) => (
            <li key={step}>{step}</li>
          ))}
        </ol>
      </article>
      <p class="no-print hint">{m.cardPrintHint}</p>
    </Layout>
  );
}

/** What the outbox page shows of one emulated email; the emulator's records carry at least these fields. */
export interface OutboxEmailView {
  to: string;
  sentAt: string;
  tenantId?: string;
  inviteRedeemUrl?: string;
}

export function OutboxPage(props: { view: View; emails: readonly OutboxEmailView[]; tenantName(id: string | undefined): string }) {
  const { m } = props.view;
  return (
    <Layout view={props.view} title={m.outboxTitle} wide>
      <h1>{m.outboxTitle}</h1>
      <p>{m.outboxIntro}</p>
      {props.emails.length === 0 ? (
        <p>{m.outboxEmpty}</p>
      ) : (
        <table class="outbox">
          <thead>
            <tr>
              <th scope="col">{m.outboxSent}</th>
              <th scope="col">{m.outboxTo}</th>
              <th scope="col">{m.outboxTenant}</th>
              <th scope="col">{m.outboxLink}</th>
            </tr>
          </thead>
          <tbody>
            {props.emails.map((e, i) => (
              <tr key={i}>
                <td>{e.sentAt}</td>
                <td>{e.to}</td>
                <td>{props.tenantName(e.tenantId)}</td>
                <td>{e.inviteRedeemUrl ? <a href={e.inviteRedeemUrl}>{m.outboxLink}</a> : '—'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </Layout>
  );
}
