/** The deadline limits of a category: stage × handler kind, yellow/red, own values editable, inherited ones grey. */
import { Flex, InputNumber, Switch, Table, Typography } from 'antd';
import { HANDLER_KINDS, LIMIT_MAX, LIMIT_MIN, LIMIT_STEP, STAGES, type HandlerKind, type LimitsOverride, type Stage } from '../../../common/deadline-limits.js';
import { useI18n, type Msg } from '../../lib/i18n.js';
import { useIsPhone } from '../../ui/use-phone.js';
import { m } from './messages.js';
import type { ResolvedLimits } from './types.js';

export interface LimitCell {
  on: boolean;
  yellow: number | null;
  red: number | null;
}
export type LimitDraft = Record<HandlerKind, Record<Stage, LimitCell>>;

export const KIND_LABEL: Record<HandlerKind, Msg> = { admin: m.kindAdmin, department: m.kindDepartment };
export const STAGE_LABEL: Record<Stage, Msg> = { accept: m.stageAccept, handle: m.stageHandle, verify: m.stageVerify };

/** The editable draft of a category's own limits (absent pairs start from the inherited values). */
export function draftFrom(own: LimitsOverride | null, inherited: ResolvedLimits): LimitDraft {
  const cell = (k: HandlerKind, s: Stage): LimitCell => {
    const l = own?.[k]?.[s];
    return l ? { on: true, yellow: l.yellow, red: l.red } : { on: false, yellow: inherited[k][s].yellow, red: inherited[k][s].red };
  };
  const of = (k: HandlerKind) => Object.fromEntries(STAGES.map((s) => [s, cell(k, s)])) as Record<Stage, LimitCell>;
  return { admin: of('admin'), department: of('department') };
}

/** The overrides to send: only the pairs switched on; null when none. */
export function draftToLimits(d: LimitDraft): LimitsOverride | null {
  const out: LimitsOverride = {};
  for (const k of HANDLER_KINDS) {
    for (const s of STAGES) {
      const c = d[k][s];
      if (c.on) (out[k] ??= {})[s] = { yellow: c.yellow ?? 0, red: c.red ?? 0 };
    }
  }
  return Object.keys(out).length ? out : null;
}

/** A pair switched on with yellow after red (checked before saving; the server checks everything). */
export function draftProblem(d: LimitDraft): string | null {
  for (const k of HANDLER_KINDS) for (const s of STAGES) {
    const c = d[k][s];
    if (c.on && (c.yellow == null || c.red == null || c.yellow > c.red)) return `${k}.${s}`;
  }
  return null;
}

interface RowData {
  key: string;
  kind: HandlerKind;
  stage: Stage;
}

/** The table; `sourceName` names the category an inherited value comes from (null: system default). */
export function LimitsTable({
  draft,
  inherited,
  onChange,
  sourceName,
  errorKey,
}: {
  draft: LimitDraft;
  inherited: ResolvedLimits;
  onChange(next: LimitDraft): void;
  sourceName(id: number | null): string | null;
  errorKey?: string | null;
}) {
  const { t } = useI18n();
  const phone = useIsPhone();
  const set = (k: HandlerKind, s: Stage, patch: Partial<LimitCell>) => onChange({ ...draft, [k]: { ...draft[k], [s]: { ...draft[k][s], ...patch } } });
  const grey = { color: 'rgba(0,0,0,0.4)' };

  const value = (r: RowData, which: 'yellow' | 'red') => {
    const c = draft[r.kind][r.stage];
    if (!c.on) return <span style={grey}>{t(m.days, { n: inherited[r.kind][r.stage][which] })}</span>;
    const bad = errorKey === r.key || (c.yellow != null && c.red != null && c.yellow > c.red);
    return (
      <InputNumber
        size={phone ? 'small' : 'middle'}
        min={LIMIT_MIN}
        max={LIMIT_MAX}
        step={LIMIT_STEP}
        value={c[which]}
        status={bad ? 'error' : undefined}
        onChange={(v) => set(r.kind, r.stage, { [which]: v })}
        formatter={(v) => (v === undefined || v === null ? '' : String(v).replace(/\.0$/, ''))}
        style={{ width: phone ? 68 : 96 }}
        data-testid={`limit-${r.key.replace('.', '-')}-${which}`}
      />
    );
  };

  const table = (kind: HandlerKind) => (
    <Table<RowData>
      key={kind}
      size="small"
      pagination={false}
      dataSource={STAGES.map((stage) => ({ key: `${kind}.${stage}`, kind, stage }))}
      data-testid={`limits-table-${kind}`}
      title={() => <strong>{t(KIND_LABEL[kind])}</strong>}
      columns={[
        {
          title: t(m.stage),
          key: 'what',
          render: (_, r) => {
            const c = draft[r.kind][r.stage];
            const name = sourceName(inherited[r.kind][r.stage].source);
            const bad = c.on && c.yellow != null && c.red != null && c.yellow > c.red;
            return (
              <div>
                <div>{t(STAGE_LABEL[r.stage])}</div>
                <Typography.Text type={bad || errorKey === r.key ? 'danger' : 'secondary'} style={{ fontSize: 12 }}>
                  {bad ? t(m.yellowAfterRed) : c.on ? t(m.own) : name ? t(m.inheritedFrom, { name }) : t(m.systemDefault)}
                </Typography.Text>
              </div>
            );
          },
        },
        {
          title: t(m.override),
          key: 'on',
          width: phone ? 64 : 110,
          render: (_, r) => (
            <Switch
              size="small"
              checked={draft[r.kind][r.stage].on}
              onChange={(on) => set(r.kind, r.stage, on ? { on, yellow: inherited[r.kind][r.stage].yellow, red: inherited[r.kind][r.stage].red } : { on })}
              data-testid={`limit-${r.key.replace('.', '-')}-override`}
            />
          ),
        },
        { title: <span style={{ color: '#d4a106' }}>{t(m.yellow)}</span>, key: 'yellow', width: phone ? 80 : 130, render: (_, r) => value(r, 'yellow') },
        { title: <span style={{ color: '#cf1322' }}>{t(m.red)}</span>, key: 'red', width: phone ? 80 : 130, render: (_, r) => value(r, 'red') },
      ]}
    />
  );
  return (
    <Flex vertical gap={12} data-testid="limits-table">
      {HANDLER_KINDS.map(table)}
    </Flex>
  );
}
