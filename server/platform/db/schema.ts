/** Kysely table types. Keep in step with server/platform/migrations. */
import type { ColumnType, Generated, Insertable, Selectable, Updateable } from 'kysely';
import type { NotificationsTables } from './tables/notifications.js';
import type { CalendarTables } from './tables/calendar.js';
import type { MediaTables } from './tables/media.js';
import type { CategoriesTables } from './tables/categories.js';
import type { CasesTables } from './tables/cases.js';
import type { CaseStatsTables } from './tables/case-stats.js';

type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type NullableTimestamp = ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
type Json<T = unknown> = ColumnType<T, string | T | undefined, string | T>;

export type NodeType =
  | 'city'
  | 'district'
  | 'street'
  | 'community'
  | 'grid'
  | 'department'
  | 'party_committee'
  | 'party_community'
  | 'party_branch'
  | 'party_group'
  | 'party_household';

export interface OrgNodeTable {
  id: Generated<number>;
  parent_id: number | null;
  tree: 'admin' | 'department' | 'party';
  type: NodeType;
  level: number;
  code: string;
  name_zh: string;
  name_en: string;
  path: string;
  admin_node_id: number | null;
  geometry: Json<GeoJsonGeometry | null> | null;
  bbox: ColumnType<number[] | null, number[] | null | undefined, number[] | null>;
  attrs: Json<Record<string, unknown>>;
  active: Generated<boolean>;
  retired_at: NullableTimestamp;
  sort: Generated<number>;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface GeoJsonGeometry {
  type: 'Polygon' | 'MultiPolygon';
  coordinates: number[][][] | number[][][][];
}

export interface GridChangeTable {
  id: Generated<number>;
  kind: 'import' | 'split' | 'merge' | 'reshape';
  community_id: number;
  note: string | null;
  created_by: number | null;
  created_at: Timestamp;
}

export interface GridLineageTable {
  change_id: number;
  from_node_id: number;
  to_node_id: number;
}

/** Which grids a grid change touched (geo module). */
export interface GridChangeNodeTable {
  change_id: number;
  node_id: number;
  action: 'created' | 'reshaped' | 'retired';
  previous_geometry: Json<GeoJsonGeometry | null> | null;
}

export interface BuildingTable {
  id: Generated<number>;
  grid_id: number;
  code: string;
  name: string;
  address: string;
  lat: number;
  lng: number;
  floors: number;
  unit_count: number;
  kind: 'residential' | 'commercial' | 'mixed' | 'public';
  created_at: Timestamp;
}

export interface HouseTable {
  id: Generated<number>;
  building_id: number;
  unit_no: string;
  floor: number;
  room_no: string;
  area_centi: number;
  use: 'residential' | 'commercial' | 'parking' | 'other';
  created_at: Timestamp;
}

export interface HouseholdTable {
  id: Generated<number>;
  house_id: number | null;
  grid_id: number;
  household_no: string;
  address: string;
  kind: Generated<'family' | 'collective'>;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface ResidentTable {
  id: Generated<number>;
  household_id: number;
  grid_id: number;
  name: string;
  gender: 'M' | 'F';
  birth_date: ColumnType<string, string, string>;
  id_number: string;
  phone: string | null;
  ethnicity: Generated<string>;
  relation: Generated<string>;
  tags: ColumnType<string[], string[] | undefined, string[]>;
  is_party_member: Generated<boolean>;
  party_node_id: number | null;
  health: string | null;
  disability: string | null;
  income: string | null;
  search_tokens: string;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface AppUserTable {
  id: Generated<number>;
  username: string;
  password_hash: string;
  display_name: string;
  phone: string | null;
  locale: 'zh-CN' | 'en';
  disabled: Generated<boolean>;
  must_change_password: Generated<boolean>;
  resident_id: number | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface RoleGrantTable {
  id: Generated<number>;
  user_id: number;
  role: string;
  node_id: number;
  created_by: number | null;
  created_at: Timestamp;
}

export interface SessionTable {
  id: string;
  user_id: number;
  csrf_token: string;
  created_at: Timestamp;
  expires_at: ColumnType<Date, Date | string, Date | string>;
  last_seen_at: Timestamp;
  ip: string | null;
  user_agent: string | null;
}

export interface LoginFailureTable {
  id: Generated<number>;
  username: string;
  ip: string | null;
  at: Timestamp;
}

export interface AuditLogTable {
  id: Generated<number>;
  at: Timestamp;
  actor_id: number | null;
  action: string;
  entity: string;
  entity_id: string | null;
  node_id: number | null;
  reason: string | null;
  detail: Json<Record<string, unknown>>;
  ip: string | null;
}

export interface PatrolLogTable {
  id: Generated<number>;
  grid_id: number;
  user_id: number;
  patrol_date: ColumnType<string, string, string>;
  started_at: ColumnType<Date, Date | string, Date | string>;
  ended_at: NullableTimestamp;
  route: Json<[number, number][]>;
  notes: string;
  created_at: Timestamp;
}

export interface ImportJobTable {
  id: Generated<number>;
  kind: 'residents' | 'grids';
  filename: string;
  status: 'rejected' | 'completed';
  row_count: number;
  error_count: number;
  errors: Json<ImportRowError[]>;
  node_id: number;
  /** Null for a system import (command line). */
  created_by: number | null;
  created_at: Timestamp;
  household_count: Generated<number>;
  resident_count: Generated<number>;
}

export interface ImportRowError {
  row: number;
  column: string;
  code: string;
  /** The offending value as a report may show it (ID numbers and phones masked). */
  value?: string;
  params?: Record<string, string | number>;
}

export interface SettingTable {
  key: string;
  value: Json<unknown>;
  updated_at: Timestamp;
}

/** Every table: the foundation's here, each later module's in tables/<module>.ts. */
export interface DB extends NotificationsTables, CalendarTables, MediaTables, CategoriesTables, CasesTables, CaseStatsTables {
  org_node: OrgNodeTable;
  grid_change: GridChangeTable;
  grid_lineage: GridLineageTable;
  grid_change_node: GridChangeNodeTable;
  building: BuildingTable;
  house: HouseTable;
  household: HouseholdTable;
  resident: ResidentTable;
  app_user: AppUserTable;
  role_grant: RoleGrantTable;
  session: SessionTable;
  login_failure: LoginFailureTable;
  audit_log: AuditLogTable;
  patrol_log: PatrolLogTable;
  import_job: ImportJobTable;
  setting: SettingTable;
}

export type OrgNode = Selectable<OrgNodeTable>;
export type NewOrgNode = Insertable<OrgNodeTable>;
export type OrgNodeUpdate = Updateable<OrgNodeTable>;
export type Resident = Selectable<ResidentTable>;
export type AppUser = Selectable<AppUserTable>;
