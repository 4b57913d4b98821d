/**
 * The deadline sweep. Every open case carries `next_sweep_at`, the next threshold of its current stage
 * clock still to act on (early warning, yellow, red). The sweep claims due cases in batches with
 * `FOR UPDATE SKIP LOCKED` (several processes may sweep at once; each case is taken by one), raises cards
 * set-wise — cards only go up, and `unique (case_id, stage_seq, color)` makes a repeated raise impossible —
 * deducts points from the holding node, escalates red cases to the holder's superior, and tells the staff
 * of each node once per batch.
 */
import { sql, type Kysely, type Transaction } from 'kysely';
import type { DB } from '../../platform/db/schema.js';
import { notify, usersHolding, publishChange, emitWebhookEvent } from '../notifications/index.js';
import { holderPermission } from './case.policy.js';
import * as repo from './case.repository.js';

/** Points deducted per card (DOMAIN-RULES §2 defaults; settings `cases.points.yellow` / `.red`). */
export const DEFAULT_CARD_POINTS = { yellow: 5, red: 10 } as const;

export interface SweepResult {
  warned: number;
  yellow: number;
  red: number;
  escalated: number;
  batches: number;
}

async function cardPoints(db: Kysely<DB> | Transaction<DB>): Promise<{ yellow: number; red: number }> {
  const rows = await db.selectFrom('setting').select(['key', 'value']).where('key', 'in', ['cases.points.yellow', 'cases.points.red']).execute();
  const get = (k: string, d: number) => {
    const v = rows.find((r) => r.key === k)?.value;
    return typeof v === 'number' && Number.isFinite(v) && v >= 0 ? Math.round(v) : d;
  };
  return { yellow: get('cases.points.yellow', DEFAULT_CARD_POINTS.yellow), red: get('cases.points.red', DEFAULT_CARD_POINTS.red) };
}

interface Swept {
  id: number;
  old_card: string;
  card: string;
  old_warned: boolean;
  warned: boolean;
  holder_node_id: number;
  holder_path: string;
  stage: string;
  stage_seq: number;
  escalated_node_id: number | null;
  old_escalated: number | null;
}

/** One batch in one transaction; returns what it did. */
async function sweepBatch(db: Kysely<DB>, now: Date, batchSize: number, points: { yellow: number; red: number }) {
  return db.transaction().execute(async (tx) => {
    const { rows } = await sql<Swept>`
      with due as (
        select c.id, c.card as old_card, c.warned as old_warned, c.escalated_node_id as old_escalated
        from case_file c
        where c.next_sweep_at <= ${now}
        order by c.next_sweep_at
        limit ${batchSize}
        for update skip locked
      )
      update case_file c set
        card = case when c.stage_red_at <= ${now} then 'red'
                    when c.stage_yellow_at <= ${now} and c.card = 'none' then 'yellow'
                    else c.card end,
        warned = c.warned or c.stage_warn_at <= ${now},
        next_sweep_at = case when c.stage_red_at <= ${now} then null
                             when c.stage_yellow_at <= ${now} then c.stage_red_at
                             else c.stage_yellow_at end,
        escalated_node_id = case when c.stage_red_at <= ${now} and c.card <> 'red'
                                 then coalesce((select p.id from org_node h join org_node p on p.id = h.parent_id and p.tree = 'admin' where h.id = c.holder_node_id), c.escalated_node_id)
                                 else c.escalated_node_id end,
        updated_at = now()
      from due d
      where c.id = d.id
      returning c.id, d.old_card, c.card, d.old_warned, c.warned, c.holder_node_id, c.holder_path, c.stage, c.stage_seq, c.escalated_node_id, d.old_escalated`.execute(tx);
    if (rows.length === 0) return { rows, claimed: 0 };

    const raised: { row: Swept; color: 'yellow' | 'red' }[] = [];
    for (const r of rows) if (r.card !== r.old_card && (r.card === 'yellow' || r.card === 'red')) raised.push({ row: r, color: r.card });
    if (raised.length > 0) {
      const cards = await tx
        .insertInto('case_card')
        .values(raised.map(({ row, color }) => ({ case_id: row.id, stage_seq: row.stage_seq, stage: row.stage as 'accept', node_id: row.holder_node_id, color, points: points[color], raised_at: now })))
        .onConflict((oc) => oc.columns(['case_id', 'stage_seq', 'color']).doNothing())
        .returning(['id', 'case_id', 'node_id', 'points', 'color'])
        .execute();
      if (cards.length > 0) {
        await tx
          .insertInto('node_score_entry')
          .values(cards.map((k) => ({ node_id: k.node_id, points: -k.points, reason: `card.${k.color}`, case_id: k.case_id, card_id: k.id, at: now })))
          .execute();
        await tx
          .insertInto('case_event')
          .values(cards.map((k) => ({ case_id: k.case_id, action: `card_${k.color}`, actor_user_id: null, actor_node_id: null, to_node_id: k.node_id, data: JSON.stringify({ points: k.points }), at: now })))
          .execute();
      }
    }
    const escalations = rows.filter((r) => r.escalated_node_id && r.escalated_node_id !== r.old_escalated);
    if (escalations.length > 0) {
      const targets = new Map((await repo.nodesBrief(tx, escalations.map((r) => r.escalated_node_id!))).map((n) => [n.id, n]));
      await tx
        .insertInto('case_party')
        .values(escalations.map((r) => ({ case_id: r.id, node_id: r.escalated_node_id!, node_path: targets.get(r.escalated_node_id!)!.path, kind: 'escalated' as const })))
        .onConflict((oc) => oc.columns(['case_id', 'node_id', 'kind']).doNothing())
        .execute();
      await tx
        .insertInto('case_event')
        .values(escalations.map((r) => ({ case_id: r.id, action: 'escalate', actor_user_id: null, actor_node_id: null, from_node_id: r.holder_node_id, to_node_id: r.escalated_node_id, data: '{}', public: true, at: now })))
        .execute();
    }
    await tellNodes(tx, rows, escalations);
    return { rows, claimed: rows.length, raised, escalations };
  });
}

/** One summary notification per node and kind for the batch (not one per case). */
async function tellNodes(tx: Transaction<DB>, rows: Swept[], escalations: Swept[]) {
  const byNode = new Map<number, { path: string; warn: number; yellow: number; red: number; ids: number[] }>();
  for (const r of rows) {
    const kind = r.card !== r.old_card ? r.card : !r.old_warned && r.warned ? 'warn' : null;
    if (kind !== 'warn' && kind !== 'yellow' && kind !== 'red') continue;
    const e = byNode.get(r.holder_node_id) ?? { path: r.holder_path, warn: 0, yellow: 0, red: 0, ids: [] };
    e[kind]++;
    e.ids.push(r.id);
    byNode.set(r.holder_node_id, e);
  }
  const nodes = new Map((await repo.nodesBrief(tx, [...byNode.keys(), ...escalations.map((r) => r.escalated_node_id!)])).map((n) => [n.id, n]));
  for (const [nodeId, e] of byNode) {
    const n = nodes.get(nodeId);
    if (!n) continue;
    const users = await usersHolding(tx, nodeId, holderPermission(n.type));
    if (users.length > 0) {
      const zh = [e.red && `${e.red} 件亮红牌`, e.yellow && `${e.yellow} 件亮黄牌`, e.warn && `${e.warn} 件即将超时`].filter(Boolean).join('，');
      const en = [e.red && `${e.red} red-carded`, e.yellow && `${e.yellow} yellow-carded`, e.warn && `${e.warn} about to be overdue`].filter(Boolean).join(', ');
      const link = e.ids.length === 1 ? `/cases/${e.ids[0]}` : '/cases?view=inbox&sort=deadline';
      await notify(tx, { userIds: users, kind: 'case.deadline', link, entity: 'case', entityId: e.ids[0]!, zh: { title: `事件时限提醒：${zh}`, body: `事件编号：${e.ids.slice(0, 20).map((i) => '#' + i).join(' ')}` }, en: { title: `Deadlines: ${en}`, body: `Cases: ${e.ids.slice(0, 20).map((i) => '#' + i).join(' ')}` } });
    }
    await publishChange(tx, { entity: 'case', id: e.ids[0]!, nodePaths: [e.path] });
  }
  const byTarget = new Map<number, number[]>();
  for (const r of escalations) byTarget.set(r.escalated_node_id!, [...(byTarget.get(r.escalated_node_id!) ?? []), r.id]);
  for (const [nodeId, ids] of byTarget) {
    const n = nodes.get(nodeId);
    if (!n) continue;
    const users = await usersHolding(tx, nodeId, 'case.dispatch');
    if (users.length > 0) {
      await notify(tx, { userIds: users, kind: 'case.escalate', link: ids.length === 1 ? `/cases/${ids[0]}` : '/cases?view=below&card=red', entity: 'case', entityId: ids[0]!, zh: { title: `下级有 ${ids.length} 件事件红牌超时，请督办`, body: ids.slice(0, 20).map((i) => '#' + i).join(' ') }, en: { title: `${ids.length} case(s) below you are red-carded; please supervise`, body: ids.slice(0, 20).map((i) => '#' + i).join(' ') } });
    }
  }
  if (rows.some((r) => r.card !== r.old_card)) {
    const carded = rows.filter((r) => r.card !== r.old_card);
    await emitWebhookEvent(tx, 'case.cards', { cases: carded.map((r) => ({ caseId: r.id, card: r.card, nodeId: r.holder_node_id })) }, { nodePaths: [...new Set(carded.map((r) => r.holder_path))] });
  }
}

/** Sweeps every due case (batch after batch) and reports the counts. Safe to run in several processes. */
export async function sweepDeadlines(db: Kysely<DB>, opts: { now?: Date; batchSize?: number } = {}): Promise<SweepResult> {
  const now = opts.now ?? new Date();
  const batchSize = opts.batchSize ?? 5000;
  const points = await cardPoints(db);
  const out: SweepResult = { warned: 0, yellow: 0, red: 0, escalated: 0, batches: 0 };
  for (;;) {
    const b = await sweepBatch(db, now, batchSize, points);
    if (b.claimed === 0) break;
    out.batches++;
    for (const r of b.rows) {
      if (!r.old_warned && r.warned && r.card === r.old_card) out.warned++;
      if (r.card !== r.old_card && r.card === 'yellow') out.yellow++;
      if (r.card !== r.old_card && r.card === 'red') out.red++;
    }
    out.escalated += b.escalations?.length ?? 0;
    if (b.claimed < batchSize) break;
  }
  return out;
}
