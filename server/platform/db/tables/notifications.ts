/** Kysely table types of the notifications module and the job queue. Keep in step with its migration. */
import type { ColumnType, Generated } from 'kysely';

type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type NullableTimestamp = ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
type Json<T = unknown> = ColumnType<T, string | T | undefined, string | T>;

export type JobStatus = 'pending' | 'running' | 'done' | 'dead' | 'superseded';

/** A background job (server/platform/jobs). */
export interface JobTable {
  id: Generated<number>;
  kind: string;
  payload: Json<Record<string, unknown>>;
  status: Generated<JobStatus>;
  run_at: Timestamp;
  attempts: Generated<number>;
  max_attempts: Generated<number>;
  dedupe_key: string | null;
  periodic_slot: NullableTimestamp;
  locked_by: string | null;
  locked_until: NullableTimestamp;
  last_error: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
  finished_at: NullableTimestamp;
}

/** One in-app notification for one user. */
export interface NotificationTable {
  id: Generated<number>;
  user_id: number;
  kind: string;
  link: string | null;
  entity: string | null;
  entity_id: string | null;
  title_zh: string;
  body_zh: Generated<string>;
  title_en: string;
  body_en: Generated<string>;
  read_at: NullableTimestamp;
  created_at: Timestamp;
}

/** An outbound webhook subscription. */
export interface WebhookTable {
  id: Generated<number>;
  node_id: number;
  url: string;
  description: Generated<string>;
  secret: string;
  event_types: ColumnType<string[], string[] | undefined, string[]>;
  active: Generated<boolean>;
  created_by: number | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export type WebhookDeliveryStatus = 'pending' | 'succeeded' | 'dead' | 'cancelled';

/** One event sent (or to be sent) to one subscription. */
export interface WebhookDeliveryTable {
  id: Generated<number>;
  uuid: string;
  webhook_id: number;
  event_type: string;
  body: string;
  status: Generated<WebhookDeliveryStatus>;
  attempts: Generated<number>;
  max_attempts: number;
  last_status_code: number | null;
  last_error: string | null;
  /** The job that sends it (its run_at is the next attempt while pending). */
  job_id: number | null;
  created_at: Timestamp;
  finished_at: NullableTimestamp;
}

/** One HTTP attempt of a delivery. */
export interface WebhookAttemptTable {
  id: Generated<number>;
  delivery_id: number;
  attempt: number;
  at: Timestamp;
  status_code: number | null;
  duration_ms: number;
  error: string | null;
  response_excerpt: string | null;
}

export interface NotificationsTables {
  job: JobTable;
  notification: NotificationTable;
  webhook: WebhookTable;
  webhook_delivery: WebhookDeliveryTable;
  webhook_attempt: WebhookAttemptTable;
}

export type { Timestamp, NullableTimestamp, Json, Generated };
