import {
  MissingCredentialsError,
  NETWORK_ERROR
} from "./chunk-BFNKCPP6.mjs";

// portal/graph/guests.ts
import { GraphError as GraphError2 } from "@microsoft/microsoft-graph-client";
import { z } from "zod";

// portal/graph/failures.ts
import { GraphError } from "@microsoft/microsoft-graph-client";
function parseRetryAfter(value, now) {
  if (!value) return null;
  const trimmed = value.trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed) * 1e3;
  const date = Date.parse(trimmed);
  return Number.isNaN(date) ? null : Math.max(0, date - now);
}
function classifyGraphFailure(error, now) {
  if (error instanceof MissingCredentialsError) return { kind: "permanent", detail: "missing-credentials" };
  const status = error instanceof GraphError ? error.statusCode : -1;
  const code = error instanceof GraphError && error.code ? String(error.code) : error?.name;
  const label = `${status > 0 ? `HTTP ${status}` : "no response"}${code ? ` ${code}` : ""}`;
  if (status === 429) {
    const headers = error.headers;
    return { kind: "throttled", retryAfterMs: parseRetryAfter(headers?.get?.("retry-after"), now), detail: label };
  }
  if (status === 503) return { kind: "transient", detail: label };
  if (status === 401 || status === 408) return { kind: "transient", detail: label };
  if (status >= 500) return { kind: "outcome-unknown", detail: label };
  if (status >= 400) return { kind: "permanent", detail: label };
  if (status >= 200 && status < 300) return { kind: "outcome-unknown", detail: `HTTP ${status} unreadable body` };
  if (code === NETWORK_ERROR.notSent) return { kind: "transient", detail: label };
  if (code === NETWORK_ERROR.timeout || code === NETWORK_ERROR.cut) return { kind: "outcome-unknown", detail: label };
  const message = error instanceof Error ? error.message : String(error);
  if (/invalid_client|unauthorized_client|AADSTS7000215|AADSTS700016|AADSTS700027|AADSTS90002/i.test(message)) {
    return { kind: "permanent", detail: `token refused: ${message.slice(0, 160)}` };
  }
  return { kind: "transient", detail: `before request: ${label}: ${message.slice(0, 160)}` };
}

// portal/graph/guests.ts
var userSchema = z.object({
  id: z.string().min(1),
  mail: z.string().nullish(),
  otherMails: z.array(z.string()).nullish(),
  proxyAddresses: z.array(z.string()).nullish(),
  userType: z.string().nullish(),
  externalUserState: z.string().nullish()
});
var usersPageSchema = z.object({ value: z.array(userSchema) });
function odataString(value) {
  return `'${value.replaceAll("'", "''")}'`;
}
function guestFilter(address) {
  const a = odataString(address);
  const smtp = odataString(`smtp:${address}`);
  return `userType eq 'Guest' and (mail eq ${a} or otherMails/any(m:m eq ${a}) or proxyAddresses/any(p:p eq ${smtp}))`;
}
var SELECT = ["id", "mail", "otherMails", "proxyAddresses", "userType", "externalUserState"];
function invitationAddressOf(user, asked) {
  const wanted = asked.toLowerCase();
  const stored = [user.mail ?? null, ...user.otherMails ?? []].filter((v) => typeof v === "string");
  return stored.find((value) => value.toLowerCase() === wanted) ?? user.mail ?? null;
}
async function findPendingGuest(client, address, now = Date.now) {
  let page;
  try {
    const raw = await client.api("/users").filter(encodeURIComponent(guestFilter(address))).select(SELECT).top(5).get();
    const parsed = usersPageSchema.safeParse(raw);
    if (!parsed.success) return { kind: "failed", failure: { kind: "transient", detail: "malformed users response" } };
    page = parsed.data;
  } catch (error) {
    const failure = classifyGraphFailure(error, now());
    return { kind: "failed", failure: failure.kind === "outcome-unknown" ? { kind: "transient", detail: failure.detail } : failure };
  }
  const guests = page.value.filter((u) => u.userType === "Guest");
  if (guests.length === 0) return { kind: "no-invitation", reason: "no-guest-with-address" };
  const pending = guests.filter((u) => u.externalUserState === "PendingAcceptance");
  if (pending.length === 0) return { kind: "no-invitation", reason: "already-accepted" };
  if (guests.length > 1) return { kind: "no-invitation", reason: "several-guests-match" };
  const user = pending[0];
  const invitationAddress = invitationAddressOf(user, address);
  if (!invitationAddress) return { kind: "no-invitation", reason: "no-invitable-address" };
  return { kind: "pending-guest", guest: { userId: user.id, invitationAddress } };
}
async function resendInvitation(client, guest, content, now = Date.now) {
  const body = {
    invitedUserEmailAddress: guest.invitationAddress,
    inviteRedirectUrl: content.inviteRedirectUrl,
    sendInvitationMessage: true,
    ...content.customizedMessageBody ? { invitedUserMessageInfo: { customizedMessageBody: content.customizedMessageBody } } : {}
  };
  try {
    const response = await client.api("/invitations").post(body);
    const invitedUserId = response?.invitedUser?.id;
    const invitationId = response?.id;
    if (typeof invitedUserId === "string" && invitedUserId.toLowerCase() !== guest.userId.toLowerCase()) {
      return { kind: "sent", invitationId: typeof invitationId === "string" ? invitationId : null, note: "answered for another user id" };
    }
    return { kind: "sent", invitationId: typeof invitationId === "string" ? invitationId : null };
  } catch (error) {
    if (error instanceof GraphError2 && error.statusCode >= 200 && error.statusCode < 300) {
      return { kind: "sent", invitationId: null, note: `HTTP ${error.statusCode}, body unreadable` };
    }
    return { kind: "failed", failure: classifyGraphFailure(error, now()) };
  }
}
export {
  findPendingGuest,
  guestFilter,
  resendInvitation
};
//# sourceMappingURL=guests-XD5F5274.mjs.map
