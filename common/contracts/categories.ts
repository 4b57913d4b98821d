/** Request schemas of the categories module: case categories (事件分类) and their deadline limits. */
import { z } from 'zod';
import { id, queryFlag } from './accounts.js';

export const CATEGORY_LEVELS = ['grid', 'community', 'street', 'district'] as const;
export type CategoryLevelName = (typeof CATEGORY_LEVELS)[number];

/** Stable dotted code: lower-case segments of letters, digits and "_", e.g. street_order.illegal_parking. */
export const CATEGORY_CODE = /^[a-z][a-z0-9_]*(\.[a-z][a-z0-9_]*)*$/;
/** A department code or its suffix (demo: CG for 210503-CG). */
export const DEPARTMENT_CODE = /^[A-Za-z0-9_-]{1,40}$/;

const limit = z.strictObject({ yellow: z.number(), red: z.number() });
const stageLimits = z.strictObject({ accept: limit.optional(), handle: limit.optional(), verify: limit.optional() });
/** A category's own limit overrides (working days); the service checks ranges and yellow ≤ red. */
export const limitsInput = z.strictObject({ admin: stageLimits.optional(), department: stageLimits.optional() });

export const categoryListQuery = z.object({
  /** Include inactive categories (needs case.configure). */
  all: queryFlag.optional(),
});

export const categorySearchQuery = z.object({
  q: z.string().trim().min(1).max(50),
});

const fields = {
  nameZh: z.string().trim().min(1).max(50),
  nameEn: z.string().trim().min(1).max(100),
  keywords: z.string().trim().max(500),
  descriptionZh: z.string().trim().max(200),
  descriptionEn: z.string().trim().max(400),
  defaultLevel: z.enum(CATEGORY_LEVELS),
  defaultDepartmentCode: z.string().trim().regex(DEPARTMENT_CODE).nullable(),
  limits: limitsInput.nullable(),
  public: z.boolean(),
  sort: z.number().int().min(0).max(1_000_000),
};

export const categoryCreateBody = z.strictObject({
  parentId: id.nullable(),
  code: z.string().trim().max(80).regex(CATEGORY_CODE),
  nameZh: fields.nameZh,
  nameEn: fields.nameEn,
  keywords: fields.keywords.default(''),
  descriptionZh: fields.descriptionZh.default(''),
  descriptionEn: fields.descriptionEn.default(''),
  defaultLevel: fields.defaultLevel.default('community'),
  defaultDepartmentCode: fields.defaultDepartmentCode.default(null),
  limits: fields.limits.default(null),
  public: fields.public.default(true),
  /** Defaults to after the last sibling. */
  sort: fields.sort.optional(),
});

/** Everything but the code (stable) may change; parentId moves the category; limits replace the overrides. */
export const categoryUpdateBody = z.strictObject({
  parentId: id.nullable().optional(),
  nameZh: fields.nameZh.optional(),
  nameEn: fields.nameEn.optional(),
  keywords: fields.keywords.optional(),
  descriptionZh: fields.descriptionZh.optional(),
  descriptionEn: fields.descriptionEn.optional(),
  defaultLevel: fields.defaultLevel.optional(),
  defaultDepartmentCode: fields.defaultDepartmentCode.optional(),
  limits: fields.limits.optional(),
  public: fields.public.optional(),
  active: z.boolean().optional(),
  sort: fields.sort.optional(),
});

export type CategoryCreate = z.infer<typeof categoryCreateBody>;
export type CategoryUpdate = z.infer<typeof categoryUpdateBody>;
