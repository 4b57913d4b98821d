/**
 * How people data leaves the server: ID number, phone, health, disability and income are always masked
 * (common/mask.ts); sensitive key-population tags only go to callers who may reveal on the person's grid;
 * the birth date (which the ID-number mask hides) is shown as an age only.
 */
import { maskValue } from '../../../common/mask.js';
import { isSensitiveTag } from '../../../common/key-populations.js';
import { can, type Actor } from '../../platform/authz/index.js';

/** Today's date (YYYY-MM-DD) in the jurisdiction's time zone (China Standard Time). */
export function todayInChina(now = new Date()): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit' }).format(now);
}

/** Whole years from a birth date to a day (both YYYY-MM-DD). */
export function ageOn(birthDate: string, day: string): number {
  const [by, bm, bd] = birthDate.split('-').map(Number) as [number, number, number];
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  return y - by - (m < bm || (m === bm && d < bd) ? 1 : 0);
}

export interface ResidentRow {
  id: number;
  household_id: number;
  grid_id: number;
  name: string;
  gender: 'M' | 'F';
  birth_date: string;
  id_number: string;
  phone: string | null;
  ethnicity: string;
  relation: string;
  tags: string[];
  is_party_member: boolean;
  party_node_id: number | null;
  health: string | null;
  disability: string | null;
  income: string | null;
  updated_at: Date;
  household_no: string;
  address: string;
}

/** The tags a caller may see on a resident of a grid. */
export function visibleTags(actor: Actor, tags: string[], gridPath: string): string[] {
  const mayReveal = can(actor, 'personal.reveal', gridPath);
  return tags.filter((t) => mayReveal || !isSensitiveTag(t));
}

/** A resident as every list and detail shows it: masked. */
export function presentResident(actor: Actor, r: ResidentRow, grid: { id: number; code: string; name_zh: string; name_en: string; path: string }, today = todayInChina()) {
  return {
    id: r.id,
    name: r.name,
    gender: r.gender,
    age: ageOn(r.birth_date, today),
    idNumber: maskValue('idNumber', r.id_number),
    phone: maskValue('phone', r.phone),
    health: maskValue('health', r.health),
    disability: maskValue('disability', r.disability),
    income: maskValue('income', r.income),
    ethnicity: r.ethnicity,
    relation: r.relation,
    tags: visibleTags(actor, r.tags, grid.path),
    isPartyMember: r.is_party_member,
    householdId: r.household_id,
    householdNo: r.household_no,
    address: r.address,
    grid: { id: grid.id, code: grid.code, nameZh: grid.name_zh, nameEn: grid.name_en },
    updatedAt: r.updated_at,
  };
}

/** Presents a node as lists show it. */
export const nodeRef = (n: { id: number; code?: string; type?: string; name_zh: string; name_en: string }) => ({
  id: n.id,
  ...(n.code !== undefined && { code: n.code }),
  ...(n.type !== undefined && { type: n.type }),
  nameZh: n.name_zh,
  nameEn: n.name_en,
});
