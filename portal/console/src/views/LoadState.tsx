// What a view shows while its data loads or when loading failed (always said, never an empty table), with a Retry
// button: a failed read (Graph or the admin API) can be tried again without reloading the console.
import type { Loaded } from '../use-load.ts';

export function LoadState({ loaded, what, failed }: { loaded: Loaded<unknown>; what: string; failed?: string }) {
  return (
    <>
      {loaded.error && !loaded.loading && (
        <div role="alert" class="error">
          <p>
            {failed ? `${failed}: ` : ''}
            {loaded.error}
          </p>
          <button type="button" onClick={() => loaded.reload()}>
            Retry
          </button>
        </div>
      )}
      {loaded.loading && <p role="status">Loading {what}…</p>}
    </>
  );
}
