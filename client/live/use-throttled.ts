/** Calls `fn` at most once per `ms`, always once more after the last request (trailing), never after unmount. */
import { useCallback, useEffect, useRef } from 'react';

export function useThrottled(fn: () => void, ms: number): () => void {
  const latest = useRef(fn);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const last = useRef(0);
  const mounted = useRef(false);
  useEffect(() => {
    latest.current = fn;
  });
  useEffect(() => {
    mounted.current = true;
    return () => {
      mounted.current = false;
      if (timer.current) clearTimeout(timer.current);
      timer.current = null;
    };
  }, []);
  return useCallback(() => {
    if (timer.current || !mounted.current) return;
    timer.current = setTimeout(() => {
      timer.current = null;
      last.current = Date.now();
      if (mounted.current) latest.current();
    }, Math.max(0, last.current + ms - Date.now()));
  }, [ms]);
}
