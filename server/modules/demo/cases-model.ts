/**
 * The demo cases' machinery: an in-memory case that moves exactly as the cases module's engine moves a
 * real one (server/modules/cases/case-engine.ts `applyMove`: status, holder, owner, handler, a new stage
 * clock on a new stage or a new node, the parties, the timeline event, who is told) and is swept exactly
 * as `sweepDeadlines` sweeps (every minute: early warning, yellow then red card, points, escalation to the
 * holder's superior). Clocks come from the module's own `stageClock`, so the deadlines are the real ones.
 * Nothing is written here: the rows are collected and bulk-inserted by cases.ts.
 */
import type { CaseStatus, CaseStage, Card, CaseSource, PartyKind, Satisfaction } from '../../platform/db/tables/cases.js';
import type { Role, Permission } from '../../../common/permissions.js';
import { roleHas } from '../../../common/permissions.js';
import { nextSweepAt, type StageClock } from '../cases/case-clock.js';
import { stageOf, nodeKind } from '../cases/case-workflow.js';
import { DEFAULT_CARD_POINTS } from '../cases/case-sweep.js';

export interface DemoNode {
  id: number;
  parentId: number | null;
  type: string;
  tree: string;
  path: string;
  nameZh: string;
  nameEn: string;
}

/** What the model needs from the outside world. */
export interface World {
  node(id: number): DemoNode;
  /** Users whose grant on exactly this node carries the permission (the node's staff for it). */
  usersHolding(nodeId: number, perm: Permission): number[];
  clock(args: { categoryId: number; holderType: string; stage: CaseStage; start: Date; extensionDays?: number }): Promise<StageClock>;
  now: Date;
}

export interface EventRow {
  caseId: number;
  at: Date;
  action: string;
  actorUserId: number | null;
  actorNodeId: number | null;
  fromStatus: string | null;
  toStatus: string | null;
  fromNodeId: number | null;
  toNodeId: number | null;
  note: string | null;
  data: Record<string, unknown>;
  public: boolean;
  /** Staff to tell: [node, notification kind]. */
  tell: [number, string, Permission][];
  /** Text key for followers (public events). */
  publicKey: string | null;
  /** Order inside the case (ties in time keep the order of the moves). */
  seq: number;
}

export interface CardRow {
  key: number;
  caseId: number;
  stageSeq: number;
  stage: CaseStage;
  nodeId: number;
  color: 'yellow' | 'red';
  points: number;
  raisedAt: Date;
}

export interface ExtensionRow {
  caseId: number;
  stageSeq: number;
  nodeId: number;
  requestedBy: number;
  days: number;
  reason: string;
  status: 'pending' | 'approved' | 'denied';
  approvedDays: number | null;
  decidedBy: number | null;
  decidedAt: Date | null;
  decisionNote: string | null;
  createdAt: Date;
}

export interface PartyRow {
  nodeId: number;
  nodePath: string;
  kind: PartyKind;
  createdAt: Date;
  readAt: Date | null;
  readBy: number | null;
}

export interface Move {
  status: CaseStatus;
  holder: DemoNode;
  owner?: DemoNode;
  handler?: DemoNode | null;
  set?: Partial<CaseState>;
  filed?: boolean;
}

export interface Act {
  action: string;
  user: number | null;
  node: number | null;
  note?: string | null;
  data?: Record<string, unknown>;
  public?: boolean;
  publicKey?: string;
  tellNodes?: [DemoNode, string][];
}

/** The case_file columns the model keeps (names as in the table, camel-cased). */
export interface CaseState {
  status: CaseStatus;
  holder: DemoNode;
  owner: DemoNode;
  handler: DemoNode | null;
  stage: CaseStage | null;
  stageSeq: number;
  clock: StageClock | null;
  extensionDays: number;
  warned: boolean;
  card: Card;
  escalatedNodeId: number | null;
  acceptDueAt: Date | null;
  dueAt: Date | null;
  acceptedAt: Date | null;
  dispatchedAt: Date | null;
  handledAt: Date | null;
  closedAt: Date | null;
  ratedAt: Date | null;
  resolved: boolean | null;
  satisfaction: Satisfaction | null;
  ratingComment: string | null;
  reopenCount: number;
  reworkCount: number;
  extended: boolean;
  mergedIntoId: number | null;
  parkedReason: string | null;
}

const MINUTE = 60_000;
/** The sweep runs every minute: a threshold is acted on at the first whole minute at or after it. */
const sweepInstant = (t: Date) => new Date(Math.ceil(t.getTime() / MINUTE) * MINUTE);

let cardKeys = 0;

/** One demo case on its way through the workflow. */
export class SimCase {
  s: CaseState;
  readonly events: EventRow[] = [];
  readonly parties = new Map<string, PartyRow>();
  readonly followers = new Map<number, { kind: 'reporter' | 'follower'; at: Date }>();
  readonly cards: CardRow[] = [];
  readonly extensions: ExtensionRow[] = [];
  /** Sweep notifications: [node, kind, at] (warn / yellow / red to the holder, escalate to the superior). */
  readonly sweepTells: [number, string, Date, Permission][] = [];
  /** Audit rows of the API calls behind the moves (the sweep writes none). */
  readonly audits: { at: Date; actorId: number | null; action: string; nodeId: number | null; detail: Record<string, unknown> }[] = [];
  private seq = 0;

  constructor(
    readonly w: World,
    readonly id: number,
    readonly f: {
      categoryId: number;
      description: string;
      address: string;
      lat: number;
      lng: number;
      grid: DemoNode;
      source: CaseSource;
      urgent: boolean;
      reporterUserId: number | null;
      hideReporter: boolean;
      reportedAt: Date;
    },
    intake: DemoNode,
    owner: DemoNode,
  ) {
    this.s = {
      status: 'reported', holder: intake, owner, handler: null, stage: null, stageSeq: 0, clock: null, extensionDays: 0, warned: false, card: 'none',
      escalatedNodeId: null, acceptDueAt: null, dueAt: null, acceptedAt: null, dispatchedAt: null, handledAt: null, closedAt: null, ratedAt: null,
      resolved: null, satisfaction: null, ratingComment: null, reopenCount: 0, reworkCount: 0, extended: false, mergedIntoId: null, parkedReason: null,
    };
  }

  /** Adds a party (idempotent on node and kind, as the table's primary key). */
  party(n: DemoNode, kind: PartyKind, at: Date): PartyRow {
    const key = `${n.id}:${kind}`;
    let p = this.parties.get(key);
    if (!p) this.parties.set(key, (p = { nodeId: n.id, nodePath: n.path, kind, createdAt: at, readAt: null, readBy: null }));
    return p;
  }

  /** Adds a follower (an existing reporter row stays a reporter row). */
  follow(userId: number, kind: 'reporter' | 'follower', at: Date): boolean {
    if (this.followers.has(userId)) return false;
    this.followers.set(userId, { kind, at });
    return true;
  }

  /** Records the audit row of an API call on this case. */
  audit(at: Date, actorId: number | null, action: string, nodeId: number | null, detail: Record<string, unknown> = {}) {
    this.audits.push({ at, actorId, action, nodeId: nodeId ?? this.f.grid.id, detail });
  }

  /** Records an event without a move. */
  event(at: Date, e: Partial<EventRow> & { action: string }): EventRow {
    const row: EventRow = {
      caseId: this.id, at, actorUserId: null, actorNodeId: null, fromStatus: null, toStatus: null, fromNodeId: null, toNodeId: null,
      note: null, data: {}, public: false, tell: [], publicKey: null, seq: this.seq++, ...e,
    };
    this.events.push(row);
    return row;
  }

  /** The sweep, run every minute up to `until` (exclusive; inclusive for the present). */
  sweepTo(until: Date, inclusive = false) {
    const c = this.s.clock;
    if (!c || this.s.card === 'red') return;
    const due = (t: Date) => (inclusive ? t.getTime() <= until.getTime() : sweepInstant(t).getTime() < until.getTime());
    const at = (t: Date) => (inclusive ? new Date(Math.min(sweepInstant(t).getTime(), until.getTime())) : sweepInstant(t));
    const holder = this.s.holder;
    const perm: Permission = nodeKind(holder.type) === 'centre' ? 'case.dispatch' : 'case.handle';
    if (!this.s.warned && due(c.warnAt) && !(this.s.card === 'none' && due(c.yellowAt) && at(c.yellowAt).getTime() === at(c.warnAt).getTime())) {
      this.s.warned = true;
      this.sweepTells.push([holder.id, 'warn', at(c.warnAt), perm]);
    }
    const raise = (color: 'yellow' | 'red', when: Date) => {
      this.s.card = color;
      const points = DEFAULT_CARD_POINTS[color];
      const key = ++cardKeys;
      this.cards.push({ key, caseId: this.id, stageSeq: this.s.stageSeq, stage: this.s.stage!, nodeId: holder.id, color, points, raisedAt: when });
      this.event(when, { action: `card_${color}`, toNodeId: holder.id, data: { points } });
      this.sweepTells.push([holder.id, color, when, perm]);
    };
    const yellowDue = this.s.card === 'none' && due(c.yellowAt);
    const redDue = due(c.redAt);
    if (yellowDue) {
      this.s.warned = true;
      // One pass that finds both limits passed raises the red card only.
      if (!(redDue && at(c.redAt).getTime() === at(c.yellowAt).getTime())) raise('yellow', at(c.yellowAt));
    }
    if (redDue) {
      this.s.warned = true;
      const when = at(c.redAt);
      raise('red', when);
      const parent = holder.parentId ? this.w.node(holder.parentId) : null;
      const target = parent && parent.tree === 'admin' ? parent.id : this.s.escalatedNodeId;
      if (target && target !== this.s.escalatedNodeId) {
        this.s.escalatedNodeId = target;
        const t = this.w.node(target);
        this.party(t, 'escalated', when);
        this.event(when, { action: 'escalate', fromNodeId: holder.id, toNodeId: target, public: true, publicKey: 'escalate' });
        this.sweepTells.push([target, 'escalate', when, 'case.dispatch']);
      }
    }
  }

  /** Applies a move (or, with `move` null, records an event only), as the engine's applyMove does. */
  async apply(at: Date, move: Move | null, act: Act): Promise<EventRow> {
    const s = this.s;
    if (!move?.filed) this.sweepTo(at);
    const from = { status: s.status, holder: s.holder };
    let holderChanged = false;
    if (move) {
      holderChanged = !!move.filed || move.holder.id !== s.holder.id;
      Object.assign(s, move.set ?? {});
      s.status = move.status;
      s.holder = move.holder;
      if (move.owner) s.owner = move.owner;
      if (move.handler !== undefined) s.handler = move.handler;
      const stage = stageOf(move.status);
      if (stage === null) Object.assign(s, { stage: null, clock: null, warned: false, card: 'none' as Card });
      else if (stage !== s.stage || holderChanged) {
        const clock = await this.w.clock({ categoryId: this.f.categoryId, holderType: move.holder.type, stage, start: at });
        Object.assign(s, { stage, clock, stageSeq: s.stageSeq + 1, extensionDays: 0, warned: false, card: 'none' as Card });
        if (stage === 'handle') s.dueAt = clock.redAt;
      }
      const ownerKind = move.owner?.id === move.holder.id || (!move.owner && move.holder.id === s.owner.id) ? 'owner' : 'handler';
      this.party(move.holder, ownerKind, at);
      if (move.owner && move.owner.id !== move.holder.id) this.party(move.owner, 'owner', at);
    }
    const tell: [number, string, Permission][] = [];
    const perm = (n: DemoNode): Permission => (nodeKind(n.type) === 'centre' ? 'case.dispatch' : 'case.handle');
    if (move && holderChanged) tell.push([move.holder.id, act.action, perm(move.holder)]);
    for (const [n, kind] of act.tellNodes ?? []) tell.push([n.id, kind, perm(n)]);
    return this.event(at, {
      action: act.action,
      actorUserId: act.user,
      actorNodeId: act.node,
      fromStatus: move?.filed ? null : from.status,
      toStatus: move?.status ?? from.status,
      fromNodeId: move?.filed ? null : from.holder.id,
      toNodeId: move?.holder.id ?? from.holder.id,
      note: act.note ?? null,
      data: act.data ?? {},
      public: act.public ?? false,
      publicKey: act.public ? (act.publicKey ?? act.action) : null,
      tell,
    });
  }

  /** An approved extension lengthens the current clock (same start, more days); cards already raised stay. */
  async extend(days: number) {
    const s = this.s;
    if (!s.clock || !s.stage) return;
    s.extensionDays += days;
    s.clock = await this.w.clock({ categoryId: this.f.categoryId, holderType: s.holder.type, stage: s.stage, start: s.clock.startedAt, extensionDays: s.extensionDays });
    s.extended = true;
    if (s.stage === 'handle') s.dueAt = s.clock.redAt;
  }

  /** The case's next sweep instant as the sweep would have left it. */
  nextSweep(): Date | null {
    const c = this.s.clock;
    return c ? nextSweepAt({ warned: this.s.warned, card: this.s.card, warnAt: c.warnAt, yellowAt: c.yellowAt, redAt: c.redAt }) : null;
  }

  /** The node holding the case at an instant (from its timeline). */
  holderAt(t: Date): number | null {
    let n: number | null = null;
    for (const e of this.events) if (e.at.getTime() <= t.getTime() && e.toStatus) n = e.toNodeId;
    return n;
  }

  /** The case's status at an instant (from its timeline), or null before it was filed. */
  statusAt(t: Date): string | null {
    let st: string | null = null;
    for (const e of this.events) if (e.at.getTime() <= t.getTime() && e.toStatus) st = e.toStatus;
    return st;
  }
}

/** Users of a role set holding a permission — a helper for World implementations. */
export function holdersOf(grants: { userId: number; role: Role }[], perm: Permission): number[] {
  return [...new Set(grants.filter((g) => roleHas(g.role, perm)).map((g) => g.userId))];
}
