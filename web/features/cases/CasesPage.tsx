/**
 * 事件 / Cases: the staff's work list. Tabs for the inbox (held by one's own units), the cases below (held
 * by subordinate units and departments) and everything in scope; filters in the URL; a table on a desktop,
 * cards on a phone, or a map; live refresh when a case changes; CSV / Excel export of the current filter.
 */
import { useEffect, useState } from 'react';
import { Badge, Button, Card, Dropdown, Flex, Segmented, Tabs, Typography } from 'antd';
import { DownloadOutlined, EnvironmentOutlined, UnorderedListOutlined } from '@ant-design/icons';
import { Link, useNavigate } from 'react-router';
import { qs, withLang } from '../../lib/api.js';
import { useAuth } from '../../lib/auth.js';
import { useFetch } from '../../lib/use-fetch.js';
import { useI18n } from '../../lib/i18n.js';
import { dateTime } from '../../lib/format.js';
import { common } from '../../lib/messages.js';
import { DataList } from '../../ui/DataList.js';
import { ErrorState } from '../../ui/ErrorState.js';
import { PageHeader } from '../../ui/PageHeader.js';
import { useIsPhone } from '../../ui/use-phone.js';
import { useQueryState } from '../../ui/use-query-state.js';
import { CaseFilters, filterParams, LIST_DEFAULTS } from './CaseFilters.js';
import { CasesMap } from './CasesMap.js';
import { CardTag, CaseFlags, DeadlineTag, StatusTag } from './CaseTags.js';
import { useCaseChanges } from './live.js';
import { m } from './messages.js';
import type { CaseList, CaseListItem } from './types.js';

const MAP_PAGE = 200;
const CENTRE_TYPES = ['city', 'district', 'street', 'community'];

/** The deadline cell: a countdown for open cases with a clock. */
function Deadline({ c }: { c: CaseListItem }) {
  if (c.publicStatus === 'closed' || !c.yellowAt) return <span style={{ color: '#bbb' }}>—</span>;
  return <DeadlineTag d={{ card: c.card, yellowAt: c.yellowAt, redAt: c.redAt }} testId={`case-deadline-${c.id}`} />;
}

/** The list page. */
export function CasesPage() {
  const { t, pick } = useI18n();
  const { can, me } = useAuth();
  // Grids and departments have nobody below them: no "below me" tab.
  const hasBelow = !!me?.grants.some((g) => CENTRE_TYPES.includes(g.nodeType) && g.permissions.includes('case.read'));
  const phone = useIsPhone();
  const navigate = useNavigate();
  const [query, setQuery] = useQueryState(LIST_DEFAULTS);
  const mapMode = query.mode === 'map';
  const params = filterParams(query);
  const path = `/cases${qs({ ...params, page: mapMode ? 1 : query.page, pageSize: mapMode ? MAP_PAGE : query.pageSize })}`;
  const { data, error, loading, reload } = useFetch<CaseList>(path);

  // A live refresh keeps the rows on screen (no spinner); the filters stay as they are (they live in the URL).
  const [silent, setSilent] = useState(false);
  useCaseChanges(() => {
    setSilent(true);
    reload();
  });
  useEffect(() => {
    if (!loading) setSilent(false);
  }, [loading]);

  const open = (id: number) => navigate(`/cases/${id}`);
  const name = (n: { nameZh: string; nameEn: string } | null) => (n ? pick(n.nameZh, n.nameEn) : '—');
  const exportHref = (format: 'csv' | 'xlsx') => withLang(`/api/cases/export${qs({ ...params, format })}`);
  const hint = { inbox: m.inboxHint, below: m.belowHint, all: m.allHint }[query.view as 'inbox' | 'below' | 'all'] ?? m.allHint;

  const tabs = (
    <Tabs
      activeKey={query.view}
      onChange={(v) => setQuery({ view: v })}
      items={[
        { key: 'inbox', label: <span data-testid="cases-tab-inbox">{t(m.inbox)}</span> },
        ...(hasBelow ? [{ key: 'below', label: <span data-testid="cases-tab-below">{t(m.below)}</span> }] : []),
        { key: 'all', label: <span data-testid="cases-tab-all">{t(m.all)}</span> },
      ]}
      style={{ marginBottom: 0 }}
    />
  );

  const toolbar = (
    <Flex gap={8} align="center" wrap>
      <Segmented
        value={query.mode}
        onChange={(v) => setQuery({ mode: String(v), page: '1' })}
        options={[
          { value: 'list', label: phone ? undefined : t(m.listView), icon: <UnorderedListOutlined />, title: t(m.listView) },
          { value: 'map', label: phone ? undefined : t(m.mapView), icon: <EnvironmentOutlined />, title: t(m.mapView) },
        ]}
        data-testid="cases-mode"
      />
      <Dropdown
        trigger={['click']}
        menu={{
          items: [
            { key: 'xlsx', label: <a href={exportHref('xlsx')} download data-testid="cases-export-xlsx">{t(m.exportXlsx)}</a> },
            { key: 'csv', label: <a href={exportHref('csv')} download data-testid="cases-export-csv">{t(m.exportCsv)}</a> },
          ],
        }}
      >
        <Button icon={<DownloadOutlined />} data-testid="cases-export">
          {phone ? undefined : t(m.export)}
        </Button>
      </Dropdown>
    </Flex>
  );

  const list = (
    <DataList<CaseListItem>
      testId="cases-list"
      data={data?.items ?? []}
      loading={loading && !silent}
      rowKey={(c) => c.id}
      onOpen={(c) => open(c.id)}
      emptyText={query.view === 'inbox' ? t(m.emptyInbox) : t(m.emptyList)}
      paging={{ page: Number(query.page), pageSize: Number(query.pageSize), total: data?.total ?? 0, onChange: (p, s) => setQuery({ page: String(p), pageSize: String(s) }) }}
      columns={[
        {
          title: t(m.colId),
          key: 'id',
          render: (_v, c) => (
            <Link to={`/cases/${c.id}`} onClick={(e) => e.stopPropagation()} data-testid={`case-link-${c.id}`}>
              #{c.id}
            </Link>
          ),
        },
        {
          title: t(m.colCategory),
          key: 'category',
          render: (_v, c) => (
            <Typography.Text ellipsis={{ tooltip: name(c.category) }} style={{ maxWidth: 130 }}>
              {name(c.category)}
            </Typography.Text>
          ),
        },
        {
          title: t(m.colDescription),
          key: 'description',
          render: (_v, c) => (
            <Flex vertical gap={2} style={{ maxWidth: 280 }}>
              <Typography.Text ellipsis={{ tooltip: c.description }} style={{ maxWidth: 280 }}>
                {c.description}
              </Typography.Text>
              <Typography.Text type="secondary" ellipsis style={{ fontSize: 12, maxWidth: 280 }}>
                {[name(c.grid), c.address].filter(Boolean).join(' · ')}
              </Typography.Text>
            </Flex>
          ),
        },
        { title: t(m.colHolder), key: 'holder', render: (_v, c) => <span style={{ whiteSpace: 'nowrap' }}>{name(c.holder)}</span> },
        {
          title: t(m.colStatus),
          key: 'status',
          render: (_v, c) => (
            <Flex gap={4} wrap style={{ maxWidth: 180 }}>
              <StatusTag status={c.status} testId={`case-status-${c.id}`} />
              <CardTag card={c.card} />
              <CaseFlags c={c} />
            </Flex>
          ),
        },
        { title: t(m.colDeadline), key: 'deadline', render: (_v, c) => <Deadline c={c} /> },
        {
          title: t(m.colReported),
          key: 'reportedAt',
          render: (_v, c) => {
            const [day, time] = dateTime(c.reportedAt).split(' ');
            return (
              <span style={{ whiteSpace: 'nowrap', fontSize: 13 }}>
                {day}
                <br />
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {time}
                </Typography.Text>
              </span>
            );
          },
        },
      ]}
      renderCard={(c) => (
        <Flex vertical gap={6} data-testid={`case-card-${c.id}`}>
          <Flex justify="space-between" align="center" gap={8}>
            <Typography.Text strong ellipsis>
              #{c.id} · {name(c.category)}
            </Typography.Text>
            <StatusTag status={c.status} testId={`case-status-${c.id}`} />
          </Flex>
          <Typography.Paragraph style={{ margin: 0 }} ellipsis={{ rows: 2 }}>
            {c.description}
          </Typography.Paragraph>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {name(c.grid)} · {t(common.labelled, { label: t(m.colHolder), value: name(c.holder) })}
          </Typography.Text>
          <Flex justify="space-between" align="center" gap={6} wrap>
            <Flex gap={4} wrap>
              <Deadline c={c} />
              <CardTag card={c.card} />
              <CaseFlags c={c} />
            </Flex>
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {dateTime(c.reportedAt)}
            </Typography.Text>
          </Flex>
        </Flex>
      )}
    />
  );

  return (
    <div>
      <PageHeader
        title={
          <Flex align="center" gap={10}>
            {t(m.title)}
            <Badge status="processing" text={<span style={{ fontSize: 12, color: '#888', fontWeight: 400 }}>{t(m.live)}</span>} />
          </Flex>
        }
        documentTitle={t(m.title)}
        subtitle={phone ? undefined : t(m.subtitle)}
        extra={toolbar}
        testId="cases-page"
      />
      <Card size="small" styles={{ body: { paddingTop: 0 } }}>
        {tabs}
        <Typography.Paragraph type="secondary" style={{ fontSize: 12, margin: '0 0 8px' }}>
          {t(hint)}
        </Typography.Paragraph>
        <CaseFilters query={query} onChange={setQuery} />
        <div style={{ marginTop: 12 }}>
          {error ? (
            <ErrorState error={error} onRetry={reload} />
          ) : mapMode ? (
            <Flex vertical gap={6}>
              {data && data.total > data.items.length && (
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {t(m.mapLimit, { n: data.items.length, total: data.total })}
                </Typography.Text>
              )}
              <CasesMap items={data?.items ?? []} onOpen={open} showGrids={can('org.read')} height={phone ? 420 : 560} />
            </Flex>
          ) : (
            list
          )}
        </div>
      </Card>
    </div>
  );
}
