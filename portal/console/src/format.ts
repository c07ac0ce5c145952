// Small display helpers shared by the views.
const DAY = 86_400_000;

export function daysSince(iso: string | null | undefined, now = Date.now()): number | undefined {
  if (!iso) return undefined;
  const t = Date.parse(iso);
  return Number.isNaN(t) ? undefined : Math.max(0, Math.floor((now - t) / DAY));
}

export function when(iso: string | null | undefined): string {
  if (!iso) return '—';
  const t = Date.parse(iso);
  return Number.isNaN(t) ? '—' : new Date(t).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' });
}

export function errorText(error: unknown): string {
  if (error instanceof Error) return error.message;
  const e = error as { message?: string; body?: string };
  return e?.message ?? String(error);
}
