/**
 * Live case updates: one shared EventSource on /api/notifications/stream per tab, opened while some screen
 * listens; `change` events for cases (and `resync` after the server lost its database connection) call the
 * listeners, debounced, so a burst of changes costs one re-read.
 */
import { useEffect, useRef } from 'react';

type Listener = (caseId: number | null) => void;

const listeners = new Set<Listener>();
let source: EventSource | null = null;

function deliver(caseId: number | null) {
  for (const l of [...listeners]) l(caseId);
}

function open() {
  if (source || typeof EventSource === 'undefined') return;
  const es = new EventSource('/api/notifications/stream', { withCredentials: true });
  es.addEventListener('change', (e) => {
    try {
      const data = JSON.parse((e as MessageEvent<string>).data) as { entity?: string; id?: number | string };
      if (data.entity === 'case') deliver(Number(data.id));
    } catch {
      /* a malformed event changes nothing */
    }
  });
  es.addEventListener('resync', () => deliver(null));
  // The session ended: stop; the next API call sends the user to the sign-in page.
  es.addEventListener('end', () => close());
  source = es;
}

function close() {
  source?.close();
  source = null;
}

/** Subscribes to case changes; returns the unsubscribe function. `null` means "anything may have changed". */
export function subscribeCaseChanges(listener: Listener): () => void {
  listeners.add(listener);
  open();
  return () => {
    listeners.delete(listener);
    if (listeners.size === 0) close();
  };
}

/**
 * Calls `onChange` (at most once per `delayMs`) when a case changes for which `matches(id)` holds
 * (default: any case). The callback and predicate may change between renders without re-subscribing.
 */
export function useCaseChanges(onChange: () => void, matches?: (caseId: number) => boolean, delayMs = 800): void {
  const latest = useRef({ onChange, matches });
  latest.current = { onChange, matches };
  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | null = null;
    const off = subscribeCaseChanges((id) => {
      if (id !== null && latest.current.matches && !latest.current.matches(id)) return;
      if (timer) clearTimeout(timer);
      timer = setTimeout(() => {
        timer = null;
        latest.current.onChange();
      }, delayMs);
    });
    return () => {
      off();
      if (timer) clearTimeout(timer);
    };
  }, [delayMs]);
}
