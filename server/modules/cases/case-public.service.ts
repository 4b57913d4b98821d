/**
 * The public view (no sign-in): cases with personal data removed. No reporter, no staff names, the place
 * rounded to about 100 m with the community's name instead of the address, phone and ID numbers in the
 * text masked, and only photos staff approved. Rejected, cancelled and merged reports are not shown.
 */
import { sql, type Kysely } from 'kysely';
import type { DB } from '../../platform/db/schema.js';
import { notFound } from '../../platform/http/errors.js';
import type { z } from 'zod';
import type { publicCaseListQuery } from '../../../common/contracts/cases.js';
import { publicStatus } from './case-query.service.js';

const HIDDEN = ['rejected', 'cancelled', 'merged'] as const;
const CLOSED = ['closed', 'rated'] as const;

/** Masks phone numbers, ID numbers and long digit runs in free text. */
export function scrubText(text: string): string {
  return text
    .replace(/\d{17}[\dXx]/g, (m) => m.slice(0, 2) + '*'.repeat(14) + m.slice(-2))
    .replace(/1[3-9]\d{9}/g, (m) => m.slice(0, 3) + '****' + m.slice(-4))
    .replace(/\d{7,}/g, (m) => m.slice(0, 2) + '*'.repeat(m.length - 2));
}

/** Coordinates rounded to three decimals (≈ 100 m). */
const round = (x: number) => Math.round(x * 1000) / 1000;

function base(db: Kysely<DB>) {
  return db
    .selectFrom('case_file as c')
    .innerJoin('case_category as k', 'k.id', 'c.category_id')
    .innerJoin('org_node as g', 'g.id', 'c.grid_id')
    .leftJoin('org_node as m', 'm.id', 'g.parent_id')
    .where('c.status', 'not in', [...HIDDEN]);
}

const COLUMNS = ['c.id', 'c.status', 'c.description', 'c.lat', 'c.lng', 'c.reported_at', 'c.closed_at', 'c.category_id', 'k.name_zh as category_zh', 'k.name_en as category_en', 'm.name_zh as community_zh', 'm.name_en as community_en'] as const;

type Row = { id: number; status: string; description: string; lat: number; lng: number; reported_at: Date; closed_at: Date | null; category_id: number; category_zh: string; category_en: string; community_zh: string | null; community_en: string | null };

function present(r: Row) {
  return {
    id: r.id,
    status: publicStatus(r.status),
    category: { id: r.category_id, nameZh: r.category_zh, nameEn: r.category_en },
    description: scrubText(r.description),
    area: { nameZh: r.community_zh, nameEn: r.community_en },
    lat: round(r.lat),
    lng: round(r.lng),
    reportedAt: r.reported_at,
    closedAt: r.closed_at,
  };
}

/** Public list (newest first), filterable by open/closed, category and a map box. */
export async function listPublicCases(db: Kysely<DB>, q: z.infer<typeof publicCaseListQuery>) {
  let qb = base(db);
  if (q.status === 'closed') qb = qb.where('c.status', 'in', [...CLOSED]);
  if (q.status === 'open') qb = qb.where('c.status', 'not in', [...CLOSED]);
  if (q.categoryId) qb = qb.where(sql<boolean>`(c.category_id = ${q.categoryId} or k.parent_id = ${q.categoryId})`);
  if (q.bbox) {
    const [x0, y0, x1, y1] = q.bbox;
    qb = qb.where('c.lng', '>=', x0).where('c.lng', '<=', x1).where('c.lat', '>=', y0).where('c.lat', '<=', y1);
  }
  const [rows, count] = await Promise.all([
    qb.select(COLUMNS).orderBy('c.reported_at', 'desc').orderBy('c.id', 'desc').limit(q.pageSize).offset((q.page - 1) * q.pageSize).execute(),
    qb.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { items: rows.map(present), total: Number(count.n), page: q.page, pageSize: q.pageSize };
}

/** One public case with its public timeline (unit names only) and approved photos. */
export async function getPublicCase(db: Kysely<DB>, id: number) {
  const r = await base(db).select(COLUMNS).where('c.id', '=', id).executeTakeFirst();
  if (!r) throw notFound();
  const [events, photos] = await Promise.all([
    db
      .selectFrom('case_event as e')
      .leftJoin('org_node as n', 'n.id', 'e.actor_node_id')
      .select(['e.id', 'e.at', 'e.action', 'e.to_status', 'n.name_zh', 'n.name_en'])
      .where('e.case_id', '=', id)
      .where('e.public', '=', true)
      .orderBy('e.id')
      .execute(),
    db.selectFrom('case_photo').select(['media_id', 'role']).where('case_id', '=', id).where('public_approved_at', 'is not', null).orderBy('media_id').execute(),
  ]);
  return {
    ...present(r),
    timeline: events.map((e) => ({ id: e.id, at: e.at, action: e.action, status: e.to_status ? publicStatus(e.to_status) : null, unit: e.name_zh ? { nameZh: e.name_zh, nameEn: e.name_en } : null })),
    photos: photos.map((p) => ({ mediaId: p.media_id, role: p.role })),
  };
}
