import { describe, expect, it } from 'vitest';
import { idNumberProblem, makeIdNumber, idNumberFacts, idCheckChar } from './id-number.js';
import { documentTokens, queryTokens, toTsQuery } from './search-tokens.js';
import { maskValue } from './mask.js';
import { nodePath, TYPE_RULES } from './org-rules.js';
import { ROLE_NODE_TYPES, ROLE_PERMISSIONS, ROLES } from './permissions.js';
import { can, scopePaths, abilitiesOn, type Actor } from '../server/platform/authz/index.js';

describe('GB 11643 ID numbers', () => {
  it('accepts the standard example and computes its check character', () => {
    expect(idCheckChar('11010519491231002')).toBe('X');
    expect(idNumberProblem('11010519491231002X')).toBeNull();
    expect(idNumberProblem('11010519491231002x')).toBeNull();
  });
  it('names what is wrong', () => {
    expect(idNumberProblem('1101051949123100')).toBe('format');
    expect(idNumberProblem('11010519491231002Y')).toBe('format');
    expect(idNumberProblem('110105194902300021')).toBe('birth_date'); // 30 February
    expect(idNumberProblem('110105194912310021')).toBe('checksum');
    expect(idNumberProblem(makeIdNumber('110105', '2999-01-01', 1))).toBe('birth_date'); // future
  });
  it('reads birth date and sex', () => {
    const id = makeIdNumber('210502', '1945-03-12', 13);
    expect(idNumberProblem(id)).toBeNull();
    expect(idNumberFacts(id)).toEqual({ birthDate: '1945-03-12', gender: 'M' });
    expect(idNumberFacts(makeIdNumber('210502', '1980-07-01', 14)).gender).toBe('F');
  });
});

describe('Chinese search tokens', () => {
  it('stores unigrams and bigrams, queries with bigrams', () => {
    expect(documentTokens('张秀兰').split(' ').sort()).toEqual(['兰', '张', '张秀', '秀', '秀兰'].sort());
    expect(queryTokens('秀兰')).toEqual(['秀兰']);
    expect(queryTokens('张秀兰')).toEqual(['张秀', '秀兰']);
    expect(queryTokens('兰')).toEqual(['兰']);
    expect(queryTokens('3号楼 Unit')).toEqual(['3', '号楼', 'unit']);
    expect(queryTokens('  ,,, ')).toEqual([]);
  });
  it('quotes tokens so no character can change the query', () => {
    expect(toTsQuery(["a'b", '号楼'])).toBe("'a''b' & '号楼'");
  });
});

describe('masking', () => {
  it('keeps only what tells records apart', () => {
    expect(maskValue('idNumber', '11010519491231002X')).toBe('1101**********002X');
    expect(maskValue('phone', '13800001234')).toBe('138****1234');
    expect(maskValue('health', '高血压')).toBe('******');
    expect(maskValue('phone', null)).toBeNull();
  });
});

describe('tree paths and permissions', () => {
  it('puts party nodes under their linked administrative node', () => {
    expect(nodePath('grid', 9, '/1/2/3/', null)).toBe('/1/2/3/9/');
    expect(nodePath('district', 1, null, null)).toBe('/1/');
    expect(nodePath('party_branch', 77, '/50/60/', '/1/2/3/9/')).toBe('/1/2/3/9/p77/');
    expect(TYPE_RULES.grid.parents).toEqual(['community']);
  });
  it('gives every role at least one node type and a permission list', () => {
    for (const r of ROLES) {
      expect(ROLE_NODE_TYPES[r].length).toBeGreaterThan(0);
      expect(Array.isArray(ROLE_PERMISSIONS[r])).toBe(true);
    }
  });
  it('scopes a grant to its node and everything below', () => {
    const actor = {
      grants: [
        { id: 1, role: 'street_operator', nodeId: 2, nodePath: '/1/2/', nodeType: 'street', nodeNameZh: '', nodeNameEn: '' },
        { id: 2, role: 'grid_worker', nodeId: 9, nodePath: '/1/2/3/9/', nodeType: 'grid', nodeNameZh: '', nodeNameEn: '' },
        { id: 3, role: 'community_staff', nodeId: 4, nodePath: '/1/4/', nodeType: 'community', nodeNameZh: '', nodeNameEn: '' },
      ],
    } as unknown as Actor;
    expect(can(actor, 'people.read', '/1/2/3/9/')).toBe(true);
    expect(can(actor, 'people.read', '/1/20/')).toBe(false); // a sibling whose id starts with the same digit
    expect(can(actor, 'patrol.write', '/1/2/3/9/')).toBe(true);
    expect(can(actor, 'patrol.write', '/1/2/3/10/')).toBe(false);
    expect(scopePaths(actor, 'people.read')).toEqual(['/1/2/', '/1/4/']);
    expect(abilitiesOn(actor, '/1/2/3/9/')).toContain('patrol.write');
    expect(can(null, 'org.read', '/1/')).toBe(false);
  });
});
