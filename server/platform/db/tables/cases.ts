/** Kysely table types of the cases module. Keep in step with migrations/2026112205_cases.ts. */
import type { ColumnType, Generated } from 'kysely';

type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type NullableTimestamp = ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
type Json<T = unknown> = ColumnType<T, string | T | undefined, string | T>;

export type CaseStatus =
  | 'reported'
  | 'accepted'
  | 'dispatched'
  | 'in_progress'
  | 'handled'
  | 'closed'
  | 'rated'
  | 'returned'
  | 'parked'
  | 'rejected'
  | 'cancelled'
  | 'merged';
export type CaseStage = 'accept' | 'handle' | 'verify';
export type CaseSource = 'resident' | 'patrol' | 'staff' | 'hotline' | 'open311' | 'sensor';
export type Card = 'none' | 'yellow' | 'red';
export type Satisfaction = 'satisfied' | 'basic' | 'unsatisfied';
export type PartyKind = 'intake' | 'owner' | 'handler' | 'cc' | 'escalated' | 'whistled';

export interface CaseFileTable {
  id: Generated<number>;
  status: CaseStatus;
  category_id: number;
  description: string;
  address: Generated<string>;
  lat: number;
  lng: number;
  grid_id: number;
  grid_path: string;
  source: CaseSource;
  urgent: Generated<boolean>;
  reporter_user_id: number | null;
  hide_reporter: Generated<boolean>;
  client_key: string | null;
  client_hash: string | null;
  holder_node_id: number;
  holder_path: string;
  owner_node_id: number;
  handler_node_id: number | null;
  stage: CaseStage | null;
  stage_seq: Generated<number>;
  stage_started_at: NullableTimestamp;
  stage_warn_at: NullableTimestamp;
  stage_yellow_at: NullableTimestamp;
  stage_red_at: NullableTimestamp;
  stage_extension_days: Generated<number>;
  warned: Generated<boolean>;
  card: Generated<Card>;
  next_sweep_at: NullableTimestamp;
  escalated_node_id: number | null;
  accept_due_at: NullableTimestamp;
  due_at: NullableTimestamp;
  reported_at: Timestamp;
  accepted_at: NullableTimestamp;
  dispatched_at: NullableTimestamp;
  handled_at: NullableTimestamp;
  closed_at: NullableTimestamp;
  rated_at: NullableTimestamp;
  resolved: boolean | null;
  satisfaction: Satisfaction | null;
  rating_comment: string | null;
  reopen_count: Generated<number>;
  rework_count: Generated<number>;
  extended: Generated<boolean>;
  whistled: Generated<boolean>;
  merged_into_id: number | null;
  parked_reason: string | null;
  search_tokens: Generated<string>;
  tsv: ColumnType<string, never, never>;
  updated_at: Timestamp;
}

export interface CaseEventTable {
  id: Generated<number>;
  case_id: number;
  at: Timestamp;
  action: string;
  actor_user_id: number | null;
  actor_node_id: number | null;
  from_status: string | null;
  to_status: string | null;
  from_node_id: number | null;
  to_node_id: number | null;
  note: string | null;
  data: Json<Record<string, unknown>>;
  public: Generated<boolean>;
}

export interface CasePartyTable {
  case_id: number;
  node_id: number;
  node_path: string;
  kind: PartyKind;
  created_at: Timestamp;
  read_at: NullableTimestamp;
  read_by: number | null;
}

export interface CaseFollowerTable {
  case_id: number;
  user_id: number;
  kind: 'reporter' | 'follower';
  created_at: Timestamp;
}

export interface CasePhotoTable {
  case_id: number;
  media_id: number;
  role: 'report' | 'before' | 'after' | 'verify';
  event_id: number | null;
  public_approved_at: NullableTimestamp;
  public_approved_by: number | null;
}

export interface CaseExtensionTable {
  id: Generated<number>;
  case_id: number;
  stage_seq: number;
  node_id: number;
  requested_by: number;
  days: number;
  reason: string;
  status: Generated<'pending' | 'approved' | 'denied'>;
  approved_days: number | null;
  decided_by: number | null;
  decided_at: NullableTimestamp;
  decision_note: string | null;
  created_at: Timestamp;
}

export interface CaseCardTable {
  id: Generated<number>;
  case_id: number;
  stage_seq: number;
  stage: CaseStage;
  node_id: number;
  color: 'yellow' | 'red';
  points: number;
  raised_at: Timestamp;
}

export interface NodeScoreEntryTable {
  id: Generated<number>;
  node_id: number;
  points: number;
  reason: string;
  case_id: number | null;
  card_id: number | null;
  at: Timestamp;
}

export type WhistleKind = 'routine' | 'tough' | 'emergency';
export type WhistleStatus = 'pending_approval' | 'open' | 'closed' | 'rejected';

export interface CaseWhistleTable {
  id: Generated<number>;
  case_id: number;
  node_id: number;
  kind: WhistleKind;
  status: WhistleStatus;
  reason: string;
  meet_at: NullableTimestamp;
  place: string | null;
  requested_by: number;
  decided_by: number | null;
  decided_at: NullableTimestamp;
  decision_note: string | null;
  created_at: Timestamp;
  opened_at: NullableTimestamp;
  closed_at: NullableTimestamp;
}

export interface CaseWhistleSummonsTable {
  id: Generated<number>;
  whistle_id: number;
  department_id: number;
  sign_due_at: NullableTimestamp;
  contact_due_at: NullableTimestamp;
  arrive_due_at: NullableTimestamp;
  signed_at: NullableTimestamp;
  signed_by: number | null;
  contacted_at: NullableTimestamp;
  contacted_by: number | null;
  contact_note: string | null;
  arrived_at: NullableTimestamp;
  arrived_by: number | null;
  arrive_note: string | null;
  speed_rating: number | null;
  quality_rating: number | null;
  rating_note: string | null;
  rated_by: number | null;
  rated_at: NullableTimestamp;
}

export interface CasesTables {
  case_whistle: CaseWhistleTable;
  case_whistle_summons: CaseWhistleSummonsTable;
  case_file: CaseFileTable;
  case_event: CaseEventTable;
  case_party: CasePartyTable;
  case_follower: CaseFollowerTable;
  case_photo: CasePhotoTable;
  case_extension: CaseExtensionTable;
  case_card: CaseCardTable;
  node_score_entry: NodeScoreEntryTable;
}
