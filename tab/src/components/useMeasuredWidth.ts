import { useLayoutEffect, useRef, useState, type RefObject } from 'react';

/**
 * The width of the element given the returned ref, measured before the first paint and again
 * whenever it is resized, so a chart draws once at its size rather than measuring itself after.
 * `undefined` until measured.
 */
export function useMeasuredWidth(): { readonly box: RefObject<HTMLDivElement | null>; readonly width: number | undefined } {
  const box = useRef<HTMLDivElement>(null);
  const [width, setWidth] = useState<number | undefined>(undefined);
  useLayoutEffect(() => {
    const el = box.current;
    if (!el) return;
    setWidth(el.clientWidth);
    const observer = new ResizeObserver(() => setWidth(el.clientWidth));
    observer.observe(el);
    return () => observer.disconnect();
  }, []);
  return { box, width };
}
