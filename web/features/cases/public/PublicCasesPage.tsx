/**
 * /public/cases — 共治 · 公开事件, for anyone (no sign-in): a map and a list of cases from
 * GET /api/public/cases. Filters: open / closed and category (in the URL); moving the map limits the list to
 * what it shows (bbox). Nothing personal is in the answer; the community stands for the place.
 */
import { useCallback, useEffect, useMemo, useState } from 'react';
import { Alert, Button, Col, Empty, Flex, Row, Segmented, TreeSelect, Typography } from 'antd';
import { Link } from 'react-router';
import { ApiError, get, qs } from '../../../lib/api.js';
import { useFetch } from '../../../lib/use-fetch.js';
import { useI18n } from '../../../lib/i18n.js';
import { dateTime } from '../../../lib/format.js';
import { useIsPhone } from '../../../ui/use-phone.js';
import { useQueryState } from '../../../ui/use-query-state.js';
import { Loading } from '../../../ui/Loading.js';
import type { CategoryItem } from '../../categories/types.js';
import { PublicLayout } from './PublicLayout.js';
import { CLOSED_COLOUR, OPEN_COLOUR, PublicCaseMap } from './PublicCaseMap.js';
import type { PublicCaseItem, PublicCaseList } from './types.js';
import { m } from './messages.js';

const DEFAULTS = { status: '', category: '' };
const PAGE_SIZE = 50;
type Bbox = [number, number, number, number];

interface TreeNode {
  value: number;
  title: string;
  children: TreeNode[];
}

/** The category tree for the filter (any level may be chosen). */
function categoryTree(items: CategoryItem[], pick: (zh: string, en: string) => string): TreeNode[] {
  const nodes = new Map(items.map((c) => [c.id, { value: c.id, title: pick(c.nameZh, c.nameEn), children: [] as TreeNode[] }]));
  const roots: TreeNode[] = [];
  for (const c of items) (c.parentId !== null && nodes.get(c.parentId) ? nodes.get(c.parentId)!.children : roots).push(nodes.get(c.id)!);
  return roots;
}

/** The page. */
export function PublicCasesPage() {
  const { t, pick, lang } = useI18n();
  const phone = useIsPhone();
  const [filters, setFilters] = useQueryState(DEFAULTS);
  const [bbox, setBbox] = useState<Bbox | null>(null);
  const [items, setItems] = useState<PublicCaseItem[] | null>(null);
  const [total, setTotal] = useState(0);
  const [page, setPage] = useState(1);
  const [error, setError] = useState<string>();
  const [more, setMore] = useState(false);
  const [hover, setHover] = useState<number | null>(null);
  const categories = useFetch<{ items: CategoryItem[] }>('/categories');
  const tree = useMemo(() => categoryTree(categories.data?.items ?? [], pick), [categories.data, pick]);

  const path = useCallback(
    (p: number) => `/public/cases${qs({ status: filters.status, categoryId: filters.category, bbox: bbox?.join(','), page: p, pageSize: PAGE_SIZE })}`,
    [filters.status, filters.category, bbox],
  );

  useEffect(() => {
    const ctl = new AbortController();
    get<PublicCaseList>(path(1), { signal: ctl.signal })
      .then((r) => {
        setItems(r.items);
        setTotal(r.total);
        setPage(1);
        setError(undefined);
      })
      .catch((e: unknown) => {
        if ((e as Error).name === 'AbortError') return;
        setError(e instanceof ApiError ? e.message : String(e));
      });
    return () => ctl.abort();
  }, [path, lang]);

  const loadMore = async () => {
    setMore(true);
    try {
      const r = await get<PublicCaseList>(path(page + 1));
      setItems((list) => [...(list ?? []), ...r.items.filter((i) => !list?.some((x) => x.id === i.id))]);
      setPage(page + 1);
    } catch (e) {
      setError(e instanceof ApiError ? e.message : String(e));
    } finally {
      setMore(false);
    }
  };

  const filterBar = (
    <Flex gap={8} wrap align="center" style={{ marginBottom: 12 }}>
      <Segmented
        value={filters.status}
        onChange={(v) => setFilters({ status: v as string })}
        options={[
          { value: '', label: t(m.all) },
          { value: 'open', label: t(m.open) },
          { value: 'closed', label: t(m.closed) },
        ]}
        data-testid="public-filter-status"
      />
      <TreeSelect
        allowClear
        showSearch={{ treeNodeFilterProp: 'title' }}
        value={filters.category ? Number(filters.category) : undefined}
        onChange={(v?: number) => setFilters({ category: v ? String(v) : '' })}
        treeData={tree}
        placeholder={t(m.anyCategory)}
        style={{ minWidth: phone ? 0 : 240, flex: phone ? 1 : undefined }}
        popupMatchSelectWidth={false}
        aria-label={t(m.category)}
        data-testid="public-filter-category"
      />
    </Flex>
  );

  const count = (
    <Flex justify="space-between" align="center" gap={8} wrap style={{ marginBottom: 8 }}>
      <Typography.Text type="secondary" data-testid="public-count">
        {bbox ? t(m.inView, { n: total }) : t(m.total, { n: total })}
      </Typography.Text>
      {bbox ? (
        <Button size="small" onClick={() => setBbox(null)} data-testid="public-show-all">
          {t(m.showAll)}
        </Button>
      ) : (
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {t(m.moveHint)}
        </Typography.Text>
      )}
    </Flex>
  );

  const list =
    items === null ? (
      !error && <Loading />
    ) : items.length === 0 ? (
      <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t(m.none)} data-testid="public-empty" />
    ) : (
      <Flex vertical gap={8} data-testid="public-list">
        {items.map((c) => (
          <Link key={c.id} to={`/public/cases/${c.id}`} style={{ color: 'inherit' }} onMouseEnter={() => setHover(c.id)} onMouseLeave={() => setHover(null)} data-testid={`public-case-${c.id}`}>
            <div style={{ background: '#fff', borderRadius: 8, padding: '10px 12px', border: `1px solid ${hover === c.id ? '#91caff' : '#f0f0f0'}` }}>
              <Flex justify="space-between" gap={8} align="center">
                <Typography.Text strong>{pick(c.category.nameZh, c.category.nameEn)}</Typography.Text>
                <Flex align="center" gap={4} style={{ flex: 'none' }}>
                  <span style={{ width: 8, height: 8, borderRadius: 4, background: c.status === 'open' ? OPEN_COLOUR : CLOSED_COLOUR }} />
                  <Typography.Text style={{ fontSize: 13, color: c.status === 'open' ? '#d46b08' : '#237804' }}>{c.status === 'open' ? t(m.open) : t(m.closed)}</Typography.Text>
                </Flex>
              </Flex>
              <Typography.Paragraph ellipsis={{ rows: 2 }} style={{ margin: '4px 0' }}>
                {c.description}
              </Typography.Paragraph>
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {[pick(c.area.nameZh, c.area.nameEn), t(m.reportedAt, { t: dateTime(c.reportedAt) }), c.closedAt && t(m.closedAt, { t: dateTime(c.closedAt) })].filter(Boolean).join(' · ')}
              </Typography.Text>
            </div>
          </Link>
        ))}
        {items.length < total && (
          <Button block onClick={() => void loadMore()} loading={more} data-testid="public-more">
            {t(m.loadMore)}
          </Button>
        )}
      </Flex>
    );

  const map = <PublicCaseMap items={items ?? []} frame={bbox === null && page === 1} onMove={setBbox} height={phone ? 260 : 'calc(100vh - 230px)'} selectedId={hover} />;
  return (
    <PublicLayout>
      <Typography.Paragraph type="secondary" style={{ marginBottom: 12 }}>
        {t(m.intro)}
      </Typography.Paragraph>
      {filterBar}
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} data-testid="state-error" />}
      {phone ? (
        <Flex vertical gap={12}>
          {map}
          <div>
            {count}
            {list}
          </div>
        </Flex>
      ) : (
        <Row gutter={16}>
          <Col span={14}>
            <div style={{ position: 'sticky', top: 84 }}>{map}</div>
          </Col>
          <Col span={10}>
            {count}
            {list}
          </Col>
        </Row>
      )}
    </PublicLayout>
  );
}
