/**
 * Deadline clocks. Each stay of a case at a node runs one stage clock (accept, handle or verify) whose
 * limits come from the category (inherited, else the defaults of DOMAIN-RULES §2) and the kind of node
 * holding it (department or administrative). Limits are working days on the administrator's calendar.
 * The instants are computed once, when the clock starts (or an extension is approved), and stored on the
 * case, so the sweep compares timestamps and never computes calendars.
 */
import type { Kysely, Transaction } from 'kysely';
import type { DB } from '../../platform/db/schema.js';
import type { CaseStage, Card } from '../../platform/db/tables/cases.js';
import type { WorkCalendar } from '../../../common/working-days.js';
import { loadWorkCalendar } from '../calendar/index.js';
import { categoryTree, limitsFor, type CategoryTree, type HandlerKind, type Limit } from '../categories/index.js';
import { resolveLimits } from '../../../common/deadline-limits.js';

type Q = Kysely<DB> | Transaction<DB>;

/**
 * The calendar and the category tree are cached per database handle, and read uncached through a
 * transaction (on PGlite a query on the handle would wait for that very transaction; on PostgreSQL it would
 * need a second connection). Case transactions therefore take a snapshot of both *before* they open
 * (`caseTransaction`), and clocks started inside use it: neither changes inside a case transaction.
 */
interface ClockSources {
  calendar: WorkCalendar;
  tree: CategoryTree;
}
const snapshots = new WeakMap<Transaction<DB>, ClockSources>();

/** Runs `fn` in a transaction whose clocks use a snapshot of the cached calendar and category limits. */
export async function caseTransaction<T>(db: Kysely<DB>, fn: (tx: Transaction<DB>) => Promise<T>): Promise<T> {
  const [calendar, tree] = await Promise.all([loadWorkCalendar(db), categoryTree(db)]);
  return db.transaction().execute((tx) => {
    snapshots.set(tx, { calendar, tree });
    return fn(tx);
  });
}

async function limitOf(db: Q, categoryId: number, kind: HandlerKind, stage: CaseStage): Promise<Limit> {
  const snap = db.isTransaction ? snapshots.get(db as Transaction<DB>) : undefined;
  if (snap && snap.tree.record(categoryId)) return resolveLimits(snap.tree.chain(categoryId), kind, stage);
  return limitsFor(db, categoryId, kind, stage);
}

/** Early warning at this share of the yellow limit (DOMAIN-RULES §2). */
export const WARNING_RATIO = 0.7;

export interface StageClock {
  stage: CaseStage;
  startedAt: Date;
  warnAt: Date;
  yellowAt: Date;
  redAt: Date;
  /** The limits in working days, extension included. */
  yellowDays: number;
  redDays: number;
}

/** The instant `days` working days (whole or half) after `start` on the calendar. */
export function afterWorkingDays(cal: WorkCalendar, start: Date, days: number): Date {
  return cal.addWorkingDays(start, days);
}

/** Computes a stage's clock: limits for the category and the holder's kind, plus approved extension days. */
export async function stageClock(
  db: Q,
  args: { categoryId: number; holderType: string; stage: CaseStage; start: Date; extensionDays?: number },
): Promise<StageClock> {
  const kind = args.holderType === 'department' ? 'department' : 'admin';
  const snap = db.isTransaction ? snapshots.get(db as Transaction<DB>) : undefined;
  const [cal, limit] = await Promise.all([snap?.calendar ?? loadWorkCalendar(db), limitOf(db, args.categoryId, kind, args.stage)]);
  const extra = args.extensionDays ?? 0;
  const yellowDays = limit.yellow + extra;
  const redDays = limit.red + extra;
  return {
    stage: args.stage,
    startedAt: args.start,
    warnAt: cal.warningInstant(args.start, yellowDays, WARNING_RATIO),
    yellowAt: afterWorkingDays(cal, args.start, yellowDays),
    redAt: afterWorkingDays(cal, args.start, redDays),
    yellowDays,
    redDays,
  };
}

/** The next instant the sweep must look at this case (null: nothing left to raise on this clock). */
export function nextSweepAt(c: { warned: boolean; card: Card; warnAt: Date | null; yellowAt: Date | null; redAt: Date | null }): Date | null {
  if (c.card === 'red' || !c.redAt) return null;
  if (c.card === 'yellow') return c.redAt;
  if (!c.warned && c.warnAt) return c.warnAt;
  return c.yellowAt;
}

/** The case columns for a freshly started clock (or none when the status runs no clock). */
export function clockColumns(clock: StageClock | null) {
  if (!clock) {
    return { stage: null, stage_started_at: null, stage_warn_at: null, stage_yellow_at: null, stage_red_at: null, warned: false, card: 'none' as const, next_sweep_at: null };
  }
  return {
    stage: clock.stage,
    stage_started_at: clock.startedAt,
    stage_warn_at: clock.warnAt,
    stage_yellow_at: clock.yellowAt,
    stage_red_at: clock.redAt,
    warned: false,
    card: 'none' as const,
    next_sweep_at: nextSweepAt({ warned: false, card: 'none', warnAt: clock.warnAt, yellowAt: clock.yellowAt, redAt: clock.redAt }),
  };
}
