import { useRef } from 'react';
import type { Loaded } from '../hooks';

/**
 * A `useApi` result that keeps showing what it last loaded while it loads again: a page whose
 * record changed reloads it without taking its forms (and their messages) off the screen.
 */
export function useLatest<T>(result: Loaded<T> & { readonly reload: () => void }): Loaded<T> & { readonly reload: () => void } {
  const last = useRef<T | undefined>(undefined);
  if (result.state === 'ok') last.current = result.data;
  if (result.state === 'loading' && last.current !== undefined) return { state: 'ok', data: last.current, reload: result.reload };
  return result;
}
