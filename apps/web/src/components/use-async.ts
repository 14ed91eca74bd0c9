import { useCallback, useEffect, useRef, useState } from 'preact/hooks';

export type AsyncState<T> =
  | { status: 'loading'; value?: T }
  | { status: 'ready'; value: T }
  | { status: 'error'; error: unknown; value?: T };

/**
 * Runs `load` whenever `deps` change and keeps the last value while reloading, so a refresh
 * does not blank the page. Answers that arrive after a newer request started are dropped.
 */
export function useAsync<T>(
  load: () => Promise<T>,
  deps: unknown[],
): [AsyncState<T>, () => void, (value: T) => void] {
  const [state, setState] = useState<AsyncState<T>>({ status: 'loading' });
  const generation = useRef(0);
  const loadRef = useRef(load);
  loadRef.current = load;
  const run = useCallback(() => {
    const mine = ++generation.current;
    setState((s) => ({ status: 'loading', ...(s.value !== undefined ? { value: s.value } : {}) }));
    loadRef.current().then(
      (value) => {
        if (mine === generation.current) setState({ status: 'ready', value });
      },
      (error: unknown) => {
        if (mine === generation.current)
          setState((s) => ({ status: 'error', error, ...(s.value !== undefined ? { value: s.value } : {}) }));
      },
    );
  }, []);
  useEffect(run, deps);
  const set = useCallback((value: T) => {
    generation.current++;
    setState({ status: 'ready', value });
  }, []);
  return [state, run, set];
}
