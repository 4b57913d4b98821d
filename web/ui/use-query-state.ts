/** List filters and paging kept in the URL, so reloading and the back button restore them. */
import { useCallback, useMemo } from 'react';
import { useSearchParams } from 'react-router';

export type QueryValues = Record<string, string>;

/** Values from the query string (falling back to defaults) and a setter that resets paging on filter change. */
export function useQueryState<T extends QueryValues>(defaults: T): [T, (patch: Partial<T>) => void] {
  const [params, setParams] = useSearchParams();
  const values = useMemo(() => {
    const out: QueryValues = { ...defaults };
    for (const k of Object.keys(defaults)) {
      const v = params.get(k);
      if (v !== null) out[k] = v;
    }
    return out as T;
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [params]);
  const set = useCallback(
    (patch: Partial<T>) => {
      setParams(
        (prev) => {
          const next = new URLSearchParams(prev);
          const changesFilter = Object.keys(patch).some((k) => k !== 'page' && k !== 'pageSize');
          if (changesFilter && !('page' in patch)) next.delete('page');
          for (const [k, v] of Object.entries(patch)) {
            if (v === undefined || v === '' || v === defaults[k]) next.delete(k);
            else next.set(k, String(v));
          }
          return next;
        },
        { replace: true },
      );
    },
    [setParams, defaults],
  );
  return [values, set];
}
