// Shared wording helpers for the popup and options pages (strings come from _locales through `t`).
import type { Translate } from '../../common/messages.ts';
import type { ActivityEntry } from '../../common/activity.ts';
import type { TenantSource } from '../../common/settings.ts';

export const SOURCE_KEY: Record<TenantSource, string> = {
  manual: 'sourceManual',
  managed: 'sourceManaged',
  confirmed: 'sourceConfirmed',
  'signed-in': 'sourceSignedIn',
  'tenant-url': 'sourceTenantUrl',
  'redemption-link': 'sourceRedemption',
};

const KIND_KEY: Record<ActivityEntry['kind'], string> = {
  rerouted: 'actRerouted',
  offered: 'actOffered',
  explained: 'actExplained',
  declined: 'actDeclined',
  learned: 'actLearned',
};

const REASON_KEY: Record<string, string> = {
  'mode-off': 'reasonModeOff',
  'no-tenant-known': 'reasonNoTenantKnown',
  'no-tenant-left': 'reasonNoTenantLeft',
  'unknown-at-tenant': 'reasonUnknownAtTenant',
  'not-at-tenant': 'reasonUnknownAtTenant',
  'several-tenants': 'reasonSeveralTenants',
  'personal-account-not-allowed': 'reasonPersonalAccount',
  'work-account': 'reasonWorkAccount',
  'unrecognised-error': 'reasonUnrecognised',
  'unconfirmed-tenants': 'reasonUnconfirmed',
};

/** "Sent the sign-in to contoso.onmicrosoft.com" / "Did nothing — guestpass is off". */
export function describeActivity(entry: ActivityEntry, t: Translate): string {
  const what = t(KIND_KEY[entry.kind], entry.tenant ? [entry.tenant] : undefined);
  const code = /^aadsts-(\d+)$/.exec(entry.reason)?.[1];
  const why = REASON_KEY[entry.reason] ? t(REASON_KEY[entry.reason]!) : code ? t('reasonMicrosoftError', [`AADSTS${code}`]) : entry.reason;
  return entry.kind === 'rerouted' || entry.kind === 'learned' ? what : `${what} — ${why}`;
}
