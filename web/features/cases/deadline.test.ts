/** The countdown of a case's stage clock: colours, what it counts to, and the formatting. */
import { describe, expect, it } from 'vitest';
import { deadlineState, formatDuration, warnInstant } from './deadline.js';

const H = 3_600_000;
const at = (h: number) => new Date(Date.UTC(2026, 10, 23, 0) + h * H).toISOString();
// A 1-day yellow / 2-day red clock started at h = 0: yellow at 24 h, red at 48 h.
const clock = { yellowAt: at(24), redAt: at(48) };
const now = (h: number) => Date.parse(at(h));

describe('deadlineState', () => {
  it('is green with the time to the yellow limit before the warning', () => {
    expect(deadlineState(clock, now(1))).toEqual({ level: 'ok', next: 'yellow', ms: 23 * H, overdue: false });
  });

  it('warns 30 % of the yellow span before yellow when only yellow and red are known (lists)', () => {
    expect(warnInstant(clock)).toBe(now(24 - 0.3 * 24));
    expect(deadlineState(clock, now(16))!.level).toBe('ok');
    expect(deadlineState(clock, now(17))!.level).toBe('warning');
  });

  it('uses the server’s warning instant when it has one (the case page)', () => {
    expect(deadlineState({ ...clock, warnAt: at(20) }, now(19))!.level).toBe('ok');
    expect(deadlineState({ ...clock, warnAt: at(20) }, now(20))!.level).toBe('warning');
  });

  it('counts to red once yellow has passed, and how long it is overdue after red', () => {
    expect(deadlineState(clock, now(30))).toEqual({ level: 'yellow', next: 'red', ms: 18 * H, overdue: false });
    expect(deadlineState(clock, now(50))).toEqual({ level: 'red', next: null, ms: 2 * H, overdue: true });
  });

  it('shows the card when the sweep raised it, never a lower colour', () => {
    expect(deadlineState({ ...clock, card: 'red' }, now(1))!.level).toBe('red');
    expect(deadlineState({ ...clock, card: 'yellow' }, now(50))!.level).toBe('red');
  });

  it('is null without a clock', () => {
    expect(deadlineState({ yellowAt: null, redAt: null }, now(1))).toBeNull();
  });
});

describe('formatDuration', () => {
  it('shows two units at most, in the UI language', () => {
    expect(formatDuration(26 * H + 5 * 60_000, 'zh-CN')).toBe('1 天 2 小时');
    expect(formatDuration(3 * H + 20 * 60_000, 'en')).toBe('3 h 20 min');
    expect(formatDuration(15 * 60_000, 'zh-CN')).toBe('15 分钟');
    expect(formatDuration(20_000, 'en')).toBe('under a minute');
  });
});
