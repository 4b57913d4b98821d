/**
 * Turns the played demo cases into rows — case_file, case_event (ids in time order), case_party,
 * case_follower, case_extension, case_card with its node_score_entry, the notifications the moves and the
 * sweep would have sent, and the audit rows of the API calls — and bulk-inserts them in one transaction.
 */
import type { Transaction } from 'kysely';
import type { DB } from '../../platform/db/schema.js';
import { documentTokens } from '../../../common/search-tokens.js';
import { staffText, publicText, type CaseRef } from '../cases/case-messages.js';
import { Rng } from './prng.js';
import type { EventRow, SimCase } from './cases-model.js';
import type { LoadedWorld } from './cases.js';
import { insertRows, maxId, setSequence, type Col } from './cases-write.js';
import { audit } from '../../platform/audit/index.js';
import { dropSecondaryIndexes, createIndexes } from '../../platform/backup/index.js';

const HOUR = 3_600_000;

const CASE_COLS: Col[] = [
  ['id', 'bigint'], ['status', 'text'], ['category_id', 'int'], ['description', 'text'], ['address', 'text'], ['lat', 'float8'], ['lng', 'float8'],
  ['grid_id', 'int'], ['grid_path', 'text'], ['source', 'text'], ['urgent', 'bool'], ['reporter_user_id', 'int'], ['hide_reporter', 'bool'],
  ['holder_node_id', 'int'], ['holder_path', 'text'], ['owner_node_id', 'int'], ['handler_node_id', 'int'], ['stage', 'text'], ['stage_seq', 'int'],
  ['stage_started_at', 'timestamptz'], ['stage_warn_at', 'timestamptz'], ['stage_yellow_at', 'timestamptz'], ['stage_red_at', 'timestamptz'],
  ['stage_extension_days', 'int'], ['warned', 'bool'], ['card', 'text'], ['next_sweep_at', 'timestamptz'], ['escalated_node_id', 'int'],
  ['accept_due_at', 'timestamptz'], ['due_at', 'timestamptz'], ['reported_at', 'timestamptz'], ['accepted_at', 'timestamptz'], ['dispatched_at', 'timestamptz'],
  ['handled_at', 'timestamptz'], ['closed_at', 'timestamptz'], ['rated_at', 'timestamptz'], ['resolved', 'bool'], ['satisfaction', 'text'],
  ['rating_comment', 'text'], ['reopen_count', 'int'], ['rework_count', 'int'], ['extended', 'bool'], ['merged_into_id', 'bigint'],
  ['parked_reason', 'text'], ['search_tokens', 'text'], ['updated_at', 'timestamptz'],
];
const EVENT_COLS: Col[] = [
  ['id', 'bigint'], ['case_id', 'bigint'], ['at', 'timestamptz'], ['action', 'text'], ['actor_user_id', 'int'], ['actor_node_id', 'int'], ['from_status', 'text'],
  ['to_status', 'text'], ['from_node_id', 'int'], ['to_node_id', 'int'], ['note', 'text'], ['data', 'text', 'jsonb'], ['public', 'bool'],
];

/** Tables whose secondary indexes are rebuilt once after the load (one build beats row-by-row upkeep). */
const DEFERRED_INDEX_TABLES = ['case_file', 'case_event', 'case_party', 'notification', 'audit_log'];
/** Notifications are kept for the last two weeks of the period (older ones add rows, not information). */
const NOTIFICATION_DAYS = 14;

/** Writes the played cases; returns what was written. */
export async function writeCases(tx: Transaction<DB>, w: LoadedWorld, cases: SimCase[], now: Date) {
  const rng = new Rng(cases.length * 7 + 1);
  const deferred = await dropSecondaryIndexes(tx, DEFERRED_INDEX_TABLES);
  await insertRows(tx, 'app_user', [['id', 'bigint'], ['username', 'text'], ['password_hash', 'text'], ['display_name', 'text'], ['phone', 'text'], ['locale', 'text'], ['resident_id', 'bigint']], w.accountRows);
  await insertRows(tx, 'role_grant', [['id', 'bigint'], ['user_id', 'bigint'], ['role', 'text'], ['node_id', 'bigint']], w.grantRows);

  const cats = new Map(w.categories.map((c) => [c.id, c]));
  const caseRows = cases.map((c) => {
    const s = c.s;
    const k = s.clock;
    const last = c.events.reduce((m, e) => (e.at > m ? e.at : m), c.f.reportedAt);
    const cat = cats.get(c.f.categoryId)!;
    return [
      c.id, s.status, c.f.categoryId, c.f.description, c.f.address, c.f.lat, c.f.lng, c.f.grid.id, c.f.grid.path, c.f.source, c.f.urgent, c.f.reporterUserId, c.f.hideReporter,
      s.holder.id, s.holder.path, s.owner.id, s.handler?.id ?? null, s.stage, s.stageSeq, k?.startedAt ?? null, k?.warnAt ?? null, k?.yellowAt ?? null, k?.redAt ?? null,
      s.extensionDays, s.warned, s.card, c.nextSweep(), s.escalatedNodeId, s.acceptDueAt, s.dueAt, c.f.reportedAt, s.acceptedAt, s.dispatchedAt,
      s.handledAt, s.closedAt, s.ratedAt, s.resolved, s.satisfaction, s.ratingComment, s.reopenCount, s.reworkCount, s.extended, s.mergedIntoId,
      s.parkedReason, documentTokens(c.f.description, c.f.address, cat.nameZh, cat.nameEn, c.f.grid.nameZh), last,
    ];
  });
  await insertRows(tx, 'case_file', CASE_COLS, caseRows);

  // Events: ids in time order across the district, as a live system appends them.
  const events: EventRow[] = cases.flatMap((c) => c.events).sort((a, b) => a.at.getTime() - b.at.getTime() || a.caseId - b.caseId || a.seq - b.seq);
  let eventId = (await maxId(tx, 'case_event')) + 1;
  const eventRows = events.map((e) => [eventId++, e.caseId, e.at, e.action, e.actorUserId, e.actorNodeId, e.fromStatus, e.toStatus, e.fromNodeId, e.toNodeId, e.note, e.data, e.public]);
  await insertRows(tx, 'case_event', EVENT_COLS, eventRows);

  const parties = cases.flatMap((c) => [...c.parties.values()].map((p) => [c.id, p.nodeId, p.nodePath, p.kind, p.createdAt, p.readAt, p.readBy]));
  await insertRows(tx, 'case_party', [['case_id', 'bigint'], ['node_id', 'int'], ['node_path', 'text'], ['kind', 'text'], ['created_at', 'timestamptz'], ['read_at', 'timestamptz'], ['read_by', 'int']], parties);
  const followers = cases.flatMap((c) => [...c.followers].map(([u, f]) => [c.id, u, f.kind, f.at]));
  await insertRows(tx, 'case_follower', [['case_id', 'bigint'], ['user_id', 'int'], ['kind', 'text'], ['created_at', 'timestamptz']], followers);
  const extensions = cases.flatMap((c) => c.extensions).sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime());
  let extId = (await maxId(tx, 'case_extension')) + 1;
  await insertRows(
    tx,
    'case_extension',
    [['id', 'bigint'], ['case_id', 'bigint'], ['stage_seq', 'int'], ['node_id', 'int'], ['requested_by', 'int'], ['days', 'int'], ['reason', 'text'], ['status', 'text'], ['approved_days', 'int'], ['decided_by', 'int'], ['decided_at', 'timestamptz'], ['decision_note', 'text'], ['created_at', 'timestamptz']],
    extensions.map((x) => [extId++, x.caseId, x.stageSeq, x.nodeId, x.requestedBy, x.days, x.reason, x.status, x.approvedDays, x.decidedBy, x.decidedAt, x.decisionNote, x.createdAt]),
  );

  // Cards and the points they cost, in the order the sweep raised them.
  const cards = cases.flatMap((c) => c.cards).sort((a, b) => a.raisedAt.getTime() - b.raisedAt.getTime() || a.key - b.key);
  let cardId = (await maxId(tx, 'case_card')) + 1;
  const cardRows = cards.map((k) => [cardId++, k.caseId, k.stageSeq, k.stage, k.nodeId, k.color, k.points, k.raisedAt]);
  await insertRows(tx, 'case_card', [['id', 'bigint'], ['case_id', 'bigint'], ['stage_seq', 'int'], ['stage', 'text'], ['node_id', 'int'], ['color', 'text'], ['points', 'int'], ['raised_at', 'timestamptz']], cardRows);
  await insertRows(
    tx,
    'node_score_entry',
    [['node_id', 'int'], ['points', 'int'], ['reason', 'text'], ['case_id', 'bigint'], ['card_id', 'bigint'], ['at', 'timestamptz']],
    cardRows.map((k) => [k[4], -(k[6] as number), `card.${k[5]}`, k[1], k[0], k[7]]),
  );

  const notes = notifications(w, cases, now, rng);
  await insertRows(
    tx,
    'notification',
    [['user_id', 'int'], ['kind', 'text'], ['link', 'text'], ['entity', 'text'], ['entity_id', 'text'], ['title_zh', 'text'], ['body_zh', 'text'], ['title_en', 'text'], ['body_en', 'text'], ['read_at', 'timestamptz'], ['created_at', 'timestamptz']],
    notes,
  );
  const audits = cases.flatMap((c) => c.audits.map((a) => ({ ...a, caseId: c.id }))).sort((a, b) => a.at.getTime() - b.at.getTime());
  await insertRows(
    tx,
    'audit_log',
    [['at', 'timestamptz'], ['actor_id', 'bigint'], ['action', 'text'], ['entity', 'text'], ['entity_id', 'text'], ['node_id', 'bigint'], ['detail', 'text', 'jsonb']],
    audits.map((a) => [a.at, a.actorId, a.action, 'case', String(a.caseId), a.nodeId, a.detail]),
  );
  await createIndexes(tx, deferred);
  for (const t of ['app_user', 'role_grant', 'case_file', 'case_event', 'case_extension', 'case_card', 'node_score_entry']) await setSequence(tx, t);
  await audit(tx, { actor: null, ip: null }, { action: 'demo.seed_cases', entity: 'system', detail: { cases: cases.length, events: events.length, now: now.toISOString() } });
  return {
    events: events.length,
    cards: cards.length,
    escalations: events.filter((e) => e.action === 'escalate').length,
    extensions: extensions.length,
    followers: followers.length,
    notifications: notes.length,
  };
}

/** The notifications the moves and the sweep sent; those older than two days mostly read. */
function notifications(w: LoadedWorld, cases: SimCase[], now: Date, rng: Rng): unknown[][] {
  const out: { at: Date; row: unknown[] }[] = [];
  const cats = new Map(w.categories.map((c) => [c.id, c]));
  const readAt = (at: Date) => (now.getTime() - at.getTime() > 48 * HOUR && rng.chance(0.85) ? new Date(at.getTime() + rng.range(0.2, 30) * HOUR) : null);
  const since = now.getTime() - NOTIFICATION_DAYS * 24 * HOUR;
  const push = (user: number, kind: string, c: SimCase, at: Date, t: { zh: { title: string; body: string }; en: { title: string; body: string } }) => {
    if (at.getTime() < since) return;
    const r = readAt(at);
    out.push({ at, row: [user, kind, `/cases/${c.id}`, 'case', String(c.id), clip(t.zh.title, 200), clip(t.zh.body, 2000), clip(t.en.title, 200), clip(t.en.body, 2000), r && r < now ? r : null, at] });
  };
  for (const c of cases) {
    const cat = cats.get(c.f.categoryId)!;
    const ref: CaseRef = { id: c.id, categoryZh: cat.nameZh, categoryEn: cat.nameEn };
    for (const e of c.events) {
      for (const [nodeId, kind, perm] of e.tell) for (const u of w.story.usersHolding(nodeId, perm)) push(u, `case.${kind}`, c, e.at, staffText(kind, ref, e.note));
      if (e.publicKey) {
        const t = publicText(e.publicKey, ref, e.note);
        if (!t) continue;
        for (const [u, f] of c.followers) if (f.at.getTime() <= e.at.getTime() && u !== e.actorUserId) push(u, `case.public.${e.publicKey}`, c, e.at, t);
      }
    }
    for (const [nodeId, kind, at, perm] of c.sweepTells) {
      for (const u of w.story.usersHolding(nodeId, perm)) {
        if (kind === 'escalate') {
          push(u, 'case.escalate', c, at, { zh: { title: '下级有 1 件事件红牌超时，请督办', body: `#${c.id}` }, en: { title: '1 case(s) below you are red-carded; please supervise', body: `#${c.id}` } });
        } else {
          const zh = kind === 'red' ? '1 件亮红牌' : kind === 'yellow' ? '1 件亮黄牌' : '1 件即将超时';
          const en = kind === 'red' ? '1 red-carded' : kind === 'yellow' ? '1 yellow-carded' : '1 about to be overdue';
          push(u, 'case.deadline', c, at, { zh: { title: `事件时限提醒：${zh}`, body: `事件编号：#${c.id}` }, en: { title: `Deadlines: ${en}`, body: `Cases: #${c.id}` } });
        }
      }
    }
  }
  return out.sort((a, b) => a.at.getTime() - b.at.getTime()).map((o) => o.row);
}

const clip = (s: string, max: number) => (s.length > max ? s.slice(0, max - 1) + '…' : s);
