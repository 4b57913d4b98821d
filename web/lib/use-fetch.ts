/** A small data-loading hook: GET a path, re-fetch when it changes, expose loading / error / reload. */
import { useCallback, useEffect, useRef, useState } from 'react';
import { ApiError, get } from './api.js';
import { useI18n } from './i18n.js';

export interface FetchState<T> {
  data: T | undefined;
  error: ApiError | undefined;
  loading: boolean;
  reload(): void;
}

/** Loads `path` (null: nothing to load). Reloads on path or language change; keeps old data while loading. */
export function useFetch<T>(path: string | null): FetchState<T> {
  const { lang } = useI18n();
  const [data, setData] = useState<T>();
  const [error, setError] = useState<ApiError>();
  const [loading, setLoading] = useState(path !== null);
  const [tick, setTick] = useState(0);
  const lastPath = useRef<string | null>(null);
  useEffect(() => {
    if (path === null) {
      setLoading(false);
      return;
    }
    if (lastPath.current !== path) setError(undefined);
    lastPath.current = path;
    const ctl = new AbortController();
    setLoading(true);
    get<T>(path, { signal: ctl.signal })
      .then((d) => {
        setData(d);
        setError(undefined);
        setLoading(false);
      })
      .catch((e: unknown) => {
        if ((e as Error).name === 'AbortError') return;
        setError(e instanceof ApiError ? e : new ApiError(0, 'CLIENT', String(e)));
        setData(undefined);
        setLoading(false);
      });
    return () => ctl.abort();
  }, [path, tick, lang]);
  const reload = useCallback(() => setTick((n) => n + 1), []);
  return { data, error, loading, reload };
}
