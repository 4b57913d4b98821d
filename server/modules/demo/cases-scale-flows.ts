/**
 * The workflow paths of cases generated at scale (cases-scale.ts), as data: each step is one move of the
 * cases module's engine, with the node *role* that holds the case after it (G grid, C community, S street,
 * D district, X the category's department, Y a second department after a return). From the steps this
 * file derives, exactly as the engine does, when a new stage clock starts, the stage sequence, and which
 * parties each move records — so the SQL only maps roles to node ids and draws times.
 */
import type { CaseStatus } from '../../platform/db/tables/cases.js';
import { stageOf } from '../cases/case-workflow.js';

export type Role = 'G' | 'C' | 'S' | 'D' | 'X' | 'Y';
/** How long the stay before a step lasts (see DURATIONS in cases-scale.ts). */
export type DurKind = 'none' | 'accept' | 'pass' | 'take' | 'sign' | 'handle' | 'verify' | 'rate' | 'return' | 'reject' | 'park';

interface Move {
  action: string;
  status: CaseStatus;
  holder: Role;
  /** move.owner (a centre taking the case over). */
  owner?: Role;
  /** move.handler (undefined: unchanged; null: cleared). */
  handler?: Role | null;
  dur: DurKind;
  public: boolean;
  data?: 'to' | 'self' | 'source' | 'resolved' | 'rating';
}

const M = (action: string, status: CaseStatus, holder: Role, dur: DurKind, pub: boolean, extra: Partial<Move> = {}): Move => ({ action, status, holder, dur, public: pub, ...extra });

/** The paths: [name, intake role, moves after the report]. */
const PATHS: [string, Role, Move[]][] = [
  // A community centre sends it to the grid; the grid signs, handles; the community verifies; rated.
  ['G', 'C', [M('accept', 'accepted', 'C', 'accept', true, { owner: 'C' }), M('dispatch', 'dispatched', 'G', 'pass', true, { handler: 'G', data: 'to' }), M('accept', 'in_progress', 'G', 'sign', true, { handler: 'G' }), M('finish', 'handled', 'C', 'handle', true), M('verify', 'closed', 'C', 'verify', true, { data: 'resolved' }), M('rate', 'rated', 'C', 'rate', true, { data: 'rating' })]],
  // The community handles it itself.
  ['S', 'C', [M('accept', 'accepted', 'C', 'accept', true, { owner: 'C' }), M('dispatch', 'in_progress', 'C', 'pass', true, { handler: 'C', data: 'self' }), M('finish', 'handled', 'C', 'handle', true), M('verify', 'closed', 'C', 'verify', true, { data: 'resolved' }), M('rate', 'rated', 'C', 'rate', true, { data: 'rating' })]],
  // Handed up to the street and the district, dispatched to a department.
  ['U', 'C', [M('accept', 'accepted', 'C', 'accept', true, { owner: 'C' }), M('hand_up', 'accepted', 'S', 'pass', false, { owner: 'S', handler: null, data: 'to' }), M('hand_up', 'accepted', 'D', 'take', false, { owner: 'D', handler: null, data: 'to' }), M('dispatch', 'dispatched', 'X', 'take', true, { handler: 'X', data: 'to' }), M('accept', 'in_progress', 'X', 'sign', true, { handler: 'X' }), M('finish', 'handled', 'D', 'handle', true), M('verify', 'closed', 'D', 'verify', true, { data: 'resolved' }), M('rate', 'rated', 'D', 'rate', true, { data: 'rating' })]],
  // As U, but the first department returns it and the district sends it to another.
  ['R', 'C', [M('accept', 'accepted', 'C', 'accept', true, { owner: 'C' }), M('hand_up', 'accepted', 'S', 'pass', false, { owner: 'S', handler: null, data: 'to' }), M('hand_up', 'accepted', 'D', 'take', false, { owner: 'D', handler: null, data: 'to' }), M('dispatch', 'dispatched', 'X', 'take', true, { handler: 'X', data: 'to' }), M('return', 'returned', 'D', 'return', false, { handler: null }), M('dispatch', 'dispatched', 'Y', 'take', true, { handler: 'Y', data: 'to' }), M('accept', 'in_progress', 'Y', 'sign', true, { handler: 'Y' }), M('finish', 'handled', 'D', 'handle', true), M('verify', 'closed', 'D', 'verify', true, { data: 'resolved' }), M('rate', 'rated', 'D', 'rate', true, { data: 'rating' })]],
  // Verification fails once: back to the grid.
  ['W', 'C', [M('accept', 'accepted', 'C', 'accept', true, { owner: 'C' }), M('dispatch', 'dispatched', 'G', 'pass', true, { handler: 'G', data: 'to' }), M('accept', 'in_progress', 'G', 'sign', true, { handler: 'G' }), M('finish', 'handled', 'C', 'handle', true), M('rework', 'in_progress', 'G', 'verify', true), M('finish', 'handled', 'C', 'handle', true), M('verify', 'closed', 'C', 'verify', true, { data: 'resolved' }), M('rate', 'rated', 'C', 'rate', true, { data: 'rating' })]],
  // Not taken up; parked.
  ['J', 'C', [M('reject', 'rejected', 'C', 'reject', true)]],
  ['K', 'C', [M('accept', 'accepted', 'C', 'accept', true, { owner: 'C' }), M('park', 'parked', 'C', 'park', true)]],
  // A street-level category: the street hands it up, the district dispatches a department.
  ['T', 'S', [M('accept', 'accepted', 'S', 'accept', true, { owner: 'S' }), M('hand_up', 'accepted', 'D', 'pass', false, { owner: 'D', handler: null, data: 'to' }), M('dispatch', 'dispatched', 'X', 'take', true, { handler: 'X', data: 'to' }), M('accept', 'in_progress', 'X', 'sign', true, { handler: 'X' }), M('finish', 'handled', 'D', 'handle', true), M('verify', 'closed', 'D', 'verify', true, { data: 'resolved' }), M('rate', 'rated', 'D', 'rate', true, { data: 'rating' })]],
  // A district-level category.
  ['I', 'D', [M('accept', 'accepted', 'D', 'accept', true, { owner: 'D' }), M('dispatch', 'dispatched', 'X', 'pass', true, { handler: 'X', data: 'to' }), M('accept', 'in_progress', 'X', 'sign', true, { handler: 'X' }), M('finish', 'handled', 'D', 'handle', true), M('verify', 'closed', 'D', 'verify', true, { data: 'resolved' }), M('rate', 'rated', 'D', 'rate', true, { data: 'rating' })]],
  // A grid worker's patrol finding, taken at once by her grid.
  ['P', 'G', [M('accept', 'in_progress', 'G', 'none', true, { owner: 'C', handler: 'G' }), M('finish', 'handled', 'C', 'handle', true), M('verify', 'closed', 'C', 'verify', true, { data: 'resolved' })]],
];

export interface FlowStep {
  flow: string;
  step: number;
  action: string;
  status: CaseStatus;
  fromStatus: CaseStatus | null;
  holder: Role;
  fromHolder: Role | null;
  owner: Role;
  handler: Role | null;
  stage: 'accept' | 'handle' | 'verify' | null;
  /** A new stage clock starts at this step (a new stage, or a new node). */
  startsClock: boolean;
  stageSeq: number;
  /** The clock in force before this step: kind (admin/department) and stage — the stay this step ends. */
  prevClock: string | null;
  /** The clock this step starts: kind and stage. */
  clock: string | null;
  /** The clock in force after this step (null: no stage). */
  curClock: string | null;
  /** Rank among the path's steps that leave the case open (null: final). */
  openRank: number | null;
  dur: DurKind;
  public: boolean;
  data: Move['data'] | null;
  /** Parties this move records: [role, kind]. */
  parties: [Role, 'intake' | 'owner' | 'handler'][];
  /** The last step of the path. */
  last: boolean;
}

const OPEN: readonly CaseStatus[] = ['reported', 'accepted', 'dispatched', 'in_progress', 'handled', 'returned', 'parked'];
const kindOf = (r: Role) => (r === 'X' || r === 'Y' ? 'department' : 'admin');

/** Every step of every path, with the engine's bookkeeping worked out. */
export function flowSteps(): FlowStep[] {
  const out: FlowStep[] = [];
  for (const [flow, intake, moves] of PATHS) {
    const owner0: Role = intake === 'G' ? 'C' : intake;
    const report: Move = { action: 'report', status: 'reported', holder: intake, dur: 'none', public: true, data: 'source' };
    let st: { status: CaseStatus | null; holder: Role | null; owner: Role; handler: Role | null; stage: FlowStep['stage']; seq: number; clock: string | null } = {
      status: null, holder: null, owner: owner0, handler: null, stage: null, seq: 0, clock: null,
    };
    let openRank = 0;
    [report, ...moves].forEach((m, step) => {
      const filed = step === 0;
      const holderChanged = filed || m.holder !== st.holder;
      const owner = m.owner ?? st.owner;
      const handler = m.handler !== undefined ? m.handler : st.handler;
      const stage = stageOf(m.status);
      const starts = stage !== null && (stage !== st.stage || holderChanged);
      const parties: FlowStep['parties'] = [];
      if (filed) {
        parties.push([intake, 'intake']);
        if (owner0 !== intake) parties.push([owner0, 'owner']);
      }
      parties.push([m.holder, m.owner === m.holder || (!m.owner && m.holder === owner) ? 'owner' : 'handler']);
      if (m.owner && m.owner !== m.holder) parties.push([m.owner, 'owner']);
      const clock = starts ? `${kindOf(m.holder)}.${stage}` : stage === null ? null : st.clock;
      out.push({
        flow, step, action: m.action, status: m.status, fromStatus: st.status, holder: m.holder, fromHolder: st.holder, owner, handler, stage,
        startsClock: starts, stageSeq: st.seq + (starts ? 1 : 0), prevClock: st.clock, clock: starts ? clock : null, curClock: clock,
        openRank: OPEN.includes(m.status) ? openRank++ : null, dur: m.dur, public: m.public,
        data: m.data ?? null, parties, last: step === moves.length,
      });
      st = { status: m.status, holder: m.holder, owner, handler, stage, seq: st.seq + (starts ? 1 : 0), clock };
    });
  }
  return out;
}
