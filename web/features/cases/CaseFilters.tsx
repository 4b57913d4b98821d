/** The filter bar of the case list: status, open only, category, area, card, overdue, dates, search, sort. */
import { useMemo, useState } from 'react';
import { Badge, Button, Checkbox, Col, Flex, Row, Select, TreeSelect } from 'antd';
import { FilterOutlined } from '@ant-design/icons';
import { useFetch } from '../../lib/use-fetch.js';
import { useI18n } from '../../lib/i18n.js';
import { DateRange } from '../../ui/DateRange.js';
import { SearchBox } from '../../ui/SearchBox.js';
import { useIsPhone } from '../../ui/use-phone.js';
import { NodePicker } from '../org/NodePicker.js';
import type { CategoryItem } from '../categories/types.js';
import { STATUS_ORDER, STATUS_LABELS } from './labels.js';
import { m } from './messages.js';

const AREA_TYPES = ['city', 'district', 'street', 'community', 'grid'];

export const LIST_DEFAULTS = {
  view: 'inbox',
  status: '',
  open: '1',
  categoryId: '',
  nodeId: '',
  card: '',
  overdue: '',
  q: '',
  from: '',
  to: '',
  sort: 'newest',
  page: '1',
  pageSize: '20',
  mode: 'list',
};
export type ListQuery = typeof LIST_DEFAULTS;

/** The filters (not view, paging, mode) as API query parameters. */
export function filterParams(q: ListQuery): Record<string, string | undefined> {
  return {
    view: q.view,
    status: q.status || undefined,
    open: q.open === '1' ? '1' : undefined,
    categoryId: q.categoryId || undefined,
    nodeId: q.nodeId || undefined,
    card: q.card || undefined,
    overdue: q.overdue || undefined,
    q: q.q || undefined,
    from: q.from || undefined,
    to: q.to || undefined,
    sort: q.sort,
  };
}

/** How many filters differ from the defaults (for the phone's filter button). */
function activeCount(q: ListQuery): number {
  return (['status', 'categoryId', 'nodeId', 'card', 'overdue', 'from', 'to'] as const).filter((k) => q[k] !== '').length + (q.open !== '1' ? 1 : 0);
}

interface CatOption {
  value: number;
  title: string;
  children: CatOption[];
}

/** The category tree as TreeSelect options (any level may be chosen: a group filters its whole subtree). */
function useCategoryOptions(): CatOption[] {
  const { pick } = useI18n();
  const { data } = useFetch<{ items: CategoryItem[] }>('/categories');
  return useMemo(() => {
    const items = data?.items ?? [];
    const build = (parent: number | null): CatOption[] => items.filter((c) => c.parentId === parent).map((c) => ({ value: c.id, title: pick(c.nameZh, c.nameEn), children: build(c.id) }));
    return build(null);
  }, [data, pick]);
}

/** The filter bar; `onChange` patches the URL query (paging resets). */
export function CaseFilters({ query, onChange }: { query: ListQuery; onChange(patch: Partial<ListQuery>): void }) {
  const { t } = useI18n();
  const phone = useIsPhone();
  const [expanded, setExpanded] = useState(false);
  const categories = useCategoryOptions();
  const statuses = query.status ? query.status.split(',') : [];
  const count = activeCount(query);

  const search = (
    <SearchBox key={query.q} defaultValue={query.q} placeholder={t(m.searchPlaceholder)} onSearch={(v) => onChange({ q: v })} testId="cases-search" />
  );
  const sort = (
    <Select
      value={query.sort}
      onChange={(v) => onChange({ sort: v })}
      style={{ width: '100%' }}
      aria-label={t(m.sort)}
      data-testid="cases-sort"
      options={[
        { value: 'newest', label: t(m.newest) },
        { value: 'oldest', label: t(m.oldest) },
        { value: 'deadline', label: t(m.deadline) },
      ]}
    />
  );
  const more = (
    <Row gutter={[8, 8]}>
      <Col xs={24} md={8} lg={6}>
        <Select
          mode="multiple"
          allowClear
          maxTagCount="responsive"
          value={statuses}
          placeholder={t(m.status)}
          onChange={(v: string[]) => onChange({ status: v.join(',') })}
          style={{ width: '100%' }}
          options={STATUS_ORDER.map((s) => ({ value: s, label: t(STATUS_LABELS[s]) }))}
          data-testid="cases-filter-status"
        />
      </Col>
      <Col xs={24} md={8} lg={6}>
        <TreeSelect<number>
          allowClear
          showSearch={{ treeNodeFilterProp: 'title' }}
          value={query.categoryId ? Number(query.categoryId) : undefined}
          placeholder={t(m.category)}
          treeData={categories}
          onChange={(v) => onChange({ categoryId: v ? String(v) : '' })}
          style={{ width: '100%' }}
          popupMatchSelectWidth={false}
          data-testid="cases-filter-category"
        />
      </Col>
      <Col xs={24} md={8} lg={6}>
        <NodePicker value={query.nodeId ? Number(query.nodeId) : null} onChange={(id) => onChange({ nodeId: id ? String(id) : '' })} types={AREA_TYPES} placeholder={t(m.area)} testId="cases-filter-node" />
      </Col>
      <Col xs={24} md={8} lg={6}>
        <Select
          allowClear
          value={query.card || undefined}
          placeholder={t(m.card)}
          onChange={(v?: string) => onChange({ card: v ?? '' })}
          style={{ width: '100%' }}
          options={[
            { value: 'any', label: t(m.anyCard) },
            { value: 'yellow', label: t(m.yellowCard) },
            { value: 'red', label: t(m.redCard) },
          ]}
          data-testid="cases-filter-card"
        />
      </Col>
      <Col xs={24} md={10} lg={8}>
        <DateRange from={query.from} to={query.to} onChange={(v) => onChange(v)} testIdPrefix="cases-filter" />
      </Col>
      <Col xs={24} md={14} lg={16}>
        <Flex gap={16} align="center" wrap style={{ minHeight: 32 }}>
          <Checkbox checked={query.open === '1'} onChange={(e) => onChange({ open: e.target.checked ? '1' : 'all' })} data-testid="cases-filter-open">
            {t(m.openOnly)}
          </Checkbox>
          <Checkbox checked={query.overdue === '1'} onChange={(e) => onChange({ overdue: e.target.checked ? '1' : '' })} data-testid="cases-filter-overdue">
            {t(m.overdueOnly)}
          </Checkbox>
          {count > 0 && (
            <Button
              type="link"
              size="small"
              onClick={() => onChange({ status: '', categoryId: '', nodeId: '', card: '', overdue: '', from: '', to: '', open: '1' })}
              data-testid="cases-filter-reset"
            >
              {t(m.resetFilters)}
            </Button>
          )}
        </Flex>
      </Col>
    </Row>
  );

  if (phone) {
    return (
      <Flex vertical gap={8}>
        <Flex gap={8}>
          <div style={{ flex: 1, minWidth: 0 }}>{search}</div>
          <Badge count={count} size="small">
            <Button icon={<FilterOutlined />} onClick={() => setExpanded((x) => !x)} type={expanded ? 'primary' : 'default'} data-testid="cases-filters-toggle">
              {t(m.moreFilters)}
            </Button>
          </Badge>
        </Flex>
        {expanded && (
          <>
            {sort}
            {more}
          </>
        )}
      </Flex>
    );
  }
  return (
    <Flex vertical gap={8}>
      <Row gutter={[8, 8]}>
        <Col md={16} lg={18}>
          {search}
        </Col>
        <Col md={8} lg={6}>
          {sort}
        </Col>
      </Row>
      {more}
    </Flex>
  );
}
