import { useCallback, useEffect, useState } from 'react';
import { api, messageOf } from './api';

/** Requests started before the component that needs them is drawn (see `prefetch`). */
const early = new Map<string, Promise<unknown>>();

/** Starts a GET now; the next `useApi` of the same path takes its answer instead of asking again. */
export function prefetch(path: string): void {
  if (!early.has(path)) {
    const p = api<unknown>(path);
    p.catch(() => undefined);
    early.set(path, p);
  }
}

export type Loaded<T> = { readonly state: 'loading' } | { readonly state: 'error'; readonly message: string; readonly status: number } | { readonly state: 'ok'; readonly data: T };

/** GETs `path` (nothing when `null`), again whenever `path` changes or `reload` is called. */
export function useApi<T>(path: string | null): Loaded<T> & { readonly reload: () => void } {
  const [result, setResult] = useState<Loaded<T>>({ state: 'loading' });
  const [tick, setTick] = useState(0);
  useEffect(() => {
    if (path === null) return;
    let live = true;
    setResult({ state: 'loading' });
    const started = early.get(path) as Promise<T> | undefined;
    early.delete(path);
    (started ?? api<T>(path)).then(
      (data) => live && setResult({ state: 'ok', data }),
      (error: unknown) => live && setResult({ state: 'error', message: messageOf(error), status: (error as { status?: number }).status ?? 0 }),
    );
    return () => {
      live = false;
    };
  }, [path, tick]);
  const reload = useCallback(() => setTick((t) => t + 1), []);
  return { ...result, reload };
}
