/** Use cases about residents: list and search, detail, reveal one personal field, create, update. */
import type { Kysely, Transaction } from 'kysely';
import type { DB } from '../../platform/db/schema.js';
import { AppError, notFound } from '../../platform/http/errors.js';
import { audit, type AuditContext } from '../../platform/audit/index.js';
import { authorize, can, type Actor } from '../../platform/authz/index.js';
import { isUniqueViolation } from '../../platform/db/index.js';
import { idNumberFacts, idNumberProblem } from '../../../common/id-number.js';
import { isSensitiveTag } from '../../../common/key-populations.js';
import type { PersonalField } from '../../../common/mask.js';
import { REVEAL_REASON_MIN, type ResidentCreate, type ResidentUpdate } from '../../../common/contracts/people.js';
import { findNode } from '../org/index.js';
import { residentSearch, residentSearchTokens } from './resident-search.js';
import { listPaths, pathNodeId, revealPathsWithin } from './people.scope.js';
import { nodeRef, presentResident, todayInChina, type ResidentRow } from './people.present.js';
import * as repo from './residents.repository.js';
import { findHousehold } from './places.repository.js';

const FULL_ID_NUMBER = /^\d{17}[\dX]$/i;

const PERSONAL_COLUMNS: Record<PersonalField, 'id_number' | 'phone' | 'health' | 'disability' | 'income'> = {
  idNumber: 'id_number',
  phone: 'phone',
  health: 'health',
  disability: 'disability',
  income: 'income',
};

export interface ResidentListQuery {
  nodeId?: number;
  q?: string;
  tag?: string;
  partyMember?: boolean;
  page: number;
  pageSize: number;
}

/** Presents repository rows with their grids' names. */
export async function presentRows(db: Kysely<DB>, actor: Actor, rows: ResidentRow[]) {
  const grids = await repo.gridNames(db, rows.map((r) => r.grid_id));
  const today = todayInChina();
  return rows.map((r) => presentResident(actor, r, grids.get(r.grid_id)!, today));
}

/**
 * Residents in the caller's scope (or under one node of it), masked, by search text, tag and party
 * membership. A full ID number is an exact, audited lookup; a sensitive tag needs personal.reveal and is
 * audited.
 */
export async function listResidents(db: Kysely<DB>, actor: Actor, query: ResidentListQuery, ctx: AuditContext) {
  let paths = await listPaths(db, actor, 'people.read', query.nodeId);
  const text = query.q?.trim() ?? '';
  const filter: repo.ResidentFilter = { paths, tag: query.tag, partyMember: query.partyMember };
  const idLookup = FULL_ID_NUMBER.test(text);
  if (idLookup) filter.idNumber = text.toUpperCase();
  else if (text) {
    filter.search = residentSearch(text);
    if (!filter.search) throw new AppError(400, 'SEARCH_QUERY_UNUSABLE');
  }
  if (query.tag && isSensitiveTag(query.tag)) filter.paths = paths = revealPathsWithin(actor, paths);
  const { rows, total, capped } = await repo.searchResidents(db, filter, query.page, query.pageSize);
  const scopeNodeId = query.nodeId ?? (paths.length === 1 ? pathNodeId(paths[0]!) : null);
  if (idLookup) {
    await audit(db, ctx, {
      action: 'personal.lookup',
      entity: 'resident',
      entityId: rows.length === 1 ? rows[0]!.id : null,
      nodeId: rows.length === 1 ? rows[0]!.grid_id : scopeNodeId,
      detail: { by: 'idNumber', found: total },
    });
  } else if (query.tag && isSensitiveTag(query.tag)) {
    await audit(db, ctx, { action: 'people.sensitive_list', entity: 'resident', nodeId: scopeNodeId, detail: { tag: query.tag, found: total } });
  }
  return { items: await presentRows(db, actor, rows), total, totalCapped: capped, page: query.page, pageSize: query.pageSize };
}

/** One resident, masked, with household, house, grid, party organisation and the caller's abilities. */
export async function getResident(db: Kysely<DB>, actor: Actor, id: number) {
  const r = await repo.findResident(db, id);
  if (!r) throw notFound();
  authorize(actor, 'people.read', r.grid_path);
  const grid = { id: r.grid_id, code: r.grid_code, name_zh: r.grid_name_zh, name_en: r.grid_name_en, path: r.grid_path };
  return {
    ...presentResident(actor, r, grid),
    createdAt: r.created_at,
    household: {
      id: r.household_id,
      householdNo: r.household_no,
      address: r.address,
      kind: r.household_kind,
      house: r.house_id
        ? { id: r.house_id, unitNo: r.unit_no, floor: r.floor, roomNo: r.room_no, building: r.building_id ? { id: r.building_id, name: r.building_name } : null }
        : null,
    },
    party: r.party_id ? nodeRef({ id: r.party_id, type: r.party_type!, name_zh: r.party_name_zh!, name_en: r.party_name_en! }) : null,
    abilities: { reveal: can(actor, 'personal.reveal', r.grid_path), edit: can(actor, 'people.write', r.grid_path) },
  };
}

/** Reveals one personal field with a reason; the audit row is written in the transaction that reads it. */
export async function revealField(db: Kysely<DB>, actor: Actor, id: number, field: PersonalField, reason: string | null | undefined, ctx: AuditContext) {
  const r = await repo.findResident(db, id);
  if (!r) throw notFound();
  authorize(actor, 'personal.reveal', r.grid_path);
  const why = (reason ?? '').trim();
  if ([...why].length < REVEAL_REASON_MIN) throw new AppError(400, 'REVEAL_REASON_REQUIRED');
  const value = await db.transaction().execute(async (tx) => {
    const v = await repo.personalValue(tx, id, PERSONAL_COLUMNS[field]);
    if (v === undefined) throw notFound();
    await audit(tx, ctx, { action: 'personal.reveal', entity: 'resident', entityId: id, nodeId: r.grid_id, reason: why, detail: { field } });
    return v;
  });
  return { field, value };
}

function checkIdNumber(idNumber: string) {
  const problem = idNumberProblem(idNumber);
  if (problem === 'format') throw new AppError(400, 'ID_NUMBER_FORMAT');
  if (problem === 'birth_date') throw new AppError(400, 'ID_NUMBER_BIRTH_DATE');
  if (problem === 'checksum') throw new AppError(400, 'ID_NUMBER_CHECKSUM');
  return idNumberFacts(idNumber);
}

/** A party organisation a resident of this grid may belong to: one linked to the grid or an ancestor of it. */
async function checkPartyNode(db: Kysely<DB> | Transaction<DB>, partyNodeId: number, gridPath: string) {
  const node = await findNode(db as Kysely<DB>, partyNodeId);
  const anchor = node?.path.replace(/p\d+\/.*$/, '');
  if (!node || node.tree !== 'party' || !anchor || !gridPath.startsWith(anchor)) throw new AppError(400, 'PARTY_NODE_INVALID');
}

const uniqueTags = (tags: string[]) => [...new Set(tags)].sort();

/** Registers a resident in an existing household (people.write on its grid). */
export async function createResident(db: Kysely<DB>, actor: Actor, input: ResidentCreate, ctx: AuditContext) {
  const household = await findHousehold(db, input.householdId);
  if (!household) throw notFound();
  authorize(actor, 'people.write', household.grid_path);
  const facts = checkIdNumber(input.idNumber);
  if (input.partyNodeId != null) {
    if (!input.isPartyMember) throw new AppError(400, 'PARTY_MEMBER_REQUIRED');
    await checkPartyNode(db, input.partyNodeId, household.grid_path);
  }
  const values = {
    household_id: household.id,
    grid_id: household.grid_id,
    name: input.name,
    gender: facts.gender,
    birth_date: facts.birthDate,
    id_number: input.idNumber,
    phone: input.phone ?? null,
    ethnicity: input.ethnicity,
    relation: input.relation,
    tags: uniqueTags(input.tags),
    is_party_member: input.isPartyMember,
    party_node_id: input.partyNodeId ?? null,
    health: input.health ?? null,
    disability: input.disability ?? null,
    income: input.income ?? null,
    search_tokens: residentSearchTokens(input.name, household.address),
  };
  try {
    const id = await db.transaction().execute(async (tx) => {
      const row = await tx.insertInto('resident').values(values).returning('id').executeTakeFirstOrThrow();
      const fields = Object.entries(input)
        .filter(([k, v]) => k !== 'householdId' && v != null && v !== false && !(Array.isArray(v) && v.length === 0))
        .map(([k]) => k);
      await audit(tx, ctx, { action: 'resident.create', entity: 'resident', entityId: row.id, nodeId: household.grid_id, detail: { householdId: household.id, fields: fields.sort() } });
      return row.id;
    });
    return getResident(db, actor, id);
  } catch (e) {
    if (isUniqueViolation(e)) throw new AppError(409, 'ID_NUMBER_TAKEN');
    throw e;
  }
}

/** Updates a resident; the audit row names the changed fields, never their values. */
export async function updateResident(db: Kysely<DB>, actor: Actor, id: number, input: ResidentUpdate, ctx: AuditContext) {
  const found = await repo.findResident(db, id);
  if (!found) throw notFound();
  authorize(actor, 'people.write', found.grid_path);
  const facts = input.idNumber !== undefined ? checkIdNumber(input.idNumber) : null;
  if (input.partyNodeId != null) await checkPartyNode(db, input.partyNodeId, found.grid_path);
  try {
    await db.transaction().execute(async (tx) => {
      const old = await repo.lockResident(tx, id);
      if (!old) throw notFound();
      const isPartyMember = input.isPartyMember ?? old.is_party_member;
      let partyNodeId = input.partyNodeId !== undefined ? input.partyNodeId : old.party_node_id;
      if (!isPartyMember) {
        if (input.partyNodeId != null) throw new AppError(400, 'PARTY_MEMBER_REQUIRED');
        partyNodeId = null;
      }
      const next = {
        name: input.name ?? old.name,
        id_number: input.idNumber ?? old.id_number,
        phone: input.phone !== undefined ? input.phone : old.phone,
        ethnicity: input.ethnicity ?? old.ethnicity,
        relation: input.relation ?? old.relation,
        tags: input.tags ? uniqueTags(input.tags) : old.tags,
        is_party_member: isPartyMember,
        party_node_id: partyNodeId,
        health: input.health !== undefined ? input.health : old.health,
        disability: input.disability !== undefined ? input.disability : old.disability,
        income: input.income !== undefined ? input.income : old.income,
      };
      const FIELD_NAMES: Record<keyof typeof next, string> = {
        name: 'name', id_number: 'idNumber', phone: 'phone', ethnicity: 'ethnicity', relation: 'relation', tags: 'tags',
        is_party_member: 'isPartyMember', party_node_id: 'partyNodeId', health: 'health', disability: 'disability', income: 'income',
      };
      const changed = (Object.keys(next) as (keyof typeof next)[]).filter((k) => JSON.stringify(next[k]) !== JSON.stringify(old[k]));
      if (changed.length === 0) return;
      await tx
        .updateTable('resident')
        .set({
          ...next,
          ...(facts && { gender: facts.gender, birth_date: facts.birthDate }),
          search_tokens: residentSearchTokens(next.name, found.address),
          updated_at: new Date(),
        })
        .where('id', '=', id)
        .execute();
      await audit(tx, ctx, { action: 'resident.update', entity: 'resident', entityId: id, nodeId: old.grid_id, detail: { fields: changed.map((k) => FIELD_NAMES[k]).sort() } });
    });
  } catch (e) {
    if (isUniqueViolation(e)) throw new AppError(409, 'ID_NUMBER_TAKEN');
    throw e;
  }
  return getResident(db, actor, id);
}
