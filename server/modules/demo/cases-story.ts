/**
 * The life of one demo case: filed by a resident, a grid worker or the hotline, then taken through the
 * workflow by the staff of each node it reaches — accepted, dispatched down to a grid, handled by the
 * community itself, or handed up to the street and the district and dispatched to a department; returned,
 * reworked, extended, parked, merged, copied, followed, rated and now and then reopened — until the
 * present (`now`) stops it. Staff act in office hours on working days; a share of every stay runs slow,
 * so warnings, yellow and red cards and escalations happen as often as in a real district.
 */
import type { CaseSource } from '../../platform/db/tables/cases.js';
import type { WorkCalendar } from '../../../common/working-days.js';
import { nodeKind, FINAL_STATUSES } from '../cases/case-workflow.js';
import type { Rng } from './prng.js';
import { SimCase, type DemoNode, type World } from './cases-model.js';
import * as T from './cases-text.js';

export interface DemoCategory {
  id: number;
  code: string;
  nameZh: string;
  nameEn: string;
  level: 'grid' | 'community' | 'street' | 'district';
  deptCode: string | null;
  public: boolean;
}

export interface StoryWorld extends World {
  cal: WorkCalendar;
  /** The account that acts for a node (every centre, grid and department has one). */
  staff(nodeId: number): number;
  /** The grid's community, street and district. */
  above(grid: DemoNode, type: 'community' | 'street' | 'district'): DemoNode;
  /** A department of the district by code suffix (CG, ZJ …). */
  department(districtId: number, code: string): DemoNode | null;
  departments(districtId: number): DemoNode[];
  /** Resident accounts in a grid (reporters and followers). */
  residents(gridId: number): number[];
}

export interface CasePlan {
  id: number;
  reportedAt: Date;
  grid: DemoNode;
  category: DemoCategory;
  source: CaseSource;
  reporter: number;
  description: string;
  address: string;
  lat: number;
  lng: number;
  urgent: boolean;
  hideReporter: boolean;
  /** A second report of a problem already reported (the centre merges it while that one is open). */
  duplicateOf: SimCase | null;
  /** A grid worker who fixed it on the spot. */
  onSpot: boolean;
}

const MIN = 60_000;
const HOUR = 60 * MIN;
const CST = 8 * HOUR;
const OPEN_AT = 8.5 * HOUR;
const CLOSE_AT = 17.5 * HOUR;

/** The instant itself in office hours on a working day, else the next opening (plus a few minutes). */
export function officeTime(cal: WorkCalendar, t: Date, rng: Rng | null): Date {
  const local = t.getTime() + CST;
  const dayStart = Math.floor(local / 86_400_000) * 86_400_000;
  const ms = local - dayStart;
  if (cal.isWorkingDay(t) && ms >= OPEN_AT && ms < CLOSE_AT) return t;
  let next = ms < OPEN_AT ? dayStart : dayStart + 86_400_000;
  while (!cal.isWorkingDay(new Date(next - CST + OPEN_AT))) next += 86_400_000;
  return new Date(next - CST + OPEN_AT + (rng ? rng.int(0, 75) * MIN : 0));
}

/** `hours` of office time after `t` (office hours 08:30–17:30 on working days). */
export function addOfficeHours(cal: WorkCalendar, t: Date, hours: number): Date {
  let cur = officeTime(cal, t, null);
  let left = hours * HOUR;
  for (;;) {
    const local = cur.getTime() + CST;
    const close = Math.floor(local / 86_400_000) * 86_400_000 + CLOSE_AT - CST;
    if (left <= close - cur.getTime()) return new Date(cur.getTime() + left);
    left -= close - cur.getTime();
    cur = officeTime(cal, new Date(close), null);
  }
}

/** A log-normal delay with the given median (minutes). */
const delay = (rng: Rng, medianMin: number, sigma = 0.7) => {
  const z = Math.sqrt(-2 * Math.log(1 - rng.next())) * Math.cos(2 * Math.PI * rng.next());
  return Math.max(1, medianMin * Math.exp(sigma * z)) * MIN;
};

/** Plays one case from its report to the present. */
export class Story {
  readonly c: SimCase;
  private t: Date;
  private route: 'grid' | 'self' | 'up' = 'grid';
  private returned = false;
  private returnedFrom: number | undefined;
  /** The case has come to rest before the present (a pending extension, work still going on). */
  private resting = false;
  private cameDown = false;

  constructor(
    private readonly w: StoryWorld,
    private readonly p: CasePlan,
    private readonly rng: Rng,
  ) {
    const community = w.above(p.grid, 'community');
    const patrol = p.source === 'patrol';
    const level = p.category.level;
    const intake = patrol || level === 'grid' ? p.grid : level === 'community' ? community : w.above(p.grid, level);
    const owner = intake.type === 'grid' ? community : intake;
    this.c = new SimCase(w, p.id, {
      categoryId: p.category.id, description: p.description, address: p.address, lat: p.lat, lng: p.lng, grid: p.grid, source: p.source,
      urgent: p.urgent, reporterUserId: p.reporter, hideReporter: p.hideReporter, reportedAt: p.reportedAt,
    }, intake, owner);
    this.t = p.reportedAt;
    const r = rng.next();
    const dept = this.deptOf();
    this.route = dept && r < 0.3 ? 'up' : r < 0.78 ? 'grid' : 'self';
  }

  private get now() {
    return this.w.now;
  }
  private office(t: Date) {
    return officeTime(this.w.cal, t, this.rng);
  }
  /** When staff act next: usually within office hours; now and then late, past the clock's yellow limit. */
  private staffAt(medianMin: number, slowShare: number): Date {
    const clock = this.c.s.clock;
    if (clock && this.rng.chance(slowShare)) return this.late(clock.startedAt, clock.yellowDays);
    return addOfficeHours(this.w.cal, this.t, delay(this.rng, medianMin) / HOUR);
  }
  /** A late act: after the yellow limit of a clock, sometimes after the red one. */
  private late(start: Date, yellowDays: number): Date {
    return this.office(this.w.cal.addWorkingDays(start, yellowDays * this.rng.range(1.02, 2.3)));
  }
  private deptOf(avoid?: number): DemoNode | null {
    const district = this.w.above(this.p.grid, 'district');
    const d = this.p.category.deptCode ? this.w.department(district.id, this.p.category.deptCode) : null;
    if (d && d.id !== avoid) return d;
    if (avoid === undefined) return d;
    const others = this.w.departments(district.id).filter((x) => x.id !== avoid);
    return others.length ? this.rng.pick(others) : null;
  }
  private who(n: DemoNode) {
    return { user: this.w.staff(n.id), node: n.id };
  }

  /** Plays the story. */
  async play(): Promise<SimCase> {
    const { c, p, w } = this;
    const t = p.reportedAt;
    const intake = c.s.holder;
    const resident = p.source === 'resident';
    c.party(intake, 'intake', t);
    if (c.s.owner.id !== intake.id) c.party(c.s.owner, 'owner', t);
    c.follow(p.reporter, 'reporter', t);
    await c.apply(t, { status: 'reported', holder: intake, filed: true }, { action: 'report', user: p.reporter, node: resident ? null : intake.id, data: { source: p.source }, public: true });
    c.s.acceptDueAt = c.s.clock!.redAt;
    c.audit(t, p.reporter, 'case.report', p.grid.id, { source: p.source, categoryId: p.category.id });
    if (p.source === 'patrol') {
      const community = w.above(p.grid, 'community');
      await c.apply(t, { status: 'in_progress', holder: p.grid, owner: community, handler: p.grid, set: { acceptedAt: t, dispatchedAt: t } }, { action: 'accept', user: p.reporter, node: p.grid.id, public: true, publicKey: 'sign' });
      if (p.onSpot) await c.apply(t, { status: 'handled', holder: community, set: { handledAt: t } }, { action: 'finish', user: p.reporter, node: p.grid.id, note: p.description, data: { onSpot: true }, public: true });
    }
    if (resident && this.rng.chance(0.1)) this.planFollowers();
    for (let steps = 0; steps < 40; steps++) {
      const next = this.resting ? null : this.next();
      if (!next || next.at.getTime() > this.now.getTime()) break;
      this.t = next.at;
      await next.run();
    }
    c.sweepTo(this.now, true);
    this.followUntilNow();
    return c;
  }

  private followers: { at: Date; user: number }[] = [];
  private planFollowers() {
    const others = this.w.residents(this.p.grid.id).filter((u) => u !== this.p.reporter);
    for (let k = this.rng.int(1, 2); k > 0 && others.length; k--) {
      const user = others.splice(this.rng.int(0, others.length - 1), 1)[0]!;
      this.followers.push({ user, at: new Date(this.p.reportedAt.getTime() + this.rng.range(0.5, 30) * HOUR) });
    }
  }
  /** Neighbours who follow the case (only while it is open). */
  private followUntilNow() {
    for (const f of this.followers) {
      if (f.at.getTime() > this.now.getTime()) continue;
      const st = this.c.statusAt(f.at);
      if (!st || FINAL_STATUSES.includes(st as never)) continue;
      if (this.c.follow(f.user, 'follower', f.at)) {
        this.c.event(f.at, { action: 'follow', actorUserId: f.user });
        this.c.audit(f.at, f.user, 'case.follow', this.p.grid.id);
      }
    }
  }

  /** The next move and when it happens, or null when the case has come to rest. */
  private next(): { at: Date; run: () => Promise<unknown> } | null {
    const { c, rng, w } = this;
    const s = c.s;
    const holder = s.holder;
    const centre = nodeKind(holder.type) === 'centre';
    const act = (action: string, extra: Record<string, unknown> = {}) => ({ action, ...this.who(holder), ...extra });
    const audit = (at: Date, action: string, detail: Record<string, unknown> = {}) => c.audit(at, w.staff(holder.id), `case.${action}`, holder.id, { ...detail, from: s.status });
    switch (s.status) {
      case 'reported': {
        if (this.p.source === 'resident' && rng.chance(0.015)) {
          const at = new Date(this.t.getTime() + rng.range(5, 150) * MIN);
          const reason = rng.pick(T.CANCEL_REASONS);
          return { at, run: async () => (await c.apply(at, { status: 'cancelled', holder, set: { closedAt: at } }, { action: 'cancel', user: this.p.reporter, node: null, note: reason, public: true }), c.audit(at, this.p.reporter, 'case.cancel', this.p.grid.id, { from: 'reported' })) };
        }
        const at = this.staffAt(this.p.urgent ? 10 : 45, 0.015);
        const dup = this.p.duplicateOf;
        if (dup && centre) {
          const st = dup.statusAt(at);
          if (st && !FINAL_STATUSES.includes(st as never)) return { at, run: () => this.merge(at, dup) };
        }
        if (centre && rng.chance(0.03)) {
          const reason = rng.pick(T.REJECT_REASONS);
          return { at, run: async () => (await c.apply(at, { status: 'rejected', holder, set: { closedAt: at } }, act('reject', { note: reason, public: true })), audit(at, 'reject', { reason })) };
        }
        return { at, run: () => this.accept(at) };
      }
      case 'accepted':
      case 'returned': {
        const at = this.staffAt(this.p.urgent ? 5 : 25, s.status === 'returned' ? 0.05 : 0.012);
        if (holder.type === 'community' && s.status === 'accepted' && rng.chance(0.015)) {
          const reason = rng.pick(T.PARK_REASONS);
          return { at, run: async () => (await c.apply(at, { status: 'parked', holder, set: { parkedReason: reason } }, act('park', { note: reason, public: true })), audit(at, 'park', { reason })) };
        }
        return { at, run: () => this.dispatchOrHandUp(at) };
      }
      case 'dispatched': {
        const at = this.staffAt(60, 0.02);
        if (!centre && !this.returned && rng.chance(holder.type === 'department' ? 0.1 : 0.02)) {
          const reason = rng.pick(T.RETURN_REASONS);
          return {
            at,
            run: async () => {
              this.returned = true;
              this.returnedFrom = holder.id;
              await c.apply(at, { status: 'returned', holder: s.owner, handler: null }, act('return', { note: reason, data: { from: holder.id } }));
              audit(at, 'return', { reason });
            },
          };
        }
        return { at, run: () => this.accept(at) };
      }
      case 'in_progress':
        return this.handle();
      case 'handled': {
        const at = this.staffAt(90, 0.015);
        if (s.reworkCount === 0 && rng.chance(0.06) && s.handler) {
          const reason = rng.pick(T.REWORK_REASONS);
          const handler = s.handler;
          return { at, run: async () => (await c.apply(at, { status: 'in_progress', holder: handler, set: { reworkCount: s.reworkCount + 1, handledAt: null } }, act('rework', { note: reason, public: true })), audit(at, 'rework', { reason })) };
        }
        const resolved = rng.chance(0.96);
        return { at, run: async () => (await c.apply(at, { status: 'closed', holder, set: { closedAt: at, resolved } }, act('verify', { data: { resolved }, public: true })), audit(at, 'verify', { resolved })) };
      }
      case 'closed': {
        if (!['resident', 'hotline'].includes(this.p.source) || !rng.chance(this.p.source === 'resident' ? 0.7 : 0.5)) return null;
        const at = officeTime(w.cal, new Date(this.t.getTime() + rng.range(2, 60) * HOUR), rng);
        return { at, run: () => this.rate(at) };
      }
      case 'parked': {
        if (!rng.chance(0.4)) return null;
        const at = this.office(new Date(this.t.getTime() + rng.range(5, 25) * 24 * HOUR));
        return { at, run: async () => (await c.apply(at, { status: 'accepted', holder, owner: holder, set: { parkedReason: null } }, act('unpark', { public: true })), audit(at, 'unpark')) };
      }
      default:
        return null;
    }
  }

  private async accept(at: Date) {
    const { c } = this;
    const s = c.s;
    const holder = s.holder;
    const from = s.status;
    if (nodeKind(holder.type) === 'centre') {
      if (s.status === 'dispatched') this.cameDown = true;
      await c.apply(at, { status: 'accepted', holder, owner: holder, set: { acceptedAt: s.acceptedAt ?? at } }, { action: 'accept', ...this.who(holder), public: true });
    } else {
      await c.apply(at, { status: 'in_progress', holder, handler: holder, set: { acceptedAt: s.acceptedAt ?? at } }, { action: 'accept', ...this.who(holder), public: true, publicKey: 'sign' });
    }
    c.audit(at, this.w.staff(holder.id), 'case.accept', holder.id, { from });
  }

  private async merge(at: Date, into: SimCase) {
    const { c } = this;
    const holder = c.s.holder;
    const who = this.who(holder);
    // The reporters and followers of the duplicate follow the surviving case from now on.
    for (const [u] of c.followers) into.follow(u, 'follower', at);
    await c.apply(at, { status: 'merged', holder, set: { mergedIntoId: into.id, closedAt: at } }, { action: 'merge', ...who, data: { into: into.id }, public: true });
    // The surviving case was played already: its timeline gets the event at the status it had then.
    const st = into.statusAt(at);
    const held = into.holderAt(at);
    into.event(at, { action: 'merged_in', actorUserId: who.user, actorNodeId: who.node, fromStatus: st, toStatus: st, fromNodeId: held, toNodeId: held, data: { from: c.id } });
    c.audit(at, who.user, 'case.merge', holder.id, { into: into.id, from: 'reported' });
  }

  /** A centre sends the case on: down to a grid or a department, to itself, or up to its superior. */
  private async dispatchOrHandUp(at: Date) {
    const { c, w, rng } = this;
    const s = c.s;
    const holder = s.holder;
    const who = this.who(holder);
    const down = async (target: DemoNode) => {
      await c.apply(at, { status: 'dispatched', holder: target, handler: target, set: { dispatchedAt: s.dispatchedAt ?? at } }, { action: 'dispatch', ...who, data: { to: target.id }, public: true });
      c.audit(at, who.user, 'case.dispatch', holder.id, { target: target.id });
    };
    const up = async () => {
      const sup = w.node(holder.parentId!);
      const reason = rng.pick(T.HAND_UP_REASONS);
      await c.apply(at, { status: 'accepted', holder: sup, owner: sup, handler: null }, { action: 'hand_up', ...who, note: reason, data: { to: sup.id } });
      c.audit(at, who.user, 'case.hand_up', holder.id, { target: sup.id });
    };
    if (holder.type === 'community') {
      if (this.returned && this.route !== 'up') this.route = 'self';
      if (this.route === 'up' && !this.cameDown && s.reopenCount === 0) return up();
      if (this.route === 'self') {
        await c.apply(at, { status: 'in_progress', holder, handler: holder, set: { dispatchedAt: s.dispatchedAt ?? at } }, { action: 'dispatch', ...who, data: { self: true }, public: true });
        c.audit(at, who.user, 'case.dispatch', holder.id, { target: holder.id });
        return;
      }
      return down(this.p.grid);
    }
    if (holder.type === 'street') {
      if (this.deptOf() && !this.cameDown && s.reopenCount === 0) return up();
      return down(w.above(this.p.grid, 'community'));
    }
    const dept = this.deptOf(this.returnedFrom);
    if (!dept) return down(w.above(this.p.grid, 'street'));
    // Now and then the centre copies the case to another unit before sending it down (抄告).
    if (rng.chance(0.1)) await this.copy(at, holder, dept);
    await down(dept);
  }

  /** A carbon copy to another unit, read a little later. */
  private async copy(at: Date, holder: DemoNode, dept: DemoNode) {
    const { c, w, rng } = this;
    const target = rng.chance(0.5) ? w.above(this.p.grid, 'street') : rng.pick(w.departments(w.above(this.p.grid, 'district').id).filter((d) => d.id !== dept.id));
    const party = c.party(target, 'cc', at);
    const note = '请协助关注，必要时配合处置';
    await c.apply(at, null, { action: 'cc', ...this.who(holder), note, data: { to: [target.id] }, tellNodes: [[target, 'cc']] });
    c.audit(at, w.staff(holder.id), 'case.cc', holder.id, { to: [target.id] });
    const readAt = officeTime(w.cal, new Date(at.getTime() + rng.range(0.3, 20) * HOUR), rng);
    if (rng.chance(0.7) && readAt.getTime() <= this.now.getTime()) {
      party.readAt = readAt;
      party.readBy = w.staff(target.id);
      c.event(readAt, { action: 'cc_read', actorUserId: party.readBy, actorNodeId: target.id, data: { nodes: [target.id] } });
      c.audit(readAt, party.readBy, 'case.cc_read', target.id);
    }
  }

  /** The handler works on the case: a note now and then, an extension for long jobs, then the result. */
  private handle(): { at: Date; run: () => Promise<unknown> } | null {
    const { c, rng, w } = this;
    const s = c.s;
    const holder = s.holder;
    const clock = s.clock!;
    const dept = holder.type === 'department';
    const slow = rng.chance(dept ? 0.08 : 0.04);
    const start = this.t;
    // Work takes office hours: a share of the yellow limit's working days at nine office hours a day.
    const at = slow ? this.late(clock.startedAt, clock.yellowDays) : addOfficeHours(w.cal, start, clock.yellowDays * 9 * rng.range(0.08, 0.8));
    // A long job at a department: more time is asked for part-way through.
    const reqAt = addOfficeHours(w.cal, start, clock.yellowDays * 9 * rng.range(0.4, 0.65));
    const askMore = dept && holder.id !== s.owner.id && s.extensionDays === 0 && reqAt < at && rng.chance(slow ? 0.6 : 0.15);
    const noteAt = rng.chance(0.25) ? this.office(new Date(start.getTime() + rng.range(0.1, 0.6) * ((askMore ? reqAt : at).getTime() - start.getTime()))) : null;
    const first = noteAt && noteAt < (askMore ? reqAt : at) ? noteAt : askMore ? reqAt : at;
    return {
      at: first,
      run: async () => {
        if (noteAt && noteAt < (askMore ? reqAt : at)) {
          await c.apply(noteAt, null, { action: 'note', ...this.who(holder), note: rng.pick(T.PROGRESS_NOTES), public: rng.chance(0.5) });
          c.audit(noteAt, w.staff(holder.id), 'case.note', holder.id, { photos: 0, from: 'in_progress' });
        }
        let finishAt = at;
        if (askMore) finishAt = await this.extension(start, reqAt);
        if (finishAt.getTime() > this.now.getTime()) {
          this.resting = true;
          return;
        }
        if (holder.id === s.owner.id && rng.chance(0.01)) {
          const reason = rng.pick(T.PARK_REASONS);
          await c.apply(finishAt, { status: 'parked', holder, set: { parkedReason: reason } }, { action: 'park', ...this.who(holder), note: reason, public: true });
          c.audit(finishAt, w.staff(holder.id), 'case.park', holder.id, { reason, from: 'in_progress' });
        } else {
          const note = rng.pick(T.FINISH_NOTES[T.groupOf(this.p.category.code)] ?? T.FINISH_NOTES.other!);
          await c.apply(finishAt, { status: 'handled', holder: s.owner, set: { handledAt: finishAt } }, { action: 'finish', ...this.who(holder), note, public: true });
          c.audit(finishAt, w.staff(holder.id), 'case.finish', holder.id, { photos: 0, from: 'in_progress' });
        }
        this.t = finishAt;
      },
    };
  }

  /** A department asks for more time at `reqAt`; the owning centre decides. Returns when the work finishes. */
  private async extension(start: Date, reqAt: Date): Promise<Date> {
    const { c, rng, w } = this;
    const s = c.s;
    const holder = s.holder;
    const owner = s.owner;
    if (reqAt.getTime() > this.now.getTime()) return new Date(8.64e15);
    const days = rng.pick([3, 5, 5, 7, 10]);
    const reason = rng.pick(T.EXTENSION_REASONS);
    const ext = { caseId: c.id, stageSeq: s.stageSeq, nodeId: holder.id, requestedBy: w.staff(holder.id), days, reason, status: 'pending' as 'pending' | 'approved' | 'denied', approvedDays: null as number | null, decidedBy: null as number | null, decidedAt: null as Date | null, decisionNote: null as string | null, createdAt: reqAt };
    c.extensions.push(ext);
    await c.apply(reqAt, null, { action: 'request_extension', ...this.who(holder), note: reason, data: { days }, tellNodes: [[owner, 'request_extension']] });
    c.audit(reqAt, w.staff(holder.id), 'case.request_extension', holder.id, { days, from: 'in_progress' });
    const decAt = addOfficeHours(w.cal, reqAt, delay(rng, 480) / HOUR);
    if (decAt.getTime() > this.now.getTime()) return new Date(8.64e15);
    const approve = rng.chance(0.85);
    const note = approve ? '同意延期，请按期办结' : '理由不充分，请按原时限办理';
    Object.assign(ext, { status: approve ? 'approved' : 'denied', approvedDays: approve ? days : null, decidedBy: w.staff(owner.id), decidedAt: decAt, decisionNote: note });
    c.sweepTo(decAt);
    if (approve) await c.extend(days);
    await c.apply(decAt, null, { action: 'decide_extension', user: w.staff(owner.id), node: owner.id, note, data: { approve, days: approve ? days : 0 }, tellNodes: [[holder, 'decide_extension']] });
    c.audit(decAt, w.staff(owner.id), 'case.decide_extension', owner.id, { approve, days: approve ? days : 0, from: 'in_progress' });
    // Approved: done within the longer limit, mostly; denied: late more often than not.
    const finish = approve
      ? addOfficeHours(w.cal, start, s.clock!.yellowDays * 9 * rng.range(0.6, 1.1))
      : this.office(w.cal.addWorkingDays(start, s.clock!.yellowDays * rng.range(0.8, 1.6)));
    return finish.getTime() > decAt.getTime() ? finish : addOfficeHours(w.cal, decAt, delay(rng, 600) / HOUR);
  }

  /** The reporter (or the hotline calling back) rates the result; not satisfied may reopen it once. */
  private async rate(at: Date) {
    const { c, rng } = this;
    const s = c.s;
    const x = rng.next();
    const satisfaction = x < 0.8 ? 'satisfied' : x < 0.94 ? 'basic' : 'unsatisfied';
    const resolved = satisfaction !== 'unsatisfied' || rng.chance(0.3);
    const comment = satisfaction === 'unsatisfied' || rng.chance(0.3) ? rng.pick(T.RATING_COMMENTS[satisfaction]) : null;
    const reopen = satisfaction === 'unsatisfied' && s.reopenCount < 1 && rng.chance(0.5);
    const rating = { satisfaction, resolved, ratingComment: comment, ratedAt: at } as const;
    const data = { satisfaction, resolved };
    if (reopen) {
      await c.apply(at, { status: 'accepted', holder: s.owner, owner: s.owner, handler: null, set: { ...rating, reopenCount: s.reopenCount + 1, closedAt: null, handledAt: null } }, { action: 'reopen', user: this.p.reporter, node: null, note: comment, data, public: true, tellNodes: [] });
      this.route = this.route === 'up' ? 'grid' : this.route;
    } else {
      await c.apply(at, { status: 'rated', holder: s.holder, set: rating }, { action: 'rate', user: this.p.reporter, node: null, note: comment, data, public: true });
    }
    c.audit(at, this.p.reporter, 'case.rate', this.p.grid.id, { satisfaction, reopen, from: 'closed' });
  }
}
