// Re-invite a guest who lost their old mailbox to a new address: Entra only accepts an invitation address that is
// already on the user, so the new address is first written to `mail` (the old one kept in `otherMails`), then
// POST /invitations with resetRedemption: true and the user's id (facts §3 "Reset path").
import type { Client } from '@microsoft/microsoft-graph-client';
import { call, NEEDED, type Audit } from './graph-call.ts';

export type ReinviteResult = { ok: true; inviteRedeemUrl: string | null } | { ok: false; reason: string; kind: 'invalid' | 'not-a-guest' | 'forbidden' | 'not-found' | 'rejected' | 'failed' };

const ADDRESS = /^[^\s@+#!]{1,64}@[^\s@]+\.[^\s@]{2,}$/;
const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export async function reinviteToNewAddress(client: Client, request: { userId: string; newAddress: string; inviteRedirectUrl: string }, audit: Audit): Promise<ReinviteResult> {
  const fail = async (kind: Extract<ReinviteResult, { ok: false }>['kind'], reason: string): Promise<ReinviteResult> => {
    await audit({ action: 'reinvite-guest', targetId: request.userId, outcome: kind === 'failed' ? 'failed' : 'refused', reason });
    return { ok: false, kind, reason };
  };
  const address = request.newAddress.trim();
  if (!GUID.test(request.userId)) return fail('invalid', 'user ids must be GUIDs');
  // Entra rejects + # ! in invited addresses (facts §3 "Invited email restrictions").
  if (!ADDRESS.test(address)) return fail('invalid', 'not an address Microsoft Entra can invite (no + # ! allowed)');

  const read = await call(() => client.api(`/users/${request.userId}`).select(['id', 'userType', 'mail', 'otherMails']).get() as Promise<{ userType?: string; mail?: string | null; otherMails?: string[] }>, NEEDED.read);
  if (!read.ok) return fail(read.refusal.kind === 'not-found' ? 'not-found' : read.refusal.kind === 'forbidden' ? 'forbidden' : 'failed', read.refusal.reason);
  if (read.value.userType !== 'Guest') return fail('not-a-guest', 'only guests are re-invited; members sign in with their own account');

  const old = read.value.mail ?? null;
  const otherMails = [...new Set([...(read.value.otherMails ?? []), ...(old && old.toLowerCase() !== address.toLowerCase() ? [old] : [])])];
  const patched = await call(() => client.api(`/users/${request.userId}`).patch({ mail: address, otherMails }) as Promise<unknown>, NEEDED.reinvite);
  if (!patched.ok) return fail(patched.refusal.kind === 'forbidden' ? 'forbidden' : patched.refusal.kind === 'rejected' ? 'rejected' : 'failed', patched.refusal.reason);

  const invited = await call(
    () => client.api('/invitations').post({ invitedUserEmailAddress: address, inviteRedirectUrl: request.inviteRedirectUrl, sendInvitationMessage: true, resetRedemption: true, invitedUser: { id: request.userId } }) as Promise<{ inviteRedeemUrl?: string }>,
    NEEDED.reinvite,
  );
  if (!invited.ok) return fail(invited.refusal.kind === 'forbidden' ? 'forbidden' : invited.refusal.kind === 'rejected' ? 'rejected' : 'failed', `the address was added to the user, but the invitation failed: ${invited.refusal.reason}`);
  await audit({ action: 'reinvite-guest', targetId: request.userId, outcome: 'done', addresses: { newAddress: address, previousAddress: old } });
  return { ok: true, inviteRedeemUrl: invited.value.inviteRedeemUrl ?? null };
}
