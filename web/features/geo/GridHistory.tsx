/** A grid's boundary history: changes (import, split, merge) and the grids it came from or became. */
import { Empty, Flex, Tag, Timeline, Typography } from 'antd';
import { Link } from 'react-router';
import { useFetch } from '../../lib/use-fetch.js';
import { useI18n, type Msg } from '../../lib/i18n.js';
import { dateTime } from '../../lib/format.js';
import { ErrorState } from '../../ui/ErrorState.js';
import { Loading } from '../../ui/Loading.js';
import { m } from './messages.js';

interface Related {
  id: number;
  code: string;
  nameZh: string;
  nameEn: string;
  active: boolean;
  depth: number;
  changeKind: string;
  changedAt: string;
}
interface History {
  changes: { id: number; kind: string; action?: string; note: string | null; createdAt: string; createdBy: { id: number; displayName: string } | null }[];
  predecessors: Related[];
  successors: Related[];
}

const KINDS: Record<string, Msg> = { import: m.changeImport, split: m.changeSplit, merge: m.changeMerge, reshape: m.changeReshape };
const ACTIONS: Record<string, Msg> = { created: m.actionCreated, retired: m.actionRetired, reshaped: m.actionReshaped };

/** The history tab of the grid page. */
export function GridHistory({ gridId }: { gridId: number }) {
  const { t, pick } = useI18n();
  const { data, error, reload } = useFetch<History>(`/geo/grids/${gridId}/history`);
  if (error) return <ErrorState error={error} onRetry={reload} />;
  if (!data) return <Loading height={120} />;
  const kind = (k: string) => (KINDS[k] ? t(KINDS[k]) : k);
  const related = (title: string, rows: Related[], testId: string) =>
    rows.length > 0 && (
      <div data-testid={testId}>
        <Typography.Text strong>{title}</Typography.Text>
        <Flex wrap gap={4} style={{ marginTop: 4 }}>
          {rows.map((r) => (
            <Link key={`${r.id}-${r.depth}`} to={`/grids/${r.id}`}>
              <Tag color={r.active ? 'blue' : 'default'}>
                {pick(r.nameZh, r.nameEn)} · {r.code} {!r.active && `(${t(m.retired)})`}
              </Tag>
            </Link>
          ))}
        </Flex>
      </div>
    );
  if (data.changes.length === 0 && data.predecessors.length === 0 && data.successors.length === 0) {
    return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t(m.noHistory)} />;
  }
  return (
    <Flex vertical gap={16} data-testid="grid-history">
      {related(t(m.cameFrom), data.predecessors, 'grid-predecessors')}
      {related(t(m.becameTo), data.successors, 'grid-successors')}
      {data.changes.length > 0 && (
        <Timeline
          items={data.changes.map((c) => ({
            key: c.id,
            content: (
              <div>
                <b>{kind(c.kind)}</b>{c.action && ACTIONS[c.action] ? ` · ${t(ACTIONS[c.action]!)}` : ''} <Typography.Text type="secondary">{dateTime(c.createdAt)}{c.createdBy ? ` · ${c.createdBy.displayName}` : ''}</Typography.Text>
                {c.note && <div>{c.note}</div>}
              </div>
            ),
          }))}
        />
      )}
    </Flex>
  );
}
