import { useEffect, useState } from 'react';

/**
 * A component from a chunk loaded on demand, without React.lazy: React 19 holds back content
 * behind a Suspense fallback for at least 300 ms, which is most of our time budget. Once a
 * chunk has loaded (or been preloaded) its component renders at once.
 */
export function lazyModule<P>(load: () => Promise<{ default: React.ComponentType<P> }>) {
  let component: React.ComponentType<P> | undefined;
  let pending: Promise<React.ComponentType<P>> | undefined;
  const preload = (): Promise<React.ComponentType<P>> => {
    pending ??= load().then(
      (m) => (component = m.default),
      (error: unknown) => {
        pending = undefined; // try again next time (e.g. after a dropped connection)
        throw error;
      },
    );
    return pending;
  };
  /** The component, or `undefined` while loading, or an Error if its code could not be fetched. */
  const use = (): React.ComponentType<P> | Error | undefined => {
    const [state, setState] = useState<React.ComponentType<P> | Error | undefined>(() => component);
    useEffect(() => {
      // No early return when `component` is already set: the chunk may have arrived between
      // this render and this effect, and then only this setState draws the page (it is a
      // no-op when the state already holds it).
      let live = true;
      preload().then(
        (c) => live && setState(() => c),
        () => live && setState(new Error('Part of the page could not be loaded. Check your connection, then reload the page.')),
      );
      return () => {
        live = false;
      };
    }, []);
    return component ?? state;
  };
  return { preload, use };
}
