/** The process-wide table of event handlers; the listener (listener.ts) reads it and feeds it. */

/** A handler gets the parsed JSON payload. It must not throw (errors are logged and swallowed). */
export type EventHandler = (payload: any) => void;

const handlers = new Map<string, Set<EventHandler>>();
const reconnectHandlers = new Set<() => void>();
const channelListeners = new Set<(channel: string) => void>();

/** Subscribes a handler to a channel in this process; returns the unsubscribe function. */
export function subscribe(channel: string, handler: EventHandler): () => void {
  let set = handlers.get(channel);
  const isNew = !set;
  if (!set) handlers.set(channel, (set = new Set()));
  set.add(handler);
  if (isNew) for (const l of channelListeners) l(channel);
  return () => {
    set!.delete(handler);
  };
}

/** Runs `fn` after the listener reconnected (events sent while it was away are lost: re-read the database). */
export function onReconnect(fn: () => void): () => void {
  reconnectHandlers.add(fn);
  return () => {
    reconnectHandlers.delete(fn);
  };
}

/** Every channel anyone has subscribed to (the listener LISTENs on all of them). */
export function channels(): string[] {
  return [...handlers.keys()];
}

/** Called by the listener when a channel gets its first handler. */
export function onNewChannel(fn: (channel: string) => void): () => void {
  channelListeners.add(fn);
  return () => {
    channelListeners.delete(fn);
  };
}

/** Delivers one raw notification to the channel's handlers. */
export function dispatch(channel: string, raw: string | undefined, warn: (e: unknown, msg: string) => void): void {
  const set = handlers.get(channel);
  if (!set || set.size === 0) return;
  let payload: unknown;
  try {
    payload = raw ? JSON.parse(raw) : null;
  } catch (e) {
    warn(e, `event on ${channel} is not JSON`);
    return;
  }
  for (const h of [...set]) {
    try {
      h(payload);
    } catch (e) {
      warn(e, `event handler on ${channel} failed`);
    }
  }
}

/** Tells every reconnect handler. */
export function announceReconnect(warn: (e: unknown, msg: string) => void): void {
  for (const fn of [...reconnectHandlers]) {
    try {
      fn();
    } catch (e) {
      warn(e, 'reconnect handler failed');
    }
  }
}
