// What a view shows while its data loads or when loading failed (always said, never an empty table).
import type { Loaded } from '../use-load.ts';

export function LoadState({ loaded, what, failed }: { loaded: Loaded<unknown>; what: string; failed?: string }) {
  return (
    <>
      {loaded.error && (
        <p role="alert" class="error">
          {failed ? `${failed}: ` : ''}
          {loaded.error}
        </p>
      )}
      {loaded.loading && <p role="status">Loading {what}…</p>}
    </>
  );
}
