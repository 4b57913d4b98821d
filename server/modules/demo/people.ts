/**
 * Buildings, houses, households and residents of one grid. Each grid has its own random stream
 * (seed × grid index), so a grid's people do not depend on how the others were generated.
 *
 * Household mix (shares of households, modelled on an ageing North-east Chinese city): elderly living alone
 * 8 %, elderly couples (empty nest) 16 %, single adults 8 %, couples 12 %, parents with children 34 %,
 * three generations 14 %, single parents 5 %, grandparents with a left-behind grandchild 2 %, collective
 * households 1 %. See README.md for the tag rules.
 */
import { makeIdNumber } from '../../../common/id-number.js';
import { documentTokens } from '../../../common/search-tokens.js';
import { Rng, cumulative } from './prng.js';
import { pointInRing, type Point } from './geometry.js';
import {
  SURNAMES, GIVEN_NAMES, ETHNICITIES, ID_AREAS, PHONE_PREFIXES, HEALTH_NOTES, DISABILITY_KINDS,
  ROAD_NAMES, ESTATE_PREFIXES, ESTATE_SUFFIXES,
} from './names.js';

const DAY = 86_400_000;
const EPOCH = Date.UTC(1900, 0, 1);
const DAYS = 60_000; // days from 1900-01-01 the ID allocator can hold (until 2064)

const SURNAME_W = cumulative(SURNAMES.map((s) => s[1]));
const ETHNIC_W = cumulative(ETHNICITIES.map((e) => e[1]));
const AREA_W = cumulative(ID_AREAS.map((a) => a[1]));
const AREA_INDEXES = ID_AREAS.map((_, i) => i);
const LOCAL_AREAS = [0, 1, 2]; // indexes of the city's own districts in ID_AREAS

/** The relation codes the generator uses (a subset of common/contracts/people.ts RELATIONS). */
export type Relation = 'head' | 'spouse' | 'child' | 'parent' | 'grandchild' | 'other';

/** Unique ID numbers: per area code, birth day and sex a counter hands out the 500 sequence numbers of
 * that sex; a full day moves the birth date one day on. Memory is fixed (~5 MB) whatever the population. */
export class IdNumberAllocator {
  private readonly counts = new Uint16Array(ID_AREAS.length * DAYS * 2);

  /** An ID number and the birth date it encodes. */
  make(area: number, birthDay: number, gender: 'M' | 'F'): { idNumber: string; birthDate: string } {
    let day = birthDay;
    for (;;) {
      const k = (area * DAYS + day) * 2 + (gender === 'M' ? 1 : 0);
      const n = this.counts[k]!;
      if (n < 500) {
        this.counts[k] = n + 1;
        const offset = 2 * (((area + 7) * 7919 + day * 104729) % 500);
        const seq = (offset + 2 * n) % 1000 + (gender === 'M' ? 1 : 0);
        const birthDate = new Date(EPOCH + day * DAY).toISOString().slice(0, 10);
        return { idNumber: makeIdNumber(ID_AREAS[area]![0], birthDate, seq), birthDate };
      }
      day++;
    }
  }
}

export interface GridInput {
  rng: Rng;
  /** The reference day (ages are counted to it), days since 1900-01-01. */
  today: number;
  gridId: number;
  gridCode: string;
  gridPath: string;
  gridLevel: number;
  gridNameZh: string;
  gridNameEn: string;
  branchId: number;
  households: number;
  /** The grid polygon's ring, and a function mapping (u, v) ∈ [0,1]² into the grid's cell. */
  ring: Point[];
  cellPoint: (u: number, v: number) => Point;
  districtZh: string;
  /** The community's roads and the era of its housing stock. */
  roads: string[];
  era: 'old' | 'mid' | 'new';
  ids: IdNumberAllocator;
  /** Allocates the next id of a table. */
  nextId: (table: 'org_node' | 'building' | 'house' | 'household' | 'resident') => number;
}

export interface GridRows {
  orgNodes: unknown[][];
  buildings: unknown[][];
  houses: unknown[][];
  households: unknown[][];
  residents: unknown[][];
  /** Residents for the demo users and patrol notes: the first household's head, and the elderly living alone. */
  firstHeadId: number | null;
  elderlyAlone: { name: string; building: string }[];
  buildingPoints: Point[];
}

interface Draft {
  relation: Relation;
  gender: 'M' | 'F';
  age: number;
  surname?: string;
  tags: string[];
}

const HOUSEHOLD_TYPES = ['single_elderly', 'elderly_couple', 'single_adult', 'couple', 'nuclear', 'three_gen', 'single_parent', 'grandparents_child', 'collective'] as const;
const HOUSEHOLD_W = cumulative([80, 160, 80, 120, 340, 140, 50, 20, 10]);

const oldAge = (rng: Rng) => 60 + Math.floor(Math.pow(rng.next(), 1.6) * 34);
const clampAge = (a: number) => Math.max(0, Math.min(100, a));

/** The members of one household (relation, sex, age, key-population tags from the composition). */
function composeHousehold(rng: Rng): { kind: 'family' | 'collective'; members: Draft[] } {
  const type = rng.pickWeighted(HOUSEHOLD_TYPES, HOUSEHOLD_W);
  const m: Draft[] = [];
  const add = (relation: Relation, gender: 'M' | 'F', age: number, tags: string[] = []) => m.push({ relation, gender, age: clampAge(age), tags });
  const children = (motherAge: number, max: number) => {
    const n = rng.chance(0.8) ? 1 : 2;
    let age = motherAge - rng.int(23, 34);
    for (let i = 0; i < n; i++) {
      if (age < 0) break;
      if (age <= max) add('child', rng.chance(0.51) ? 'M' : 'F', age);
      age -= rng.int(2, 8);
    }
  };
  switch (type) {
    case 'single_elderly': {
      add('head', rng.chance(0.65) ? 'F' : 'M', oldAge(rng), ['elderly_alone', ...(rng.chance(0.01) ? ['lost_only_child'] : [])]);
      break;
    }
    case 'elderly_couple': {
      const h = oldAge(rng);
      const lost = rng.chance(0.02) ? ['lost_only_child'] : [];
      add('head', 'M', h, ['empty_nest', ...lost]);
      add('spouse', 'F', Math.max(57, h - rng.int(-1, 5)), ['empty_nest', ...lost]);
      break;
    }
    case 'single_adult':
      add('head', rng.chance(0.5) ? 'M' : 'F', rng.int(20, 59));
      break;
    case 'couple': {
      const h = rng.int(23, 59);
      add('head', 'M', h);
      add('spouse', 'F', h - rng.int(-2, 4));
      break;
    }
    case 'nuclear':
    case 'three_gen': {
      const h = type === 'nuclear' ? rng.int(26, 58) : rng.int(32, 58);
      const w = Math.max(22, h - rng.int(-1, 4));
      const wifeIsHead = rng.chance(0.15);
      add('head', wifeIsHead ? 'F' : 'M', wifeIsHead ? w : h);
      add('spouse', wifeIsHead ? 'M' : 'F', wifeIsHead ? h : w);
      children(w, 30);
      if (type === 'three_gen') {
        const fa = h + rng.int(24, 34);
        const mo = fa - rng.int(0, 4);
        if (rng.chance(0.55) && fa <= 96) add('parent', 'M', fa);
        if (mo <= 98 && (m.length < 3 || rng.chance(0.7))) add('parent', 'F', mo);
      }
      break;
    }
    case 'single_parent': {
      const g = rng.chance(0.75) ? 'F' : 'M';
      const a = rng.int(28, 55);
      add('head', g, a);
      const c = a - rng.int(22, 35);
      add('child', rng.chance(0.51) ? 'M' : 'F', c < 0 ? rng.int(0, 3) : Math.min(c, 25));
      break;
    }
    case 'grandparents_child': {
      const a = rng.int(55, 78);
      add('head', 'M', a);
      if (rng.chance(0.7)) add('spouse', 'F', a - rng.int(0, 4));
      const c = rng.int(3, 15);
      add('grandchild', rng.chance(0.51) ? 'M' : 'F', c, ['left_behind_child']);
      break;
    }
    case 'collective': {
      const n = rng.int(2, 6);
      for (let i = 0; i < n; i++) add(i === 0 ? 'head' : 'other', rng.chance(0.6) ? 'M' : 'F', rng.int(19, 40));
      return { kind: 'collective', members: m };
    }
  }
  return { kind: 'family', members: m };
}

function givenName(rng: Rng, gender: 'M' | 'F', birthYear: number): string {
  const pool = birthYear <= 1965 ? GIVEN_NAMES.old : birthYear <= 1989 ? GIVEN_NAMES.mid : GIVEN_NAMES.young;
  return rng.pick(pool[gender]);
}

/** A mobile number. */
export function phoneNumber(rng: Rng): string {
  return rng.pick(PHONE_PREFIXES) + String(rng.int(0, 99_999_999)).padStart(8, '0');
}

/** A random personal name (surname weighted by frequency). */
export function personName(rng: Rng, gender: 'M' | 'F', birthYear: number): string {
  return rng.pickWeighted(SURNAMES, SURNAME_W)[0] + givenName(rng, gender, birthYear);
}

interface BuildingSpec {
  floors: number;
  units: number;
  rooms: number;
  kind: 'residential' | 'mixed';
  area: [number, number];
}

function buildingSpec(rng: Rng, era: GridInput['era']): BuildingSpec {
  const r = rng.next();
  const e = r < 0.7 ? era : rng.pick(['old', 'mid', 'new'] as const);
  if (e === 'old') return { floors: rng.int(5, 7), units: rng.int(2, 4), rooms: 2, kind: rng.chance(0.15) ? 'mixed' : 'residential', area: [42, 90] };
  if (e === 'mid') return { floors: rng.pick([6, 7, 9, 11]), units: rng.int(2, 3), rooms: rng.int(2, 3), kind: 'residential', area: [60, 125] };
  return { floors: rng.pick([18, 24, 26, 28, 33]), units: rng.int(1, 2), rooms: rng.int(2, 4), kind: 'residential', area: [78, 145] };
}

const tagList = (tags: string[]) => `{${tags.join(',')}}`;

/** Generates one grid's buildings, houses, households, residents and building party groups. */
export function generateGrid(g: GridInput): GridRows {
  const rng = g.rng;
  const out: GridRows = { orgNodes: [], buildings: [], houses: [], households: [], residents: [], firstHeadId: null, elderlyAlone: [], buildingPoints: [] };
  if (g.households === 0) return out;

  // Buildings, until there are houses for every household at ~90 % occupancy.
  const needHouses = Math.ceil(g.households / 0.9);
  interface B { id: number; name: string; address: string; residential: { id: number; unit: number; room: string }[] }
  const buildings: B[] = [];
  let capacity = 0;
  let estate = '';
  let estateRoad = '';
  let estateNo = 0;
  let inEstate = 0;
  while (capacity < needHouses) {
    if (inEstate === 0 || (inEstate >= 6 && rng.chance(0.3))) {
      estate = rng.pick(ESTATE_PREFIXES) + rng.pick(ESTATE_SUFFIXES);
      estateRoad = rng.pick(g.roads);
      estateNo = rng.int(1, 299);
      inEstate = 0;
    }
    inEstate++;
    const spec = buildingSpec(rng, g.era);
    const perFloor = spec.units * spec.rooms;
    const floors = Math.min(spec.floors, Math.max(3, Math.ceil((needHouses - capacity) / perFloor) + (spec.kind === 'mixed' ? 1 : 0)));
    const id = g.nextId('building');
    const name = `${estate}${inEstate}号楼`;
    const address = `${g.districtZh}${estateRoad}${estateNo}号${name}`;
    let point = g.cellPoint(0.5, 0.5);
    for (let t = 0; t < 30; t++) {
      const p = g.cellPoint(rng.range(0.12, 0.88), rng.range(0.12, 0.88));
      if (pointInRing(p, g.ring)) {
        point = p;
        break;
      }
    }
    out.buildingPoints.push(point);
    out.buildings.push([id, g.gridId, `${g.gridCode}B${String(buildings.length + 1).padStart(2, '0')}`, name, address, point[1], point[0], floors, spec.units, spec.kind]);
    const b: B = { id, name, address, residential: [] };
    for (let u = 1; u <= spec.units; u++) {
      for (let f = 1; f <= floors; f++) {
        for (let r = 1; r <= spec.rooms; r++) {
          const hid = g.nextId('house');
          const room = String(f * 100 + r);
          const commercial = spec.kind === 'mixed' && f === 1;
          const area = Math.round(rng.range(...(commercial ? ([30, 120] as [number, number]) : spec.area)) * 100);
          out.houses.push([hid, id, String(u), f, room, area, commercial ? 'commercial' : 'residential']);
          if (!commercial) b.residential.push({ id: hid, unit: u, room });
        }
      }
    }
    capacity += b.residential.length;
    buildings.push(b);
  }

  // Occupied houses: exactly `households` of them, chosen evenly (selection sampling).
  let left = g.households;
  let seen = 0;
  let hhSeq = 0;
  const partyByBuilding = new Map<B, { householdId: number; residentId: number; name: string; unit: number; room: string }[]>();
  for (const b of buildings) {
    for (const h of b.residential) {
      const remaining = capacity - seen++;
      if (left === 0 || rng.next() * remaining >= left) continue;
      left--;
      const hhId = g.nextId('household');
      const address = `${b.address}${h.unit}单元${h.room}室`;
      const { kind, members } = composeHousehold(rng);
      out.households.push([hhId, h.id, g.gridId, `${g.gridCode}${String(++hhSeq).padStart(4, '0')}`, address, kind]);
      const householdArea = rng.pickWeighted(AREA_INDEXES, AREA_W);
      const ethnicity = rng.pickWeighted(ETHNICITIES, ETHNIC_W)[0];
      const lowIncome = rng.chance(members.some((p) => p.tags.includes('elderly_alone')) ? 0.06 : 0.02);
      const surname = () => rng.pickWeighted(SURNAMES, SURNAME_W)[0];
      const head = members[0]!;
      for (const p of members) if (p.relation === 'head' || p.relation === 'spouse') p.surname = surname();
      const father = members.find((p) => (p.relation === 'head' || p.relation === 'spouse') && p.gender === 'M');
      for (const p of members) {
        if (p.surname) continue;
        if (p.relation === 'child') p.surname = father && rng.chance(0.95) ? father.surname : surname();
        else if (p.relation === 'grandchild' || (p.relation === 'parent' && p.gender === 'M' && head.gender === 'M')) p.surname = rng.chance(0.8) ? head.surname : surname();
        else p.surname = surname();
      }
      for (const p of members) {
        const birthDay = g.today - Math.floor(p.age * 365.2425) - rng.int(1, 364);
        const area = p.age < 30 && rng.chance(0.6) ? rng.pick(LOCAL_AREAS) : rng.chance(0.7) ? householdArea : rng.pickWeighted(AREA_INDEXES, AREA_W);
        const { idNumber, birthDate } = g.ids.make(area, birthDay, p.gender);
        const birthYear = Number(birthDate.slice(0, 4));
        const name = p.surname + givenName(rng, p.gender, birthYear);
        const tags = [...p.tags];
        let disability: string | null = null;
        const old = p.age >= 60;
        const d = rng.next();
        if (d < (old ? 0.02 : 0.008)) {
          tags.push('severely_disabled');
          disability = `${rng.pick(DISABILITY_KINDS)}${rng.pick(['一级', '二级'])}`;
        } else if (d < (old ? 0.08 : 0.035)) {
          tags.push('disabled');
          disability = `${rng.pick(DISABILITY_KINDS)}${rng.pick(['三级', '四级'])}`;
        }
        if (lowIncome) tags.push('low_income');
        if (p.age >= 75 && rng.chance(0.1)) tags.push('incapacitated');
        if (p.gender === 'M' && p.age >= 40 && rng.chance(0.03)) tags.push('veteran');
        if (p.age >= 25 && p.age <= 55 && rng.chance(0.02)) tags.push('unemployed');
        if (!ID_AREAS[area]![0].startsWith('21') && p.age >= 18 && rng.chance(0.6)) tags.push('floating_population');
        const health = rng.chance(old ? 0.45 : p.age >= 40 ? 0.12 : 0.02) ? rng.pick(HEALTH_NOTES) : null;
        const income = lowIncome
          ? '城市最低生活保障，保障标准 760 元/人·月'
          : old && rng.chance(0.3)
            ? `退休金约 ${rng.int(26, 52) * 100} 元/月`
            : disability && rng.chance(0.5)
              ? '享受残疾人两项补贴'
              : null;
        const party = p.age >= 18 && rng.chance(p.age < 35 ? 0.04 : p.age < 60 ? 0.07 : 0.11);
        const phone = p.age >= 15 && (p.age < 80 ? rng.chance(0.96) : rng.chance(0.5)) ? phoneNumber(rng) : null;
        const eth = p.relation === 'spouse' && rng.chance(0.15) ? rng.pickWeighted(ETHNICITIES, ETHNIC_W)[0] : ethnicity;
        const rid = g.nextId('resident');
        out.residents.push([
          rid, hhId, g.gridId, name, p.gender, birthDate, idNumber, phone, eth, p.relation, tagList(tags),
          party, party ? g.branchId : null, health, disability, income, documentTokens(name, address),
        ]);
        if (out.firstHeadId === null && p.relation === 'head' && p.age >= 18) out.firstHeadId = rid;
        if (tags.includes('elderly_alone')) out.elderlyAlone.push({ name, building: b.name });
        if (party) {
          const list = partyByBuilding.get(b) ?? [];
          list.push({ householdId: hhId, residentId: rid, name, unit: h.unit, room: h.room });
          partyByBuilding.set(b, list);
        }
      }
    }
  }

  // Building party groups where at least two members live; some with a party-member centre household.
  buildings.forEach((b, bi) => {
    const members = partyByBuilding.get(b);
    if (!members || members.length < 2 || !rng.chance(0.7)) return;
    const groupId = g.nextId('org_node');
    const groupPath = `${g.gridPath}p${groupId}/`;
    const n = bi + 1;
    out.orgNodes.push([
      groupId, g.branchId, 'party', 'party_group', g.gridLevel, `PG${g.gridCode}B${String(n).padStart(2, '0')}`,
      `${b.name}党小组`, `${g.gridNameEn} Bldg ${n} Party Group`, groupPath, g.gridId, null, null,
      JSON.stringify({ buildingId: b.id, members: members.length }), n,
    ]);
    if (!rng.chance(0.4)) return;
    const c = members[0]!;
    const hhId = g.nextId('org_node');
    out.orgNodes.push([
      hhId, groupId, 'party', 'party_household', g.gridLevel, `PH${g.gridCode}B${String(n).padStart(2, '0')}`,
      `${c.name}党员中心户`, `Party-Member Centre Household, ${g.gridNameEn} Bldg ${n} Rm ${c.unit}-${c.room}`,
      `${g.gridPath}p${hhId}/`, g.gridId, null, null,
      JSON.stringify({ householdId: c.householdId, residentId: c.residentId, buildingId: b.id }), 0,
    ]);
  });
  return out;
}
