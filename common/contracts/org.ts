/** Request schemas of the organisation module. */
import { z } from 'zod';
import { id, queryFlag } from './accounts.js';

export const NODE_TYPES = [
  'city', 'district', 'street', 'community', 'grid', 'department',
  'party_committee', 'party_community', 'party_branch', 'party_group', 'party_household',
] as const;
export type NodeTypeName = (typeof NODE_TYPES)[number];

export const nodeCode = z.string().trim().regex(/^[A-Za-z0-9_-]{1,40}$/);
export const nodeCreateBody = z.object({
  parentId: id.nullable(),
  type: z.enum(NODE_TYPES),
  code: nodeCode,
  nameZh: z.string().trim().min(1).max(100),
  nameEn: z.string().trim().min(1).max(200),
  adminNodeId: id.nullable().optional(),
  attrs: z.record(z.string(), z.union([z.string().max(500), z.number(), z.boolean()])).optional(),
});
export const nodeUpdateBody = z.object({
  code: nodeCode.optional(),
  nameZh: z.string().trim().min(1).max(100).optional(),
  nameEn: z.string().trim().min(1).max(200).optional(),
  sort: z.number().int().min(0).max(100000).optional(),
  attrs: z.record(z.string(), z.union([z.string().max(500), z.number(), z.boolean()])).optional(),
});
export const treeQuery = z.object({
  tree: z.enum(['admin', 'department', 'party']).default('admin'),
  includeRetired: queryFlag.default(false),
});
