// Loading data for a view: the value, the error (shown, never swallowed) and a reload. A transient failure (no
// answer, a network error, 408/429/5xx from the admin API or Graph) is retried once by itself after a short pause —
// a read that fails once while the portal or Graph is busy should not leave an admin looking at an error.
import { useCallback, useEffect, useState } from 'preact/hooks';
import { errorText } from './format.ts';

export interface Loaded<T> {
  data?: T;
  error?: string;
  loading: boolean;
  reload(): void;
}

/** How long to wait before the one automatic retry. */
export const RETRY_PAUSE_MS = 1_000;

/** Worth trying again: nothing answered, or the answer says "busy / try later" (never a 4xx about the request). */
export function isTransient(error: unknown): boolean {
  const e = error as { status?: number; statusCode?: number; name?: string } | null;
  const status = e?.status ?? e?.statusCode;
  // graph-client reports "no answer" (a network error, a CORS-less error page) as statusCode -1.
  if (typeof status === 'number') return status <= 0 || status === 408 || status === 429 || status >= 500;
  return error instanceof TypeError || e?.name === 'TypeError' || e?.name === 'AbortError' || e?.name === 'TimeoutError';
}

export function useLoad<T>(load: () => Promise<T>, deps: unknown[]): Loaded<T> {
  const [state, setState] = useState<{ data?: T; error?: string; loading: boolean }>({ loading: true });
  const [round, setRound] = useState(0);
  useEffect(() => {
    let current = true;
    setState((s) => ({ ...s, loading: true }));
    const attempt = async (): Promise<T> => {
      try {
        return await load();
      } catch (error) {
        if (!isTransient(error)) throw error;
        await new Promise((resolve) => setTimeout(resolve, RETRY_PAUSE_MS));
        if (!current) throw error;
        return load();
      }
    };
    attempt().then(
      (data) => current && setState({ data, loading: false }),
      (error: unknown) => current && setState({ error: errorText(error), loading: false }),
    );
    return () => {
      current = false;
    };
  }, [...deps, round]);
  return { ...state, reload: useCallback(() => setRound((r) => r + 1), []) };
}
