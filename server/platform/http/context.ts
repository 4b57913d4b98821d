/** What every module's routes get: the database, configuration and shared platform services. */
import type { Kysely } from 'kysely';
import type { Config } from '../../config.js';
import type { DB } from '../db/schema.js';
import type { DatabaseKind } from '../db/index.js';
import type { Actor } from '../authz/index.js';
import type { Locale } from '../../../common/i18n/errors.js';
import type { AuditContext } from '../audit/index.js';

export interface AppContext {
  db: Kysely<DB>;
  kind: DatabaseKind;
  config: Config;
  startedAt: Date;
}

declare module 'fastify' {
  interface FastifyRequest {
    actor: Actor | null;
    locale: Locale;
    /** The cookie token of the current session, if any. */
    sessionToken: string | null;
  }
  interface FastifyInstance {
    ctx: AppContext;
    /** Every registered route (method, url pattern). */
    routeList: { method: string; url: string }[];
  }
}

/** The audit context of a request. */
export function auditCtx(req: { actor: Actor | null; ip: string }): AuditContext {
  return { actor: req.actor, ip: req.ip };
}
