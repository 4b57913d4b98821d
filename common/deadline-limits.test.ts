import { describe, expect, it } from 'vitest';
import {
  checkLimit,
  compactLimits,
  DEFAULT_LIMITS,
  limitsProblems,
  resolveAllLimits,
  resolveLimits,
  resolveLimitWithSource,
  type LimitsOverride,
} from './deadline-limits.js';

describe('deadline limits', () => {
  it('has the defaults of DOMAIN-RULES §2 (and 1/2 to verify)', () => {
    expect(DEFAULT_LIMITS.admin).toEqual({ accept: { yellow: 1, red: 2 }, handle: { yellow: 1, red: 2 }, verify: { yellow: 1, red: 2 } });
    expect(DEFAULT_LIMITS.department).toEqual({ accept: { yellow: 1, red: 2 }, handle: { yellow: 5, red: 10 }, verify: { yellow: 1, red: 2 } });
    expect(resolveLimits([], 'department', 'handle')).toEqual({ yellow: 5, red: 10 });
    expect(resolveLimits([{ limits: null }], 'admin', 'verify')).toEqual({ yellow: 1, red: 2 });
  });

  it('checks one limit: range 0.5–365, half days, yellow not after red', () => {
    expect(checkLimit({ yellow: 0.5, red: 0.5 })).toBeNull();
    expect(checkLimit({ yellow: 1, red: 365 })).toBeNull();
    expect(checkLimit({ yellow: 0.4, red: 1 })).toBe('range');
    expect(checkLimit({ yellow: 0, red: 1 })).toBe('range');
    expect(checkLimit({ yellow: 1, red: 365.5 })).toBe('range');
    expect(checkLimit({ yellow: Number.NaN, red: 2 })).toBe('range');
    expect(checkLimit({ yellow: 1.25, red: 2 })).toBe('step');
    expect(checkLimit({ yellow: 3, red: 2 })).toBe('order');
  });

  it('lists every problem of an override set', () => {
    const o: LimitsOverride = { admin: { accept: { yellow: 3, red: 2 }, handle: { yellow: 1, red: 2 } }, department: { verify: { yellow: 0, red: 1 } } };
    expect(limitsProblems(o).map((p) => [p.kind, p.stage, p.problem])).toEqual([
      ['admin', 'accept', 'order'],
      ['department', 'verify', 'range'],
    ]);
    expect(limitsProblems(null)).toEqual([]);
  });

  it('inherits per (kind, stage) from the nearest category, leaf first', () => {
    const root = { id: 1, limits: { department: { handle: { yellow: 3, red: 6 } }, admin: { accept: { yellow: 0.5, red: 1 } } } };
    const mid = { id: 2, limits: null };
    const leaf = { id: 3, limits: { department: { handle: { yellow: 1, red: 2 } } } };
    expect(resolveLimits([root, mid, leaf], 'department', 'handle')).toEqual({ yellow: 1, red: 2 });
    expect(resolveLimits([root, mid], 'department', 'handle')).toEqual({ yellow: 3, red: 6 });
    expect(resolveLimits([root, mid, leaf], 'admin', 'accept')).toEqual({ yellow: 0.5, red: 1 });
    expect(resolveLimits([root, mid, leaf], 'admin', 'handle')).toEqual({ yellow: 1, red: 2 });
    expect(resolveLimitWithSource([root, mid, leaf], 'department', 'accept')).toEqual({ yellow: 1, red: 2, source: null });
    expect(resolveLimitWithSource([root, mid, leaf], 'admin', 'accept')).toEqual({ yellow: 0.5, red: 1, source: 1 });
    const all = resolveAllLimits([root, mid, leaf]);
    expect(all.department.handle).toEqual({ yellow: 1, red: 2, source: 3 });
    expect(all.department.verify).toEqual({ yellow: 1, red: 2, source: null });
  });

  it('skips a malformed stored override instead of using it', () => {
    const root = { id: 1, limits: { admin: { handle: { yellow: 2, red: 4 } } } };
    const broken = { id: 2, limits: { admin: { handle: { yellow: 9, red: 1 } } } };
    expect(resolveLimitWithSource([root, broken], 'admin', 'handle')).toEqual({ yellow: 2, red: 4, source: 1 });
  });

  it('compacts an override set to what a category stores', () => {
    expect(compactLimits({ admin: {}, department: {} })).toBeNull();
    expect(compactLimits(undefined)).toBeNull();
    expect(compactLimits({ admin: { verify: { yellow: 1, red: 1 } }, department: {} })).toEqual({ admin: { verify: { yellow: 1, red: 1 } } });
  });
});
