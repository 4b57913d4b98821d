/** Kysely table types of the categories module. Keep in step with its migration. */
import type { ColumnType, Generated } from 'kysely';
import type { LimitsOverride } from '../../../../common/deadline-limits.js';

type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type NullableTimestamp = ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
type Json<T = unknown> = ColumnType<T, string | T | undefined, string | T>;

/** The level where a resident's report of a category is triaged. */
export type CategoryLevel = 'grid' | 'community' | 'street' | 'district';

/** case_category (事件分类): a tree of 2–3 levels. */
export interface CaseCategoryTable {
  id: Generated<number>;
  parent_id: number | null;
  /** Unique and stable (never changed after creation), e.g. 'street_order.illegal_parking'. */
  code: string;
  name_zh: string;
  name_en: string;
  keywords: Generated<string>;
  description_zh: Generated<string>;
  description_en: Generated<string>;
  default_level: Generated<CategoryLevel>;
  /** Suffix of a department's code (`<district>-CG` → 'CG'), or null. */
  default_department_code: string | null;
  limits: ColumnType<LimitsOverride | null, string | null | undefined, string | null>;
  public: Generated<boolean>;
  active: Generated<boolean>;
  sort: Generated<number>;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface CategoriesTables {
  case_category: CaseCategoryTable;
}

export type { Timestamp, NullableTimestamp, Json, Generated };
