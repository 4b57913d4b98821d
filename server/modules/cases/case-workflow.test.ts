/**
 * The transition table, move by move: every action from every status, at a centre and at a handler, is
 * checked against the grid below (written from DOMAIN-RULES §2, independently of RULES).
 * Legend: C = allowed when a centre holds the case, H = allowed when a grid/department holds it,
 * B = both, . = refused (CASE_BAD_STATUS).
 */
import { describe, expect, it } from 'vitest';
import { CASE_ACTIONS, check, nextStatus, stageOf, type CaseAction, type WorkflowCase } from './case-workflow.js';
import type { CaseStatus } from '../../platform/db/tables/cases.js';

const STATUSES: CaseStatus[] = ['reported', 'accepted', 'dispatched', 'in_progress', 'handled', 'closed', 'rated', 'returned', 'parked', 'rejected', 'cancelled', 'merged'];

// columns:                 rep acc dis inp han clo rat ret par rej can mer
const GRID: Record<CaseAction, string> = {
  accept: /*             */ 'B   .   B   .   .   .   .   .   .   .   .   .',
  reject: /*             */ 'C   .   .   .   .   .   .   .   .   .   .   .',
  cancel: /*             */ 'B   .   .   .   .   .   .   .   .   .   .   .',
  dispatch: /*           */ '.   C   .   .   .   .   .   C   .   .   .   .',
  hand_up: /*            */ '.   B   B   B   .   .   .   B   .   .   .   .',
  note: /*               */ '.   B   B   B   B   .   .   B   B   .   .   .',
  finish: /*             */ '.   .   .   B   .   .   .   .   .   .   .   .',
  verify: /*             */ '.   .   .   .   C   .   .   .   .   .   .   .',
  rework: /*             */ '.   .   .   .   C   .   .   .   .   .   .   .',
  return: /*             */ '.   .   B   B   .   .   .   .   .   .   .   .',
  request_extension: /*  */ '.   .   .   B   .   .   .   .   .   .   .   .',
  decide_extension: /*   */ '.   .   .   B   .   .   .   .   .   .   .   .',
  park: /*               */ '.   C   .   C   .   .   .   C   .   .   .   .',
  unpark: /*             */ '.   .   .   .   .   .   .   .   C   .   .   .',
  merge: /*              */ 'C   C   .   .   .   .   .   C   .   .   .   .',
  cc: /*                 */ 'C   C   C   C   C   .   .   C   C   .   .   .',
  edit: /*               */ 'C   C   .   .   .   .   .   C   .   .   .   .',
  rate: /*               */ '.   .   .   .   .   B   .   .   .   .   .   .',
};

const base = (status: CaseStatus, kind: 'centre' | 'handler', over: Partial<WorkflowCase> = {}): WorkflowCase => ({
  status,
  holderNodeId: 2,
  holderKind: kind,
  ownerNodeId: 1, // someone else owns it: delegated
  reopenCount: 0,
  hasPendingExtension: false,
  ...over,
});

describe('case workflow table', () => {
  it('has a row for every action', () => {
    expect(Object.keys(GRID).sort()).toEqual([...CASE_ACTIONS].sort());
  });

  for (const action of CASE_ACTIONS) {
    it(`${action}: allowed exactly where the grid says`, () => {
      const cells = GRID[action].split(/\s+/);
      expect(cells).toHaveLength(STATUSES.length);
      STATUSES.forEach((status, i) => {
        const cell = cells[i]!;
        for (const kind of ['centre', 'handler'] as const) {
          const allowed = cell === 'B' || (cell === 'C' && kind === 'centre') || (cell === 'H' && kind === 'handler');
          // decide_extension needs a pending request; give it one where it is meant to pass
          // and park a case its owner is handling itself (a delegated one is covered below)
          const wc = base(status, kind, { hasPendingExtension: action === 'decide_extension', ...(action === 'park' && { ownerNodeId: 2 }) });
          const got = check(action, wc);
          if (allowed) expect(got, `${action} from ${status} at a ${kind}`).toBe('ok');
          else expect(got, `${action} from ${status} at a ${kind}`).not.toBe('ok');
        }
      });
    });
  }

  it('refuses to return or ask the owner for time when the owner handles it itself', () => {
    const own = base('in_progress', 'centre', { holderNodeId: 1, ownerNodeId: 1 });
    expect(check('return', own)).toBe('CASE_OWNER_HOLDS');
    expect(check('request_extension', own)).toBe('CASE_OWNER_HOLDS');
    expect(check('park', own)).toBe('ok');
    expect(check('park', base('in_progress', 'centre'))).toBe('CASE_NOT_OWNER_HANDLING');
  });

  it('allows one pending extension at a time and decisions only on a pending one', () => {
    expect(check('request_extension', base('in_progress', 'handler', { hasPendingExtension: true }))).toBe('CASE_EXTENSION_PENDING');
    expect(check('decide_extension', base('in_progress', 'handler'))).toBe('CASE_NO_PENDING_EXTENSION');
  });

  it('leads each move to the status DOMAIN-RULES §2 names', () => {
    const c = base('reported', 'centre');
    expect(nextStatus('accept', c)).toBe('accepted');
    expect(nextStatus('accept', base('dispatched', 'handler'))).toBe('in_progress');
    expect(nextStatus('dispatch', c)).toBe('dispatched');
    expect(nextStatus('dispatch', c, { toSelf: true })).toBe('in_progress');
    expect(nextStatus('finish', c)).toBe('handled');
    expect(nextStatus('verify', c)).toBe('closed');
    expect(nextStatus('rework', c)).toBe('in_progress');
    expect(nextStatus('return', c)).toBe('returned');
    expect(nextStatus('park', c)).toBe('parked');
    expect(nextStatus('rate', c)).toBe('rated');
    expect(nextStatus('rate', c, { reopen: true })).toBe('accepted');
    expect(nextStatus('note', c)).toBeNull();
  });

  it('runs the accept clock while a node holds the case, the handle clock while it works, the verify clock after', () => {
    expect(STATUSES.map((s) => stageOf(s))).toEqual(['accept', 'accept', 'accept', 'handle', 'verify', null, null, 'accept', null, null, null, null]);
  });
});
