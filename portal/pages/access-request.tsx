// "Ask for access": the request form (works with JavaScript off), re-shown with the requester's values and the
// problems when something needs fixing, and the short privacy notice (what is kept, for how long).
import type { TenantConfig } from '../config/index.ts';
import { Layout, localHref, type View } from './layout.tsx';

export type RequestField = 'email' | 'name' | 'organisation' | 'reason' | 'sponsor';

export interface RequestFormView {
  csrfToken: string;
  values?: Partial<Record<RequestField, string>>;
  /** Problems to fix, by field, already in the page's language. */
  errors?: Partial<Record<RequestField, string>>;
}

export interface RequestPageProps {
  view: View;
  tenant: TenantConfig;
  path: string;
  /** The form, or why there is none (`notice`, in the page's language). */
  form: RequestFormView | { notice: string };
  expireDays: number;
  deleteDays: number;
  limits: { name: number; organisation: number; reason: number };
}

export function RequestPage(props: RequestPageProps) {
  const { view, tenant, path } = props;
  const { m } = view;
  const name = tenant.displayName;
  const title = m.requestTitle({ tenant: name });
  const form = 'csrfToken' in props.form ? props.form : undefined;
  const errors = form?.errors ?? {};
  const values = form?.values ?? {};
  const labels: Record<RequestField, string> = {
    email: m.emailLabel,
    name: m.requestNameLabel,
    organisation: m.requestOrganisationLabel,
    reason: m.requestReasonLabel,
    sponsor: m.requestSponsorLabel({ tenant: name }),
  };
  const described = (field: RequestField) => (errors[field] ? { 'aria-invalid': 'true' as const, 'aria-describedby': `${field}-error` } : {});
  const problem = (field: RequestField) =>
    errors[field] ? (
      <p id={`${field}-error`} class="field-error">
        {errors[field]}
      </p>
    ) : null;
  const errorList = Object.entries(errors) as [RequestField, string][];
  return (
    <Layout view={view} title={title} here={`${path}/request`}>
      <h1>{title}</h1>
      <p class="lead">{m.requestIntro({ tenant: name })}</p>
      {form ? (
        <>
          {errorList.length ? (
            <div class="advice error" role="alert">
              <h2>{m.requestErrorTitle}</h2>
              <ul>
                {errorList.map(([field, text]) => (
                  <li key={field}>
                    <a href={`#request-${field}`}>{labels[field]}</a>: {text}
                  </li>
                ))}
              </ul>
            </div>
          ) : null}
          <form method="post" action={localHref(view, `${path}/request`)} class="request-form">
            <input type="hidden" name="csrf" value={form.csrfToken} />
            <label for="request-email">{labels.email}</label>
            <input id="request-email" name="email" type="email" autocomplete="email" required maxLength={320} value={values.email ?? ''} {...described('email')} />
            {problem('email')}
            <label for="request-name">{labels.name}</label>
            <input id="request-name" name="name" type="text" autocomplete="name" required maxLength={props.limits.name} value={values.name ?? ''} {...described('name')} />
            {problem('name')}
            <label for="request-organisation">{labels.organisation}</label>
            <input id="request-organisation" name="organisation" type="text" autocomplete="organization" maxLength={props.limits.organisation} value={values.organisation ?? ''} {...described('organisation')} />
            {problem('organisation')}
            <label for="request-reason">{labels.reason}</label>
            <textarea id="request-reason" name="reason" rows={4} required maxLength={props.limits.reason} {...described('reason')}>
              {values.reason ?? ''}
            </textarea>
            {problem('reason')}
            <label for="request-sponsor">{labels.sponsor}</label>
            <input id="request-sponsor" name="sponsor" type="email" autocomplete="off" maxLength={320} value={values.sponsor ?? ''} {...described('sponsor')} />
            {problem('sponsor')}
            <button type="submit" class="primary">
              {m.requestSubmit}
            </button>
          </form>
          <section aria-labelledby="privacy-heading">
            <h2 id="privacy-heading">{m.requestPrivacyHeading}</h2>
            <p>{m.requestPrivacy({ tenant: name, expireDays: props.expireDays, deleteDays: props.deleteDays })}</p>
          </section>
        </>
      ) : (
        <p class="notice" role="note">
          {'notice' in props.form ? props.form.notice : null}
        </p>
      )}
      <p>
        <a href={localHref(view, path)}>{m.backToTenant({ tenant: name })}</a>
      </p>
    </Layout>
  );
}
