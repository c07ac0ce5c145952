// Signatures of Microsoft's sign-in page and its error states (facts file, section 1, as corrected by the
// real-behaviour reference, section 1). Detection rests on structure and ids: which container shows the error, that
// the page is on its username step (no visible password input, a visible username input), AADSTS codes. Text only
// breaks ties, and only with wording the references confirm: at /common the "couldn't find" message (consumer or
// unknown domain) and the "may be incorrect" message (an Entra-verified domain: a work account) lead to different
// answers, and any other text is reported as unrecognised (the extension then offers, never goes automatically).
import { authorityOf, SIGN_IN_HOSTS } from './authority-rewrite.ts';
import { SPACE_OR_CONTROL } from './tenant-core.ts';

export type SignInPageState =
  | { state: 'account-not-found'; signal: string; username?: string } // "We couldn't find an account with that username"
  | { state: 'username-may-be-incorrect'; signal: string; username?: string }
  /** A username-step error whose wording no reference confirms (another language, a new message). */
  | { state: 'unrecognised-username-error'; signal: string; username?: string }
  | { state: 'personal-account-not-allowed'; signal: string; username?: string }
  | { state: 'aadsts-error'; code: number; signal: string }
  | { state: 'none'; reason: 'not-a-sign-in-page' | 'no-error-shown' | 'unrecognised-error' | 'not-the-username-step' };

/** The username-step states: the address the guest typed is unknown where they typed it. */
export type UsernameErrorState = Extract<SignInPageState, { state: 'account-not-found' | 'username-may-be-incorrect' | 'unrecognised-username-error' }>['state'];
export const USERNAME_ERROR_STATES: readonly UsernameErrorState[] = ['account-not-found', 'username-may-be-incorrect', 'unrecognised-username-error'];

// One constant per selector/signal, so a bundle ships only the ones its code uses (the sign-in page's content
// script bundles nothing it does not run); SIGN_IN_SELECTORS gathers them all for people and tests.
/** `<meta name="PageID" content="ConvergedSignIn">` (Knockout page; the error page says "ConvergedError"). */
const PAGE_ID = 'meta[name="PageID"]';
const PAGE_ID_SIGN_IN = 'ConvergedSignIn';
const PAGE_ID_ERROR = 'ConvergedError';
/** The inline server config blob, `$Config={...}` up to `//]]>`. */
const CONFIG_MARKER = '$Config=';
/** Converged username input. */
const USERNAME_INPUT = 'input#i0116, input[name="loginfmt"]';
/** Newer Fluent username input (confirmed on login.live.com, unconfirmed on Entra). */
const FLUENT_USERNAME_INPUT = 'input#usernameEntry';
const NEXT_BUTTON = '#idSIButton9';
const FLUENT_PRIMARY_BUTTON = 'button[data-testid="primaryButton"]';
const FLUENT_SECONDARY_BUTTON = 'button[data-testid="secondaryButton"]';
const BACK_BUTTON = '#idBtn_Back';
/** Converged password input; also present, hidden off-screen, on the username step (real-behaviour §1). */
const PASSWORD_INPUT = 'input#i0118, input[name="passwd"]';
const FLUENT_PASSWORD_INPUT = '[data-testid="passwordEntry"]';
/** Converged username error container. */
const USERNAME_ERROR = '#usernameError';
/** Class the username input gets after a bad username. */
const HAS_ERROR_CLASS = 'has-error';
const USERNAME_INPUT_WITH_ERROR = 'input[name="loginfmt"].has-error';
const PASSWORD_ERROR = '#passwordError';
/** One-time passcode inputs (converged, the emulator's, Fluent). */
const PASSCODE_INPUT = 'input[name="otc"], input#idTxtBx_OTC_Password, input#codeEntry, input[autocomplete="one-time-code"]';
/** Consent / redemption "Accept" (facts §1, microsoft-identity-web's ConsentAcceptId). */
const ACCEPT_BUTTON = '#idBtn_Accept';
/** Class of the hidden off-screen password input on the username step (real-behaviour §1). */
const OFF_SCREEN_CLASS = 'moveOffScreen';
/** Live-region errors (Fluent; the converged page wraps #usernameError in one too). */
const ALERT = '[role="alert"]';
const ALERT_ERROR = '.alert-error';
/** Server error page message (AADSTS code and text). */
const SERVICE_EXCEPTION = '#service_exception_message';
/** Who is signing in, once the username step is past. */
const IDENTITY_BANNER = '[data-testid="identityBanner"]';
const DISPLAY_NAME = '#displayName';
/** Language-independent error code on error pages and in messages. */
const AADSTS_CODE = /\bAADSTS(\d{5,6})\b/;

/** Every selector and signal used anywhere; nothing else in the codebase hard-codes Microsoft's DOM. */
export const SIGN_IN_SELECTORS = {
  pageId: PAGE_ID,
  pageIdSignIn: PAGE_ID_SIGN_IN,
  pageIdError: PAGE_ID_ERROR,
  configMarker: CONFIG_MARKER,
  usernameInput: USERNAME_INPUT,
  fluentUsernameInput: FLUENT_USERNAME_INPUT,
  nextButton: NEXT_BUTTON,
  fluentPrimaryButton: FLUENT_PRIMARY_BUTTON,
  fluentSecondaryButton: FLUENT_SECONDARY_BUTTON,
  backButton: BACK_BUTTON,
  passwordInput: PASSWORD_INPUT,
  fluentPasswordInput: FLUENT_PASSWORD_INPUT,
  usernameError: USERNAME_ERROR,
  hasErrorClass: HAS_ERROR_CLASS,
  usernameInputWithError: USERNAME_INPUT_WITH_ERROR,
  passwordError: PASSWORD_ERROR,
  passcodeInput: PASSCODE_INPUT,
  acceptButton: ACCEPT_BUTTON,
  offScreenClass: OFF_SCREEN_CLASS,
  alert: ALERT,
  alertError: ALERT_ERROR,
  serviceException: SERVICE_EXCEPTION,
  identityBanner: IDENTITY_BANNER,
  displayName: DISPLAY_NAME,
  aadstsCode: AADSTS_CODE,
} as const;

/**
 * Secondary, language-dependent signals (facts §1b). Quotes are matched with either apostrophe.
 * Only consulted where no language-independent signal exists.
 */
const ACCOUNT_NOT_FOUND: readonly RegExp[] = [
  /we couldn[’']t find an account with that username/i, // en, facts §1b
  /そのユーザー名のアカウントが見つかりませんでした/, // ja, facts §1b
];
const USERNAME_MAY_BE_INCORRECT: readonly RegExp[] = [
  /this username may be incorrect/i, // en, both variants in facts §1b
];
const PERSONAL_ACCOUNT_NOT_ALLOWED: readonly RegExp[] = [
  /you can[’']t sign in here with a personal account/i, // en, facts §1b
];

/** The secondary, language-dependent signals above, by name. */
export const SIGN_IN_TEXT_PATTERNS = {
  accountNotFound: ACCOUNT_NOT_FOUND,
  usernameMayBeIncorrect: USERNAME_MAY_BE_INCORRECT,
  personalAccountNotAllowed: PERSONAL_ACCOUNT_NOT_ALLOWED,
} as const;

export interface ClassifyOptions {
  /** The page's address; defaults to the root's document URL. Decides generic vs tenant endpoint. */
  url?: string;
}

const MAX_TEXT = 100_000;
const MAX_USERNAME = 256;
/** Inline style that hides an element. */
const HIDDEN_STYLE = /(?:^|;)\s*(?:display\s*:\s*none|visibility\s*:\s*hidden)/i;
const ADDRESS_SHAPE = /^[^@\s]+@[^@\s]+\.[^@\s]+$/;

function documentOf(root: ParentNode): Document | null {
  const node = root as Node;
  return node.nodeType === 9 ? (node as Document) : node.ownerDocument;
}

/**
 * Hidden by attribute or inline style on itself or an ancestor (works in jsdom), or — where the browser can tell —
 * not rendered at all (a class that hides it). Only asked once an error container exists, so the style read is rare.
 */
function isHidden(el: Element): boolean {
  for (let cur: Element | null = el; cur; cur = cur.parentElement) if (hiddenItself(cur)) return true;
  const check = (el as Element & { checkVisibility?: () => boolean }).checkVisibility;
  return typeof check === 'function' && !check.call(el);
}

/**
 * An input a person can use: not hidden from assistive technology, not parked off-screen, shown. The attribute
 * checks come first; `layout: false` skips asking the browser (no style recalculation), for event handlers.
 */
function isUsable(el: Element, layout = true): boolean {
  if (el.getAttribute('aria-hidden') === 'true' || el.classList.contains(OFF_SCREEN_CLASS) || el.getAttribute('type') === 'hidden') return false;
  if (!layout) {
    for (let cur: Element | null = el; cur; cur = cur.parentElement) if (hiddenItself(cur)) return false;
    return true;
  }
  return !isHidden(el);
}

/** Whether any element matching `selector` is usable. */
function anyUsable(root: ParentNode, selector: string, layout = true): boolean {
  for (const el of matching(root, selector)) if (isUsable(el, layout)) return true;
  return false;
}

/** The step a sign-in page shows. */
export type SignInStep = 'username' | 'password' | 'passcode' | 'consent' | 'other';

/**
 * Which step the page shows: a usable credential input wins; the username step needs a usable username input.
 * `layout: false` decides on attributes and inline styles only (cheap enough for a click handler).
 */
export function signInStep(root: ParentNode, layout = true): SignInStep {
  if (anyUsable(root, `${PASSWORD_INPUT}, ${FLUENT_PASSWORD_INPUT}`, layout)) return 'password';
  if (anyUsable(root, PASSCODE_INPUT, layout)) return 'passcode';
  if (anyUsable(root, `${USERNAME_INPUT}, ${FLUENT_USERNAME_INPUT}`, layout)) return 'username';
  if (anyUsable(root, ACCEPT_BUTTON, layout)) return 'consent';
  return 'other';
}

/** The value of the usable credential input (password or passcode), trimmed; '' when none or empty. */
export function credentialValue(root: ParentNode, layout = true): string {
  for (const el of matching(root, `${PASSWORD_INPUT}, ${FLUENT_PASSWORD_INPUT}, ${PASSCODE_INPUT}`)) {
    if (isUsable(el, layout)) return ((el as HTMLInputElement).value ?? '').trim();
  }
  return '';
}

/**
 * Whether the page might show something to classify: an error container, an input marked invalid, or an error page.
 * Reads a handful of nodes, never the page's text; the guard asks it (through errorWatch) on every DOM change while
 * Microsoft's script builds the page, and classifies only when it says yes.
 */
export function mayShowError(root: ParentNode): boolean {
  const doc = documentOf(root) ?? (root as Document);
  if (doc.getElementById?.('usernameError') || doc.getElementById?.('service_exception_message')) return true;
  if (doc.querySelector(`${PAGE_ID}[content="${PAGE_ID_ERROR}"], input.${HAS_ERROR_CLASS}, [aria-invalid="true"], ${ALERT_ERROR}`)) return true;
  for (const alert of Array.from(doc.querySelectorAll(ALERT))) if ((alert.textContent ?? '').trim() !== '') return true;
  return false;
}

/**
 * mayShowError for one document that is asked again on every change (a MutationObserver while Microsoft's script
 * builds the page in ≈ 40 steps). The usual answer, "no", costs five look-ups that find nothing — two ids, two live
 * class lists kept between calls, one selector pass for the rest — and create no node wrappers, which in a content
 * script's isolated world cost more than the look-ups. A node they find is only a maybe: mayShowError decides.
 */
export function errorWatch(doc: Document): () => boolean {
  const hasError = doc.getElementsByClassName(HAS_ERROR_CLASS);
  const alertError = doc.getElementsByClassName(ALERT_ERROR.slice(1));
  // An alert with text is not :empty; an empty one (the converged page's, until an error is put in it) is.
  const rest = `${PAGE_ID}[content="${PAGE_ID_ERROR}"], [aria-invalid="true"], ${ALERT}:not(:empty)`;
  return () =>
    !!(doc.getElementById(USERNAME_ERROR.slice(1)) || doc.getElementById(SERVICE_EXCEPTION.slice(1)) || hasError.length || alertError.length || doc.querySelector(rest)) &&
    mayShowError(doc);
}

/** Whether `el` is the username input (either markup). */
export function isUsernameInput(el: Element): boolean {
  return el.matches(`${USERNAME_INPUT}, ${FLUENT_USERNAME_INPUT}`);
}

/** Whether `el` is (inside) the consent page's Accept button. */
export function isAcceptButton(el: Element): boolean {
  return !!el.closest(ACCEPT_BUTTON);
}

/** Hidden by its own `hidden` attribute or inline style. */
function hiddenItself(el: Element): boolean {
  const style = el.getAttribute('style');
  return el.hasAttribute('hidden') || (!!style && HIDDEN_STYLE.test(style));
}

/** Text a person can see in `el`: skips scripts, styles, templates and hidden sub-trees. */
function visibleText(el: Element): string {
  let out = '';
  const walk = (node: Node): void => {
    if (out.length > MAX_TEXT) return;
    if (node.nodeType === 3) {
      out += node.nodeValue ?? '';
      return;
    }
    if (node.nodeType !== 1) return;
    const e = node as Element;
    const tag = e.localName;
    if (tag === 'script' || tag === 'style' || tag === 'noscript' || tag === 'template') return;
    if (hiddenItself(e)) return;
    for (let c = e.firstChild; c; c = c.nextSibling) walk(c);
  };
  walk(el);
  return out.replace(/\s+/g, ' ').trim();
}

/**
 * Elements matching a selector list, one part at a time and lazily, so callers can stop at the first good one.
 * Plain `#id` / `input#id` parts go through getElementById when the root has it: the same answer, and in jsdom
 * about two orders of magnitude faster than a selector-engine pass (measured with bench/core.bench.ts).
 */
function* matching(root: ParentNode, selectorList: string): Generator<Element> {
  const byId = (root as Partial<Document>).getElementById?.bind(root);
  for (const part of selectorList.split(',')) {
    const id = /^\s*(input)?#([\w-]+)\s*$/.exec(part);
    if (id && byId) {
      const el = byId(id[2]!);
      if (el && (!id[1] || el.localName === 'input')) yield el;
    } else {
      yield* Array.from(root.querySelectorAll(part));
    }
  }
}

/** The first element matching a selector list (parts in order), or null. */
function findFirst(root: ParentNode, selectorList: string): Element | null {
  for (const el of matching(root, selectorList)) return el;
  return null;
}

/** The visible, non-empty text of the first matching element, or undefined. */
function shownText(root: ParentNode, selector: string): string | undefined {
  for (const el of matching(root, selector)) {
    if (isHidden(el)) continue;
    const text = visibleText(el);
    if (text !== '') return text;
  }
  return undefined;
}

function matchesAny(text: string, patterns: readonly RegExp[]): boolean {
  return patterns.some((p) => p.test(text));
}

function isSignInPage(root: ParentNode, doc: Document | null): boolean {
  const pageId = (doc ?? root).querySelector(PAGE_ID)?.getAttribute('content');
  if (pageId && /^Converged/i.test(pageId)) return true;
  if (findFirst(root, `${FLUENT_USERNAME_INPUT}, ${SERVICE_EXCEPTION}, ${USERNAME_INPUT}`)) return true;
  const scripts = Array.from((doc ?? root).querySelectorAll('script:not([src])'));
  return scripts.some((s) => (s.textContent ?? '').includes(CONFIG_MARKER));
}

/** Read the username the guest typed (loginfmt / usernameEntry value, else the identity shown on the page). */
export function readTypedUsername(root: ParentNode): string | undefined {
  const usable = (c: string | null | undefined): string | undefined => {
    const value = c?.trim();
    return value && value.length <= MAX_USERNAME && !SPACE_OR_CONTROL.test(value) ? value : undefined;
  };
  for (const input of matching(root, `${USERNAME_INPUT}, ${FLUENT_USERNAME_INPUT}`)) {
    const value = usable((input as HTMLInputElement).value);
    if (value) return value;
  }
  for (const sel of [IDENTITY_BANNER, DISPLAY_NAME]) {
    const el = findFirst(root, sel);
    const value = el && !isHidden(el) ? usable(visibleText(el)) : undefined;
    if (value) return value;
  }
  return undefined;
}

/** Where a sign-in page is: a generic endpoint (common/organizations), a tenant endpoint, or unknown. */
export type SignInEndpoint = 'generic' | 'tenant' | 'unknown';

/** Where the page at `url` is: a generic endpoint (common/organizations), a tenant endpoint, or unknown. */
export function signInEndpointOf(url: string): SignInEndpoint {
  const a = authorityOf(url);
  if (a.kind === 'common' || a.kind === 'organizations') return 'generic';
  if (a.kind === 'tenant') return 'tenant';
  return 'unknown';
}

/** The username-step error, if one is shown: which container shows it, and its text. */
function usernameStepError(root: ParentNode): { container: string; text: string } | undefined {
  const converged = shownText(root, USERNAME_ERROR);
  if (converged !== undefined) return { container: 'usernameError', text: converged };
  const fluentInput = findFirst(root, FLUENT_USERNAME_INPUT);
  if (fluentInput) {
    const alert = shownText(root, ALERT);
    if (alert !== undefined) return { container: 'role-alert', text: alert };
    if (fluentInput.getAttribute('aria-invalid') === 'true') return { container: 'usernameEntry-invalid', text: '' };
  }
  const input = findFirst(root, USERNAME_INPUT);
  if (input?.classList.contains(HAS_ERROR_CLASS) && isUsable(input)) {
    return { container: 'loginfmt.has-error', text: shownText(root, ALERT) ?? shownText(root, ALERT_ERROR) ?? '' };
  }
  return undefined;
}

function findAadstsCode(root: ParentNode, doc: Document | null): { code: number; where: string } | undefined {
  const body = (root as Node).nodeType === 9 ? doc?.body : (root as Element);
  // Cheap pre-check: most pages carry no code at all, and querying and walking the tree is the costly part.
  if (!body || !(body.textContent ?? '').includes('AADSTS')) return undefined;
  for (const sel of [SERVICE_EXCEPTION, USERNAME_ERROR, ALERT_ERROR, ALERT]) {
    const m = shownText(root, sel)?.match(AADSTS_CODE);
    if (m) return { code: Number(m[1]), where: sel };
  }
  // Error pages vary; any visible AADSTS code in the page body counts (scripts are never read).
  const m = visibleText(body).match(AADSTS_CODE);
  return m ? { code: Number(m[1]), where: 'page-text' } : undefined;
}

/** Classify the sign-in page under `root`: which guest-relevant error it shows, or nothing with a reason. */
export function classifySignInPage(root: ParentNode, options?: ClassifyOptions): SignInPageState {
  const url = options?.url ?? documentOf(root)?.URL ?? '';
  return classifySignInPageAt(root, url, () => signInEndpointOf(url));
}

/**
 * classifySignInPage with the endpoint supplied by the caller (asked only when the DOM alone cannot decide):
 * the sign-in page's content script gets it from the service worker's plan, so it does not bundle the tenant parser.
 */
export function classifySignInPageAt(root: ParentNode, url: string, endpointOfUrl: () => SignInEndpoint): SignInPageState {
  const doc = documentOf(root);
  let host: string | undefined;
  try {
    const parsed = new URL(url);
    if (parsed.protocol === 'https:' || parsed.protocol === 'http:') host = parsed.hostname;
  } catch {
    // about:blank, empty or unparsable: decide on the DOM alone, endpoint unknown
  }
  if (host !== undefined && !SIGN_IN_HOSTS.includes(host)) return { state: 'none', reason: 'not-a-sign-in-page' };
  if (!isSignInPage(root, doc)) return { state: 'none', reason: 'not-a-sign-in-page' };

  const aadsts = findAadstsCode(root, doc);
  if (aadsts) return { state: 'aadsts-error', code: aadsts.code, signal: `AADSTS${aadsts.code}@${aadsts.where}` };

  const error = usernameStepError(root);
  if (!error) {
    const other = shownText(root, SERVICE_EXCEPTION) ?? shownText(root, ALERT_ERROR);
    return { state: 'none', reason: other === undefined ? 'no-error-shown' : 'unrecognised-error' };
  }
  // A visible password input, or no usable username input, means another step (the password error in either
  // markup included): never an unknown-address error (real-behaviour §1: the hidden #i0118 does not count).
  if (signInStep(root) !== 'username') return { state: 'none', reason: 'not-the-username-step' };
  const username = readTypedUsername(root);
  const withUser = <T extends object>(r: T): T & { username?: string } => (username === undefined ? r : { ...r, username });

  if (matchesAny(error.text, PERSONAL_ACCOUNT_NOT_ALLOWED)) {
    return withUser({ state: 'personal-account-not-allowed' as const, signal: `${error.container}+text` });
  }
  const textSaysNotFound = matchesAny(error.text, ACCOUNT_NOT_FOUND);
  const textSaysIncorrect = matchesAny(error.text, USERNAME_MAY_BE_INCORRECT);
  // "Enter a valid address" shows in the same container: only an address-shaped username can be unknown.
  if (!textSaysNotFound && !textSaysIncorrect && !(username && ADDRESS_SHAPE.test(username))) {
    return { state: 'none', reason: 'unrecognised-error' };
  }
  const endpoint = endpointOfUrl();
  if (endpoint === 'unknown' && !textSaysNotFound && !textSaysIncorrect) return { state: 'none', reason: 'unrecognised-error' };
  const where = endpoint === 'unknown' ? '' : `@${endpoint}-endpoint`;
  if (textSaysNotFound) return withUser({ state: 'account-not-found' as const, signal: `${error.container}+text${where}` });
  if (textSaysIncorrect) return withUser({ state: 'username-may-be-incorrect' as const, signal: `${error.container}+text${where}` });
  return withUser({ state: 'unrecognised-username-error' as const, signal: `${error.container}${where}` });
}
