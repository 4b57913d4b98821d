/** Photos (media) attached to cases and other records. See README.md. */
import type { Module } from '../index.js';
import { mediaRoutes } from './media.routes.js';
import { registerJob, registerPeriodic } from '../../platform/jobs/index.js';
import { purgeUnattachedMedia } from './media.service.js';

export const mediaModule: Module = { name: 'media', routes: mediaRoutes };

export { attachMedia, listAttachedMedia, presentAttached, purgeUnattachedMedia } from './media.service.js';
export type { AttachTarget, AttachedMedia, AttachedMediaForStaff } from './media.service.js';
export { registerMediaAccess } from './media.access.js';
export type { MediaAccess, MediaAccessResolver } from './media.access.js';
export type { MediaRow } from './media.repository.js';

/** Uploads never attached to anything are removed a day later (a resident who gave up on a report). */
export const PURGE_AFTER_MS = 24 * 3600_000;
registerJob('media.purge', async ({ db, now }) => {
  await purgeUnattachedMedia(db, new Date(now.getTime() - PURGE_AFTER_MS));
});
registerPeriodic('media.purge', 3600_000);
