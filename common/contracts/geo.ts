/** Request schemas of the geo module: grid maps, point lookup, grid import, split, merge, history. */
import { z } from 'zod';
import { id, queryFlag } from './accounts.js';
import { nodeCode } from './org.js';


/** A Polygon or MultiPolygon; the shape is checked in depth by common/geo's validateGeometry. */
export const areaGeometry = z.object({
  type: z.enum(['Polygon', 'MultiPolygon']),
  coordinates: z.array(z.array(z.any())).min(1),
});

export const AREA_LEVELS = ['grid', 'community', 'street'] as const;

export const gridsQuery = z.object({
  /** Only areas under this node (in the caller's scope). */
  nodeId: id.optional(),
  /** grid (default), community or street outlines. */
  level: z.enum(AREA_LEVELS).default('grid'),
  includeRetired: queryFlag.default(false),
});

export const locateQuery = z.object({
  lat: z.coerce.number().min(-90).max(90),
  lng: z.coerce.number().min(-180).max(180),
});

export const importQuery = z.object({
  /** Check the file and report what would happen, without writing. */
  dryRun: queryFlag.default(false),
});

const nameZh = z.string().trim().min(1).max(100);
const nameEn = z.string().trim().min(1).max(200);

export const splitBody = z.object({
  parts: z
    .array(
      z.object({
        /** Default: the community code + the next free 2-digit number. */
        code: nodeCode.optional(),
        nameZh,
        /** Default: the code. */
        nameEn: nameEn.optional(),
        geometry: areaGeometry,
      }),
    )
    .min(2)
    .max(20),
  note: z.string().trim().max(500).optional(),
});

export const mergeBody = z.object({
  gridIds: z.array(id).min(2).max(20),
  code: nodeCode.optional(),
  nameZh,
  nameEn: nameEn.optional(),
  note: z.string().trim().max(500).optional(),
});

export type SplitBody = z.infer<typeof splitBody>;
export type MergeBody = z.infer<typeof mergeBody>;
