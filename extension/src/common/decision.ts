// What the service worker decides for a sign-in page, and the plan it hands the page (types only): the content
// script looks its answer up in the plan (content-script/plan.ts), the worker makes it (worker/decide.ts).
import type { SignInEndpoint, UsernameErrorState } from '../../../shared/signin-page.ts';

export interface Choice {
  tenant: string; // tenant value
  label: string;
  url: string;
  /** true: the same request at the tenant; false: only the tenant's My Apps page (request could not be rebuilt). */
  sameRequest: boolean;
  /** false: only seen in a URL; picking it is the one click that makes it trusted. */
  trusted: boolean;
}

/** Message ids in _locales/<lang>/messages.json. */
export type ExplainKey =
  | 'explainNoTenant'
  | 'explainNoTenantLeft'
  | 'explainNotAtTenant'
  | 'explainWorkAccount'
  | 'explainPersonalAccount'
  | 'explain50020'
  | 'explain50034'
  | 'explainNotInvited'
  | 'explainCannotRebuild';

/** The chooser's opening line. */
export type ChooseIntroKey = 'chooseIntro' | 'chooseAfterMiss' | 'chooseWorkAccount' | 'chooseUnrecognised' | 'chooseUnconfirmed';

export type PageDecision =
  | { action: 'reroute'; url: string; tenant: string; original: string; loginHint?: string }
  | { action: 'choose'; intro: ChooseIntroKey; choices: Choice[]; original: string; loginHint?: string; notAt?: string; reason: string }
  | { action: 'explain'; key: ExplainKey; tenant?: string; portalUrl?: string; showOptions: boolean; reason: string }
  | { action: 'none'; reason: string; final: boolean };

export interface Plan {
  /** The page address the plan was made for: a page whose address changed asks for a new plan. */
  url: string;
  /** Where that address points, for the classifier. */
  endpoint: SignInEndpoint;
  /** Per AADSTS code decidePage answers for. */
  aadsts: Record<number, PageDecision>;
  /** Any other code, when the answer does not depend on it (mode off); else it is declined naming the code. */
  otherCode?: PageDecision;
  personal: PageDecision;
  /** Per username-step state: without a username on the page, and with one written as `hint`. */
  username: Record<UsernameErrorState, { plain: PageDecision; as: PageDecision }>;
  /** Stands in for the typed address (URL-safe, unguessable by the page). */
  hint: string;
}
