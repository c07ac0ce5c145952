// What happens to each row of an invitation CSV, decided before anything is sent (the preview) and decided again by
// the server when the admin confirms (never trusting the browser's copy). Pure: the caller looks up which addresses
// guestpass already invited and passes the answer in.
import { addressKey, parseAddress } from '../../shared/address.ts';
import { graphMessageLanguage } from '../i18n/graph-language.ts';
import type { InviteCsvRow } from './invite-csv.ts';

/**
 * invite: will be invited · resend: guestpass invited it before and the admin asked to re-send pending ones ·
 * already-invited: guestpass invited it before, skipped · the rest: refused, with `why`.
 */
export type InviteVerdict =
  | 'invite'
  | 'resend'
  | 'already-invited'
  | 'duplicate'
  | 'missing'
  | 'invalid'
  | 'too-long'
  | 'entra-rejects'
  | 'bad-redirect'
  | 'bad-display-name'
  /** The queue refused it when the admin confirmed (e.g. the tenant allows no invitations). */
  | 'refused';

/** Verdicts that send (or re-send) an invitation. */
export const SENDING: ReadonlySet<InviteVerdict> = new Set(['invite', 'resend']);

export interface JudgedRow {
  row: number;
  line: number;
  /** The address as the file has it (trimmed, at most 320 characters), for the admin to recognise. */
  email: string;
  /** Normalised address (lower-case domain): what is sent and compared. Absent when the address is refused. */
  address?: string;
  verdict: InviteVerdict;
  /** Why a row is refused, skipped or re-sent, in a sentence an admin can act on. */
  why?: string;
  /** Things that do not stop the row (an unknown language → Microsoft's default). */
  notes?: string[];
  displayName?: string;
  message?: string;
  redirectUrl?: string;
  messageLanguage?: string;
}

export interface InviteCounts {
  rows: number;
  /** Rows that will be sent: new invitations plus re-sends. */
  send: number;
  invite: number;
  resend: number;
  alreadyInvited: number;
  rejected: number;
}

/** Microsoft's own words for the refusal (the Entra facts reference, §3: add-users-administrator.md). */
export const ENTRA_PLUS_WORDING = 'Microsoft Entra "doesn\'t currently support plus symbols in email addresses"';
/** Entra's limit for a user's displayName. */
const MAX_DISPLAY_NAME = 256;
/** guestpass's limit for a personal message: a few paragraphs, not a document (Graph documents none). */
export const MAX_MESSAGE = 2_000;

export interface JudgeOptions {
  /** Addresses (normalised, by addressKey) guestpass already invited for this tenant, with when/what to say. */
  invitedBefore: ReadonlyMap<string, { jobId: string }>;
  resendPending: boolean;
}

/** A redirect must be an absolute https URL without credentials; empty → the tenant's guestpass page (queue default). */
export function redirectProblem(value: string): string | undefined {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return `The redirect "${value.slice(0, 80)}" is not an absolute URL; write it as https://…, or leave it empty for the organisation's guestpass page.`;
  }
  if (url.protocol !== 'https:') return `The redirect must be an https:// address (this one is ${url.protocol.replace(':', '')}); leave it empty for the organisation's guestpass page.`;
  if (url.username || url.password) return 'The redirect must not carry a user name or password.';
  return undefined;
}

function judgeAddress(email: string): Pick<JudgedRow, 'address' | 'verdict' | 'why'> {
  if (email === '') return { verdict: 'missing', why: 'No email address in this row.' };
  const parsed = parseAddress(email);
  if (parsed.ok) return { address: parsed.address, verdict: 'invite' };
  if (parsed.problem === 'plus') return { verdict: 'entra-rejects', why: `${ENTRA_PLUS_WORDING}: invite the address without the "+…" part (e.g. name@example.com).` };
  if (parsed.problem === 'character') return { verdict: 'entra-rejects', why: `${parsed.message} (special characters such as +, # and ! are refused: ${ENTRA_PLUS_WORDING}).` };
  if (parsed.reason === 'too-long') return { verdict: 'too-long', why: parsed.message };
  return { verdict: 'invalid', why: `Not an email address: ${parsed.message}` };
}

export function judgeInviteRows(rows: readonly InviteCsvRow[], options: JudgeOptions): JudgedRow[] {
  const firstRowOf = new Map<string, number>();
  return rows.map((r) => {
    const judged: JudgedRow = { row: r.row, line: r.line, email: r.email.slice(0, 320), ...judgeAddress(r.email) };
    const notes: string[] = [];
    if (r.displayName !== undefined) judged.displayName = r.displayName;
    if (r.message !== undefined) judged.message = r.message;
    if (r.language !== undefined) {
      const culture = graphMessageLanguage(r.language);
      if (culture) judged.messageLanguage = culture;
      else notes.push(`Language "${r.language.slice(0, 20)}" is not one guestpass knows (en, de, fr, es, ja): Microsoft's default language is used.`);
    }
    if (notes.length) judged.notes = notes;
    if (judged.verdict !== 'invite') return judged;

    const key = addressKey(judged.address!);
    const first = firstRowOf.get(key);
    if (first !== undefined) return { ...judged, verdict: 'duplicate', why: `The same address as row ${first}: it is invited once.` };
    firstRowOf.set(key, r.row);

    if (r.redirectUrl !== undefined) {
      const problem = redirectProblem(r.redirectUrl);
      if (problem) return { ...judged, verdict: 'bad-redirect', why: problem };
      judged.redirectUrl = r.redirectUrl;
    }
    if (r.displayName !== undefined && r.displayName.length > MAX_DISPLAY_NAME) {
      return { ...judged, verdict: 'bad-display-name', why: `The display name is longer than Microsoft Entra's ${MAX_DISPLAY_NAME} characters.` };
    }
    if (r.displayName !== undefined && /[\u0000-\u001f\u007f]/.test(r.displayName)) {
      return { ...judged, verdict: 'bad-display-name', why: 'The display name contains a line break or another control character.' };
    }
    if (r.message !== undefined && r.message.length > MAX_MESSAGE) {
      return { ...judged, verdict: 'too-long', why: `The personal message is longer than ${MAX_MESSAGE.toLocaleString('en')} characters.` };
    }
    if (options.invitedBefore.has(key)) {
      return options.resendPending
        ? { ...judged, verdict: 'resend', why: 'guestpass invited this address before: its invitation is sent again if the guest has not accepted it yet (at most once per resend window).' }
        : { ...judged, verdict: 'already-invited', why: 'guestpass already invited this address: skipped (turn on "also re-send pending invitations" to send it again).' };
    }
    return judged;
  });
}

export function countVerdicts(rows: readonly Pick<JudgedRow, 'verdict'>[]): InviteCounts {
  const n = (v: InviteVerdict) => rows.filter((r) => r.verdict === v).length;
  const invite = n('invite');
  const resend = n('resend');
  const alreadyInvited = n('already-invited');
  return { rows: rows.length, send: invite + resend, invite, resend, alreadyInvited, rejected: rows.length - invite - resend - alreadyInvited };
}
