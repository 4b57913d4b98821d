/**
 * The in-memory working-day calendar, one per database handle, and the change hook.
 *
 * Every calendar change bumps `setting['calendar.version']` in its transaction and reloads this process's
 * calendar before it answers, so the process that made a change never computes with the old calendar.
 * Other processes on the same database re-read the version at most every CHECK_INTERVAL_MS (on the first
 * load after the interval) and reload when it moved, so they lag by at most that interval. Polling works the
 * same on PGlite and PostgreSQL (like the geo module's grid index, grid-freshness.ts).
 */
import type { Kysely, Transaction } from 'kysely';
import type { DB } from '../../platform/db/schema.js';
import { WorkCalendar, type IsoDay } from '../../../common/working-days.js';
import * as repo from './calendar.repository.js';

export const CHECK_INTERVAL_MS = 2000;

interface CalendarState {
  calendar: WorkCalendar | null;
  version: number;
  checkedAt: number;
  /** Serialises reloads. */
  chain: Promise<unknown>;
  checking: Promise<void> | null;
}

const states = new WeakMap<Kysely<DB>, CalendarState>();

function stateOf(db: Kysely<DB>): CalendarState {
  let s = states.get(db);
  if (!s) {
    s = { calendar: null, version: -1, checkedAt: 0, chain: Promise.resolve(), checking: null };
    states.set(db, s);
  }
  return s;
}

/** Reads the whole calendar from the database, uncached (works inside a transaction). */
export async function readWorkCalendar(db: Kysely<DB> | Transaction<DB>): Promise<WorkCalendar> {
  const rows = await repo.allOverrides(db);
  return new WorkCalendar(rows.map((r) => [r.day, r.kind] as const));
}

/** Reloads a database's calendar now (serialised per database). */
export function reloadWorkCalendar(db: Kysely<DB>): Promise<WorkCalendar> {
  const s = stateOf(db);
  const run = s.chain.then(async () => {
    // Version first: a change landing between the two reads makes the next check reload again.
    const version = await repo.readCalendarVersion(db);
    const calendar = await readWorkCalendar(db);
    s.calendar = calendar;
    s.version = version;
    s.checkedAt = Date.now();
    return calendar;
  });
  s.chain = run.catch(() => {});
  return run;
}

/**
 * The current working-day calendar of a database (cached; re-checked against the shared version at most
 * every CHECK_INTERVAL_MS). Given a transaction it reads through it, uncached: on PGlite a query on the
 * database handle would wait for that very transaction.
 */
export async function loadWorkCalendar(db: Kysely<DB> | Transaction<DB>): Promise<WorkCalendar> {
  if (db.isTransaction) return readWorkCalendar(db);
  const s = stateOf(db);
  if (!s.calendar) return reloadWorkCalendar(db);
  if (Date.now() - s.checkedAt > CHECK_INTERVAL_MS) {
    s.checking ??= (async () => {
      try {
        const v = await repo.readCalendarVersion(db);
        if (v !== s.version) await reloadWorkCalendar(db);
        else s.checkedAt = Date.now();
      } finally {
        s.checking = null;
      }
    })();
    await s.checking;
  }
  return s.calendar!;
}

/** What changed in the calendar, as told to onCalendarChanged listeners. */
export interface CalendarChange {
  /** The days whose override was set, changed or cleared, in order. */
  days: IsoDay[];
  /** The first of them (null when a replace changed nothing). */
  earliest: IsoDay | null;
  /** The calendar after the change. */
  calendar: WorkCalendar;
  /** The shared calendar version after the change. */
  version: number;
  /** Who changed it. */
  actorId: number | null;
}

export type CalendarListener = (change: CalendarChange, db: Kysely<DB>) => void | Promise<void>;

const listeners = new Set<CalendarListener>();

/**
 * Registers a listener called after every committed calendar change made by this process (once per change,
 * e.g. for the cases module to recompute open deadlines); returns a function that unregisters it.
 */
export function onCalendarChanged(listener: CalendarListener): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** Reloads this process's calendar after a committed change and tells the listeners, one after another. */
export async function afterCalendarChange(
  db: Kysely<DB>,
  change: Omit<CalendarChange, 'calendar'>,
  log: { error(obj: unknown, msg?: string): void } = { error: (o, m) => console.error(m, o) },
): Promise<WorkCalendar> {
  const calendar = await reloadWorkCalendar(db);
  for (const listener of [...listeners]) {
    try {
      await listener({ ...change, calendar }, db);
    } catch (err) {
      // The change is committed; a failing listener must not fail it (it logs and can be re-run).
      log.error({ err }, 'calendar change listener failed');
    }
  }
  return calendar;
}
