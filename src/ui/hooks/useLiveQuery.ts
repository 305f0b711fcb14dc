/**
 * Subscribes a component to a Dexie liveQuery: the value is re-read whenever the tables it read
 * change, in this tab or another one (sync, a second window). Works fully offline.
 */
import { liveQuery } from 'dexie';
import { useEffect, useState } from 'preact/hooks';

export type LiveResult<T> =
  | { status: 'loading'; value: undefined; error: undefined }
  | { status: 'ready'; value: T; error: undefined }
  | { status: 'error'; value: undefined; error: unknown };

const LOADING = { status: 'loading', value: undefined, error: undefined } as const;

/**
 * `deps` must list everything `querier` closes over, as for useEffect. While `paused` the last value
 * stays and nothing is re-read (a many-page first sync would otherwise re-read per page); resumed,
 * it reads once and follows changes again.
 */
export function useLiveQuery<T>(
  querier: () => Promise<T> | T,
  deps: readonly unknown[],
  { paused = false }: { paused?: boolean } = {},
): LiveResult<T> {
  const [result, setResult] = useState<LiveResult<T>>(LOADING);
  useEffect(() => {
    if (paused) return;
    const subscription = liveQuery(querier).subscribe({
      next: (value) => setResult({ status: 'ready', value, error: undefined }),
      error: (error: unknown) => setResult({ status: 'error', value: undefined, error }),
    });
    return () => subscription.unsubscribe();
  }, [...deps, paused]);
  return result;
}
