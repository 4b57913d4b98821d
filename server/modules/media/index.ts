/** Photos (media) attached to cases and other records. See README.md. */
import type { Module } from '../index.js';
import { mediaRoutes } from './media.routes.js';

export const mediaModule: Module = { name: 'media', routes: mediaRoutes };

export { attachMedia, listAttachedMedia, presentAttached, purgeUnattachedMedia } from './media.service.js';
export type { AttachTarget, AttachedMedia, AttachedMediaForStaff } from './media.service.js';
export { registerMediaAccess } from './media.access.js';
export type { MediaAccess, MediaAccessResolver } from './media.access.js';
export type { MediaRow } from './media.repository.js';
