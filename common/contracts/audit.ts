/** Request schemas of the audit-log API. */
import { z } from 'zod';
import { id, page } from './accounts.js';

/** A day (YYYY-MM-DD, China time) or an instant with an offset. */
export const auditMoment = z.union([z.iso.date(), z.iso.datetime({ offset: true })]);

export const auditListQuery = page.extend({
  /** An exact action (e.g. personal.reveal), or a prefix ending in * (e.g. people.*). */
  action: z
    .string()
    .trim()
    .regex(/^[a-z0-9_.]{1,80}\*?$/i)
    .optional(),
  entity: z.string().trim().min(1).max(50).optional(),
  entityId: z.string().trim().min(1).max(100).optional(),
  actorId: id.optional(),
  /** Only rows about this node and the nodes below it (inside the caller's scope). */
  nodeId: id.optional(),
  /** From this day (its start) or instant, inclusive. */
  from: auditMoment.optional(),
  /** To this day (its end) or instant, inclusive. */
  to: auditMoment.optional(),
});

export type AuditListQuery = z.infer<typeof auditListQuery>;
