/** Request schemas of the people module: buildings, houses, households, residents, reveal, key populations. */
import { z } from 'zod';
import { id, page, queryFlag } from './accounts.js';
import { PERSONAL_FIELDS } from '../mask.js';
import { KEY_POPULATION_CODES } from '../key-populations.js';

/** Relation of a resident to the head of the household (与户主关系), with labels for the UI. */
export const RELATIONS = [
  { code: 'head', zh: '户主', en: 'Head of household' },
  { code: 'spouse', zh: '配偶', en: 'Spouse' },
  { code: 'child', zh: '子女', en: 'Child' },
  { code: 'child_in_law', zh: '儿媳/女婿', en: 'Child-in-law' },
  { code: 'grandchild', zh: '孙子女/外孙子女', en: 'Grandchild' },
  { code: 'parent', zh: '父母', en: 'Parent' },
  { code: 'parent_in_law', zh: '公婆/岳父母', en: 'Parent-in-law' },
  { code: 'grandparent', zh: '祖父母/外祖父母', en: 'Grandparent' },
  { code: 'sibling', zh: '兄弟姐妹', en: 'Sibling' },
  { code: 'other_relative', zh: '其他亲属', en: 'Other relative' },
  { code: 'tenant', zh: '租户', en: 'Tenant' },
  { code: 'other', zh: '其他', en: 'Other' },
] as const;
export const RELATION_CODES = RELATIONS.map((r) => r.code) as [string, ...string[]];

export const BUILDING_KINDS = ['residential', 'commercial', 'mixed', 'public'] as const;
export const HOUSE_USES = ['residential', 'commercial', 'parking', 'other'] as const;
export const HOUSEHOLD_KINDS = ['family', 'collective'] as const;

const q = z.string().trim().max(50).optional();
const code = z.string().trim().regex(/^[A-Za-z0-9_-]{1,40}$/);
/** Optional personal free text: blank means none. */
const personalText = z
  .string()
  .trim()
  .max(500)
  .nullable()
  .optional()
  .transform((v) => (v === '' ? null : v));
export const phone = z.string().trim().regex(/^[0-9+\- ]{5,20}$/);

export const placeListQuery = page.extend({ nodeId: id.optional(), q });
export const residentListQuery = page.extend({
  nodeId: id.optional(),
  q,
  tag: z.enum(KEY_POPULATION_CODES).optional(),
  partyMember: queryFlag.optional(),
});
export const keyPopulationsQuery = z.object({ nodeId: id.optional() });

export const REVEAL_REASON_MIN = 4;
export const REVEAL_REASON_MAX = 200;
/** A reveal: the reason's minimum is checked by the service so that a missing one gets REVEAL_REASON_REQUIRED. */
export const revealBody = z.object({
  field: z.enum(PERSONAL_FIELDS),
  reason: z.string().max(REVEAL_REASON_MAX).nullable().optional(),
});

const residentFields = {
  name: z.string().trim().min(1).max(50),
  idNumber: z.string().trim().toUpperCase().max(30),
  phone: z
    .union([phone, z.literal('')])
    .nullable()
    .optional()
    .transform((v) => (v === '' ? null : v)),
  ethnicity: z.string().trim().min(1).max(20),
  relation: z.enum(RELATION_CODES),
  tags: z.array(z.enum(KEY_POPULATION_CODES)).max(KEY_POPULATION_CODES.length),
  isPartyMember: z.boolean(),
  partyNodeId: id.nullable(),
  health: personalText,
  disability: personalText,
  income: personalText,
};
export const residentCreateBody = z.object({
  householdId: id,
  ...residentFields,
  ethnicity: residentFields.ethnicity.default('汉族'),
  relation: residentFields.relation.default('head'),
  tags: residentFields.tags.default([]),
  isPartyMember: residentFields.isPartyMember.default(false),
  partyNodeId: residentFields.partyNodeId.optional(),
});
export const residentUpdateBody = z.object({
  name: residentFields.name.optional(),
  idNumber: residentFields.idNumber.optional(),
  phone: residentFields.phone,
  ethnicity: residentFields.ethnicity.optional(),
  relation: residentFields.relation.optional(),
  tags: residentFields.tags.optional(),
  isPartyMember: residentFields.isPartyMember.optional(),
  partyNodeId: residentFields.partyNodeId.optional(),
  health: residentFields.health,
  disability: residentFields.disability,
  income: residentFields.income,
});

export const buildingCreateBody = z.object({
  gridId: id,
  code,
  name: z.string().trim().min(1).max(100),
  address: z.string().trim().min(1).max(200),
  lat: z.number().min(-90).max(90),
  lng: z.number().min(-180).max(180),
  floors: z.number().int().min(1).max(200),
  unitCount: z.number().int().min(1).max(100),
  kind: z.enum(BUILDING_KINDS).default('residential'),
});
export const buildingUpdateBody = buildingCreateBody.omit({ gridId: true }).partial().extend({ kind: z.enum(BUILDING_KINDS).optional() });

export const houseCreateBody = z.object({
  unitNo: z.string().trim().min(1).max(10),
  floor: z.number().int().min(-10).max(200),
  roomNo: z.string().trim().min(1).max(20),
  /** Floor area in 0.01 m² (integers, never floating areas). */
  areaCenti: z.number().int().min(1).max(100_000_000),
  use: z.enum(HOUSE_USES).default('residential'),
});

export const householdCreateBody = z
  .object({
    gridId: id.optional(),
    houseId: id.nullable().optional(),
    householdNo: code,
    address: z.string().trim().min(1).max(200),
    kind: z.enum(HOUSEHOLD_KINDS).default('family'),
  })
  .refine((b) => b.gridId != null || b.houseId != null, { message: 'gridId or houseId is required', path: ['gridId'] });
export const householdUpdateBody = z.object({
  householdNo: code.optional(),
  address: z.string().trim().min(1).max(200).optional(),
  kind: z.enum(HOUSEHOLD_KINDS).optional(),
  houseId: id.nullable().optional(),
});

export type ResidentCreate = z.infer<typeof residentCreateBody>;
export type ResidentUpdate = z.infer<typeof residentUpdateBody>;
export type BuildingCreate = z.infer<typeof buildingCreateBody>;
export type BuildingUpdate = z.infer<typeof buildingUpdateBody>;
export type HouseCreate = z.infer<typeof houseCreateBody>;
export type HouseholdCreate = z.infer<typeof householdCreateBody>;
export type HouseholdUpdate = z.infer<typeof householdUpdateBody>;
