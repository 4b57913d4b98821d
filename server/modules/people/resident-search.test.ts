import { describe, expect, it } from 'vitest';
import { escapeLike, residentSearch, residentSearchTokens, splitScripts } from './resident-search.js';
import { KEY_POPULATIONS, isSensitiveTag, keyPopulationLabel } from '../../../common/key-populations.js';

describe('resident search tokens', () => {
  it('splits Chinese from digits and letters so address numbers are searchable', () => {
    expect(splitScripts('胜利路18号2单元502室')).toBe('胜利路 18 号 2 单元 502 室');
    const tokens = residentSearchTokens('张秀兰', '胜利路18号B座502室').split(' ');
    expect(tokens).toEqual(expect.arrayContaining(['张', '张秀', '秀兰', '胜利', '利路', '18', '号', 'b', '座', '502', '室']));
    expect(tokens).not.toContain('18号b座502室');
  });

  it('turns a query into a tsquery (exact CJK tokens, a term-final word as prefix) and ILIKE patterns per term', () => {
    expect(residentSearch('秀兰')).toEqual({ tsquery: "'秀兰'", patterns: ['%秀兰%'], needsRecheck: false });
    expect(residentSearch('张')).toEqual({ tsquery: "'张'", patterns: ['%张%'], needsRecheck: false });
    expect(residentSearch('张秀兰')).toEqual({ tsquery: "'张秀' & '秀兰'", patterns: ['%张秀兰%'], needsRecheck: true });
    expect(residentSearch('单元502')).toEqual({ tsquery: "'单元' & '502':*", patterns: ['%单元502%'], needsRecheck: true });
    expect(residentSearch('  Zhang ')).toEqual({ tsquery: "'zhang':*", patterns: ['%Zhang%'], needsRecheck: false });
    expect(residentSearch('李明 测试路')!.patterns).toEqual(['%李明%', '%测试路%']);
    expect(residentSearch('%_!')).toBeNull();
    expect(residentSearch("o'neil")!.tsquery).toBe("'o' & 'neil':*");
    expect(residentSearch('2单元502')!.tsquery).toBe("'2' & '单元' & '502':*");
    expect(residentSearch('502室')!.tsquery).toBe("'502' & '室'");
    expect(residentSearch('50 张')!.tsquery).toBe("'50':* & '张'");
  });

  it('escapes LIKE wildcards', () => {
    expect(escapeLike('50%_\\')).toBe('50\\%\\_\\\\');
  });
});

describe('key-population catalogue', () => {
  it('has unique codes, both labels, and treats unknown tags as sensitive', () => {
    const codes = KEY_POPULATIONS.map((t) => t.code);
    expect(new Set(codes).size).toBe(codes.length);
    for (const t of KEY_POPULATIONS) expect(t.zh.length * t.en.length).toBeGreaterThan(0);
    expect(codes).toEqual(expect.arrayContaining(['elderly_alone', 'empty_nest', 'left_behind_child', 'disabled', 'severely_disabled', 'low_income', 'lost_only_child']));
    expect(isSensitiveTag('elderly_alone')).toBe(false);
    expect(isSensitiveTag('community_correction')).toBe(true);
    expect(isSensitiveTag('made_up')).toBe(true);
    expect(keyPopulationLabel('elderly_alone', 'zh-CN')).toBe('独居老人');
    expect(keyPopulationLabel('elderly_alone', 'en')).toBe('Elderly living alone');
  });
});
