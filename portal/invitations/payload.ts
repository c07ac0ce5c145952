// What an invite job carries in the job table's `payload` column (JSON): the order's details the worker needs when it
// runs. Written by the queue (queue.ts), read by the worker (resend/worker.ts); a payload that doesn't parse (a bug,
// or a row edited by hand) is read as "no details" rather than stopping the worker.
import { z } from 'zod';
import type { InvitationOrder } from './types.ts';

const payloadSchema = z.object({
  source: z.enum(['admin', 'csv', 'access-request', 'pre-approved']),
  displayName: z.string().optional(),
  message: z.string().optional(),
  redirectUrl: z.string().optional(),
  messageLanguage: z.string().optional(),
  resendPending: z.boolean().optional(),
  reference: z.string().optional(),
});

export type InvitePayload = z.infer<typeof payloadSchema>;

export function invitePayload(order: InvitationOrder): string {
  const { displayName, message, redirectUrl, messageLanguage, resendPending, reference, source } = order;
  return JSON.stringify({ source, displayName, message, redirectUrl, messageLanguage, resendPending, reference } satisfies InvitePayload);
}

export function parseInvitePayload(text: string | null): InvitePayload {
  try {
    const parsed = payloadSchema.safeParse(JSON.parse(text ?? 'null'));
    if (parsed.success) return parsed.data;
  } catch {
    // fall through
  }
  return { source: 'admin' };
}
