/**
 * Checks rows against what the database already holds — grids and the uploader's scope, registered ID
 * numbers, households, buildings and rooms — given the looked-up records (pure; the repository fetches).
 */
import type { ImportField } from '../../../common/contracts/imports.js';
import { compact, shown, type ResidentRow, type RowProblem } from './validators.js';
import type { HeaderMap } from './headers.js';

export interface GridRef {
  id: number;
  code: string;
  path: string;
  type: string;
  active: boolean;
}

export interface Lookups {
  grids: Map<string, GridRef>;
  existingIds: Set<string>;
  households: Map<string, { id: number; grid_id: number; address: string; has_head: boolean }>;
  buildings: Map<string, { id: number; grid_id: number }>;
  houses: Map<number, { id: number; unit_no: string; room_no: string }[]>;
}

export interface ImportScope {
  /** Paths under which the uploader holds people.import ('/' for a system import). */
  paths: string[];
  /** The node the upload is for, when one was chosen: rows must lie under it. */
  node: { path: string; name_zh: string; name_en: string } | null;
}

/** Where each valid row goes: its grid and, when given, its house. */
export interface Placement {
  gridId: number;
  houseId: number | null;
}

/** The house of a room in a building: "unit-room" (1-301) or a room number that is unique in the building. */
export function findHouse(houses: { id: number; unit_no: string; room_no: string }[], room: string) {
  const m = /^(.+?)\s*[-－—单元]+\s*(.+?)室?$/.exec(room);
  if (m) {
    const hit = houses.find((h) => h.unit_no === m[1] && h.room_no === m[2]);
    if (hit) return hit;
  }
  const bare = room.replace(/室$/, '');
  const hits = houses.filter((h) => h.room_no === bare);
  return hits.length === 1 ? hits[0]! : null;
}

/** Checks rows against the database records; returns the problems and the placement of each valid row. */
export function checkReferences(residents: ResidentRow[], header: HeaderMap, lookups: Lookups, scope: ImportScope) {
  const problems: RowProblem[] = [];
  const placements = new Map<ResidentRow, Placement>();
  for (const r of residents) {
    const report = (field: ImportField, code: RowProblem['code'], raw: string, params?: Record<string, string | number>) => {
      r.bad.add(field);
      problems.push({ row: r.row, column: header.text[field] ?? '', code, value: shown(field, raw), ...(params && { params }) });
    };
    let gridId: number | null = null;
    if (r.gridCode && !r.bad.has('grid_code')) {
      const g = lookups.grids.get(r.gridCode);
      if (!g || g.type !== 'grid' || !scope.paths.some((p) => g.path.startsWith(p))) report('grid_code', 'GRID_UNKNOWN', r.gridCode, { value: r.gridCode });
      else if (scope.node && !g.path.startsWith(scope.node.path)) {
        report('grid_code', 'GRID_NOT_UNDER_NODE', r.gridCode, { value: r.gridCode, nodeZh: scope.node.name_zh, nodeEn: scope.node.name_en });
      } else if (!g.active) report('grid_code', 'GRID_RETIRED', r.gridCode, { value: r.gridCode });
      else gridId = g.id;
    }
    const registered = !!r.idNumber && !r.bad.has('id_number') && lookups.existingIds.has(r.idNumber);
    if (registered) report('id_number', 'ID_EXISTS', r.idNumber);

    const existing = r.householdNo && !r.bad.has('household_no') ? lookups.households.get(r.householdNo) : undefined;
    if (existing && gridId !== null) {
      if (existing.grid_id !== gridId) report('household_no', 'HOUSEHOLD_OTHER_GRID', r.householdNo, { value: r.householdNo });
      else if (r.address && !r.bad.has('address') && compact(existing.address) !== compact(r.address)) {
        report('address', 'HOUSEHOLD_ADDRESS_DIFFERS', r.address, { existing: existing.address });
      }
      // A person already registered is reported once, as such (e.g. the same file uploaded twice).
      if (existing.grid_id === gridId && existing.has_head && r.relation === 'head' && !registered) report('relation', 'HOUSEHOLD_HAS_HEAD', r.relationText);
    }

    let houseId: number | null = null;
    if (r.buildingCode && !r.bad.has('building_code') && gridId !== null) {
      const b = lookups.buildings.get(r.buildingCode);
      if (!b || b.grid_id !== gridId) report('building_code', 'BUILDING_UNKNOWN', r.buildingCode, { value: r.buildingCode });
      else if (r.room && !r.bad.has('room')) {
        const house = findHouse(lookups.houses.get(b.id) ?? [], r.room);
        if (!house) report('room', 'ROOM_UNKNOWN', r.room, { value: r.room });
        else houseId = house.id;
      }
    }
    if (gridId !== null) placements.set(r, { gridId, houseId });
  }
  return { problems, placements };
}
