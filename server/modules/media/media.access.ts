/**
 * Who may see an attached photo is decided by the module that owns the record it is attached to: each
 * registers a resolver for its entity name (e.g. the cases module for 'case'). The media module never
 * guesses: a photo attached to an entity without a resolver is visible to nobody but its uploader.
 */
import type { Kysely } from 'kysely';
import type { DB } from '../../platform/db/schema.js';
import type { Actor } from '../../platform/authz/index.js';
import type { MediaRow } from './media.repository.js';

/** 'staff': every variant incl. the original; 'public': thumbnail and display copy; 'none': not at all. */
export type MediaAccess = 'staff' | 'public' | 'none';

/** Decides what a caller (null: an anonymous visitor of a public page) may see of one attached photo. */
export type MediaAccessResolver = (db: Kysely<DB>, actor: Actor | null, entityId: number, media: MediaRow) => Promise<MediaAccess>;

const resolvers = new Map<string, MediaAccessResolver>();
const ENTITY = /^[a-z][a-z0-9_]{0,39}$/;

/**
 * Registers the access rule for photos attached to an entity (once per entity, at module load); returns a
 * function that removes it again (for tests).
 */
export function registerMediaAccess(entity: string, resolver: MediaAccessResolver): () => void {
  if (!ENTITY.test(entity)) throw new Error(`media: bad entity name "${entity}"`);
  if (resolvers.has(entity)) throw new Error(`media: an access resolver for "${entity}" is already registered`);
  resolvers.set(entity, resolver);
  return () => {
    if (resolvers.get(entity) === resolver) resolvers.delete(entity);
  };
}

/** The registered resolver of an entity, if any. */
export function resolverFor(entity: string): MediaAccessResolver | undefined {
  return resolvers.get(entity);
}

/** True when an entity name is well formed (lower-case letters, digits, underscores). */
export function isEntityName(entity: string): boolean {
  return ENTITY.test(entity);
}
