/** The caller's recent residents imports with their outcome and report links (remount to reload). */
import { Card, Flex, Tag, Typography } from 'antd';
import { qs, withLang } from '../../lib/api.js';
import { useFetch } from '../../lib/use-fetch.js';
import { useI18n } from '../../lib/i18n.js';
import { dateTime } from '../../lib/format.js';
import { DataList } from '../../ui/DataList.js';
import { ErrorState } from '../../ui/ErrorState.js';
import { useQueryState } from '../../ui/use-query-state.js';
import type { ImportJob } from './types.js';
import { m } from './messages.js';

const DEFAULTS = { page: '1', pageSize: '10' };

/** The recent-imports card. */
export function RecentImports() {
  const { t, lang, pick } = useI18n();
  const [query, setQuery] = useQueryState(DEFAULTS);
  const { data, error, loading, reload } = useFetch<{ items: ImportJob[]; total: number }>(`/imports${qs(query)}`);
  const status = (j: ImportJob) =>
    j.status === 'completed' ? <Tag color="green">{t(m.statusCompleted)}</Tag> : <Tag color="red">{t(m.statusRejected)}</Tag>;
  const result = (j: ImportJob) =>
    j.status === 'completed' ? t(m.resultCompleted, { residents: j.residents, households: j.households }) : t(m.resultRejected, { n: j.errorCount });
  const reports = (j: ImportJob) =>
    j.status === 'rejected' ? (
      <Flex gap={8}>
        <a href={withLang(`/api/imports/${j.id}/report?format=xlsx`, lang)} download>
          XLSX
        </a>
        <a href={withLang(`/api/imports/${j.id}/report?format=csv`, lang)} download>
          CSV
        </a>
      </Flex>
    ) : null;
  return (
    <Card title={t(m.recent)} size="small">
      {error ? (
        <ErrorState error={error} onRetry={reload} />
      ) : (
        <DataList<ImportJob>
          testId="imports-recent"
          data={data?.items ?? []}
          loading={loading}
          rowKey={(j) => j.id}
          paging={{ page: Number(query.page), pageSize: Number(query.pageSize), total: data?.total ?? 0, onChange: (p, s) => setQuery({ page: String(p), pageSize: String(s) }) }}
          columns={[
            { title: t(m.file), dataIndex: 'filename' },
            { title: t(m.scope), key: 'node', render: (_v, j) => pick(j.node.nameZh, j.node.nameEn) },
            { title: t(m.result), key: 'status', render: (_v, j) => <Flex gap={4} align="center">{status(j)}{result(j)}</Flex> },
            { title: t(m.by), key: 'by', render: (_v, j) => j.createdBy?.displayName ?? '—' },
            { title: t(m.report), key: 'report', render: (_v, j) => reports(j) },
            { title: t(m.time_), dataIndex: 'createdAt', render: (v: string) => dateTime(v) },
          ]}
          renderCard={(j) => (
            <Flex vertical gap={4}>
              <Flex justify="space-between" gap={8}>
                <Typography.Text strong ellipsis>
                  {j.filename}
                </Typography.Text>
                {status(j)}
              </Flex>
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {result(j)} · {dateTime(j.createdAt)}
              </Typography.Text>
              {reports(j)}
            </Flex>
          )}
        />
      )}
    </Card>
  );
}
