/** Request schemas of the cases module: reports, the workflow's actions, lists. */
import { z } from 'zod';
import { id, page } from './accounts.js';

export const CASE_DESCRIPTION_MAX = 1000;
export const CASE_NOTE_MAX = 1000;
export const CASE_PHOTOS_MAX = 9;
/** Open cases of the same category within this distance are offered as duplicates while reporting. */
export const NEARBY_METRES = 250;
export const NEARBY_MAX = 5;

const text = (min: number, max: number) => z.string().trim().min(min).max(max);
const reason = text(2, CASE_NOTE_MAX);
const note = text(1, CASE_NOTE_MAX);
const lat = z.number().min(-90).max(90);
const lng = z.number().min(-180).max(180);
const photoIds = z.array(id).max(CASE_PHOTOS_MAX);

export const caseReportBody = z.object({
  categoryId: id,
  description: text(4, CASE_DESCRIPTION_MAX),
  /** The place in words (building, landmark); the point is what counts. */
  address: z.string().trim().max(200).default(''),
  lat,
  lng,
  photoIds: photoIds.default([]),
  /** Handlers outside the owning centre see "anonymous resident". The public never sees names. */
  hideReporter: z.boolean().default(false),
  urgent: z.boolean().default(false),
  /** Staff only: how the report reached them. Residents' reports are always 'resident'. */
  source: z.enum(['staff', 'hotline', 'patrol']).optional(),
  /** A grid worker who fixed it on the spot: the case goes straight to the community for verification. */
  handledOnSpot: z.boolean().default(false),
});
export type CaseReport = z.infer<typeof caseReportBody>;

export const caseNearbyQuery = z.object({
  categoryId: id,
  lat: z.coerce.number().min(-90).max(90),
  lng: z.coerce.number().min(-180).max(180),
});

const statuses = [
  'reported',
  'accepted',
  'dispatched',
  'in_progress',
  'handled',
  'closed',
  'rated',
  'returned',
  'parked',
  'rejected',
  'cancelled',
  'merged',
] as const;
export const caseStatus = z.enum(statuses);

/** Comma-separated list in a query string ("a,b"), or repeated parameters. */
const csv = <T extends z.ZodTypeAny>(item: T) =>
  z.preprocess((v) => (typeof v === 'string' ? v.split(',').filter(Boolean) : v), z.array(item).max(20));

export const caseListQuery = page.extend({
  /**
   * inbox: held by a node the caller acts for; below: held under the caller's nodes (not by them);
   * mine: reported or followed by the caller; all: everything the caller may see.
   */
  view: z.enum(['inbox', 'below', 'mine', 'all']).default('all'),
  status: csv(caseStatus).optional(),
  /** Open (not final) cases only. */
  open: z.enum(['1', 'true', '0', 'false']).transform((v) => v === '1' || v === 'true').optional(),
  categoryId: id.optional(),
  /** Cases located under this node (grid, community, street …). */
  nodeId: id.optional(),
  card: z.enum(['yellow', 'red', 'any']).optional(),
  /** Past the current stage's red limit. */
  overdue: z.enum(['1', 'true']).transform(() => true).optional(),
  q: z.string().trim().max(100).optional(),
  from: z.iso.date().optional(),
  to: z.iso.date().optional(),
  sort: z.enum(['newest', 'oldest', 'deadline']).default('newest'),
});
export type CaseListQuery = z.infer<typeof caseListQuery>;

export const caseActionBody = z.discriminatedUnion('action', [
  z.object({ action: z.literal('accept'), note: note.optional() }),
  z.object({ action: z.literal('reject'), reason }),
  z.object({ action: z.literal('cancel'), reason: reason.optional() }),
  z.object({ action: z.literal('dispatch'), targetNodeId: id, note: note.optional() }),
  z.object({ action: z.literal('hand_up'), reason }),
  z.object({ action: z.literal('note'), note, photoIds: photoIds.default([]), photoRole: z.enum(['before', 'after']).default('before'), public: z.boolean().default(false) }),
  z.object({ action: z.literal('finish'), note, photoIds: photoIds.default([]) }),
  z.object({ action: z.literal('verify'), note: note.optional(), resolved: z.boolean().default(true), photoIds: photoIds.default([]) }),
  z.object({ action: z.literal('rework'), reason }),
  z.object({ action: z.literal('return'), reason }),
  z.object({ action: z.literal('request_extension'), days: z.number().int().min(1).max(30), reason }),
  z.object({ action: z.literal('decide_extension'), approve: z.boolean(), days: z.number().int().min(1).max(30).optional(), note: note.optional() }),
  z.object({ action: z.literal('park'), reason }),
  z.object({ action: z.literal('unpark'), note: note.optional() }),
  z.object({ action: z.literal('merge'), intoCaseId: id }),
  z.object({ action: z.literal('cc'), nodeIds: z.array(id).min(1).max(20), note: note.optional() }),
  z.object({
    action: z.literal('edit'),
    categoryId: id.optional(),
    lat: lat.optional(),
    lng: lng.optional(),
    address: z.string().trim().max(200).optional(),
    description: text(4, CASE_DESCRIPTION_MAX).optional(),
    urgent: z.boolean().optional(),
  }),
  z.object({
    action: z.literal('rate'),
    satisfaction: z.enum(['satisfied', 'basic', 'unsatisfied']),
    /** Was the problem solved? (resolution rate) */
    resolved: z.boolean(),
    comment: z.string().trim().max(600).optional(),
    /** Not satisfied: send the case back to the centre (once). */
    reopen: z.boolean().default(false),
  }),
]);
export type CaseActionBody = z.infer<typeof caseActionBody>;

export const caseIdParams = z.object({ id });
export const casePhotoParams = z.object({ id, mediaId: id });

export const publicCaseListQuery = page.extend({
  status: z.enum(['open', 'closed']).optional(),
  categoryId: id.optional(),
  /** minLng,minLat,maxLng,maxLat */
  bbox: z
    .string()
    .regex(/^-?\d+(\.\d+)?(,-?\d+(\.\d+)?){3}$/)
    .transform((s) => s.split(',').map(Number) as [number, number, number, number])
    .optional(),
});

export const whistleBody = z.object({
  kind: z.enum(['routine', 'tough', 'emergency']),
  departmentIds: z.array(id).min(1).max(10),
  reason: text(2, CASE_NOTE_MAX),
  /** When and where the departments are to report on site. */
  meetAt: z.iso.datetime({ offset: true }).optional(),
  place: z.string().trim().max(200).optional(),
});
export type WhistleBody = z.infer<typeof whistleBody>;

export const whistleDecideBody = z.object({ approve: z.boolean(), note: note.optional() });
export const summonsActionBody = z.object({ action: z.enum(['sign', 'contact', 'arrive']), note: note.optional() });
export const summonsRatingBody = z.object({ speed: z.number().int().min(1).max(5), quality: z.number().int().min(1).max(5), note: note.optional() });
export const whistleParams = z.object({ id });
export const summonsParams = z.object({ id, summonsId: id });
export const whistleListQuery = page.extend({
  /** summoned: whistles summoning the caller's departments; blown: whistles blown by the caller's nodes. */
  view: z.enum(['summoned', 'blown', 'approval']).default('summoned'),
  status: z.enum(['pending_approval', 'open', 'closed', 'rejected']).optional(),
});

export const caseExportQuery = caseListQuery.omit({ page: true, pageSize: true }).extend({ format: z.enum(['csv', 'xlsx']).default('xlsx') });
