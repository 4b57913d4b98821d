/**
 * CategoryPicker: a resident's way to say what a report is about, made for a phone. A search box with
 * instant results, and below it a browsable two-level list (groups, then their categories with the short
 * help text); every row is a large touch target. Hands back the chosen leaf's id.
 */
import { useEffect, useMemo, useState } from 'react';
import { Alert, Button, Empty, Flex, Input, Typography } from 'antd';
import { CheckCircleFilled, LeftOutlined, RightOutlined, SearchOutlined } from '@ant-design/icons';
import { ApiError, get } from '../../lib/api.js';
import { useFetch } from '../../lib/use-fetch.js';
import { useI18n } from '../../lib/i18n.js';
import { ErrorState } from '../../ui/ErrorState.js';
import { Loading } from '../../ui/Loading.js';
import { m } from './messages.js';
import type { CategoryHit, CategoryItem, CategoryRef, PickedCategory } from './types.js';

export interface CategoryPickerProps {
  /** The chosen leaf's id. */
  value?: number | null;
  onChange(id: number, category: PickedCategory): void;
  /** Staff may also choose categories that are not open to residents. */
  staff?: boolean;
}

const ROW: React.CSSProperties = {
  display: 'flex',
  alignItems: 'center',
  gap: 12,
  width: '100%',
  minHeight: 56,
  padding: '10px 14px',
  border: 'none',
  borderBottom: '1px solid #f0f0f0',
  background: '#fff',
  textAlign: 'start',
  cursor: 'pointer',
  font: 'inherit',
};

/** A full-width tappable row: title, optional second line, optional chevron. */
function Row({ title, sub, chevron, onClick, testId, selected }: { title: string; sub?: string; chevron?: boolean; onClick(): void; testId: string; selected?: boolean }) {
  return (
    <button type="button" style={{ ...ROW, background: selected ? '#e8f0fb' : '#fff' }} onClick={onClick} data-testid={testId}>
      <span style={{ flex: 1, minWidth: 0 }}>
        <span style={{ display: 'block', fontSize: 16, color: 'rgba(0,0,0,0.88)' }}>{title}</span>
        {sub && <span style={{ display: 'block', fontSize: 13, color: 'rgba(0,0,0,0.5)', marginTop: 2, lineHeight: 1.4 }}>{sub}</span>}
      </span>
      {selected && <CheckCircleFilled style={{ color: '#1f5fbf', fontSize: 18 }} />}
      {chevron && <RightOutlined style={{ color: '#bbb' }} />}
    </button>
  );
}

/** The picker. */
export function CategoryPicker({ value, onChange, staff = false }: CategoryPickerProps) {
  const { t, pick } = useI18n();
  const { data, error, reload } = useFetch<{ items: CategoryItem[] }>('/categories');
  const [query, setQuery] = useState('');
  const [group, setGroup] = useState<number | null>(null);
  const [changing, setChanging] = useState(false);
  const [hits, setHits] = useState<CategoryHit[] | null>(null);
  const [searchError, setSearchError] = useState<string>();

  const items = useMemo(() => data?.items ?? [], [data]);
  const byId = useMemo(() => new Map(items.map((c) => [c.id, c])), [items]);
  const choosable = (c: CategoryItem) => (staff ? c.selectable : c.residentSelectable);
  const under = (id: number | null) => items.filter((c) => c.parentId === id);
  /** Top-level groups (and their sub-groups) that hold at least one category the user may choose. */
  const hasChoice = (c: CategoryItem): boolean => choosable(c) || under(c.id).some(hasChoice);
  const pathOf = (c: CategoryItem): CategoryRef[] => {
    const out: CategoryRef[] = [];
    for (let p = c.parentId !== null ? byId.get(c.parentId) : undefined; p; p = p.parentId !== null ? byId.get(p.parentId) : undefined) out.unshift(p);
    return out;
  };

  // Instant results: ask the server shortly after typing stops; drop answers to older queries.
  useEffect(() => {
    const q = query.trim();
    setSearchError(undefined);
    if (!q) {
      setHits(null);
      return;
    }
    const ctl = new AbortController();
    const timer = setTimeout(() => {
      get<{ items: CategoryHit[] }>(`/categories/search?q=${encodeURIComponent(q)}`, { signal: ctl.signal })
        .then((r) => setHits(r.items.filter(choosable)))
        .catch((e: unknown) => {
          if ((e as Error).name === 'AbortError') return;
          setHits([]);
          if (e instanceof ApiError && e.code !== 'SEARCH_QUERY_UNUSABLE') setSearchError(e.message);
        });
    }, 150);
    return () => {
      clearTimeout(timer);
      ctl.abort();
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [query, staff]);

  if (error) return <ErrorState error={error} onRetry={reload} />;
  if (!data) return <Loading />;

  const choose = (c: { id: number; code: string; nameZh: string; nameEn: string }, path: CategoryRef[]) => {
    setChanging(false);
    setQuery('');
    onChange(c.id, { id: c.id, code: c.code, nameZh: c.nameZh, nameEn: c.nameEn, path });
  };
  const chosen = value != null ? byId.get(value) : undefined;
  const pathText = (path: CategoryRef[]) => path.map((p) => pick(p.nameZh, p.nameEn)).join(' › ');

  if (chosen && !changing) {
    return (
      <div data-testid="category-picker" style={{ border: '1px solid #d9d9d9', borderRadius: 8, padding: '12px 14px' }}>
        <Flex align="center" gap={12} data-testid="category-selected">
          <CheckCircleFilled style={{ color: '#1f5fbf', fontSize: 20 }} />
          <div style={{ flex: 1, minWidth: 0 }}>
            <Typography.Text type="secondary" style={{ fontSize: 13 }}>
              {pathText(pathOf(chosen))}
            </Typography.Text>
            <div style={{ fontSize: 16, fontWeight: 500 }}>{pick(chosen.nameZh, chosen.nameEn)}</div>
          </div>
          <Button size="large" onClick={() => setChanging(true)} data-testid="category-change">
            {t(m.change)}
          </Button>
        </Flex>
      </div>
    );
  }

  const current = group !== null ? byId.get(group) : undefined;
  const list = (
    <div style={{ border: '1px solid #f0f0f0', borderRadius: 8, overflow: 'hidden' }} data-testid="category-list">
      {current ? (
        <>
          <button type="button" style={{ ...ROW, minHeight: 48, color: '#1f5fbf', background: '#fafafa' }} onClick={() => setGroup(null)} data-testid="category-back">
            <LeftOutlined /> <span style={{ fontSize: 15 }}>{t(m.allCategories)}</span>
            <span style={{ marginInlineStart: 'auto', fontWeight: 500, color: 'rgba(0,0,0,0.88)' }}>{pick(current.nameZh, current.nameEn)}</span>
          </button>
          {under(current.id)
            .filter(hasChoice)
            .map((c) =>
              choosable(c) ? (
                <Row key={c.id} title={pick(c.nameZh, c.nameEn)} sub={pick(c.descriptionZh, c.descriptionEn)} onClick={() => choose(c, pathOf(c))} testId={`category-leaf-${c.code}`} selected={c.id === value} />
              ) : (
                <div key={c.id}>
                  <div style={{ padding: '8px 14px', background: '#fafafa', color: 'rgba(0,0,0,0.55)', fontSize: 13, borderBottom: '1px solid #f0f0f0' }}>{pick(c.nameZh, c.nameEn)}</div>
                  {under(c.id)
                    .filter(choosable)
                    .map((leaf) => (
                      <Row key={leaf.id} title={pick(leaf.nameZh, leaf.nameEn)} sub={pick(leaf.descriptionZh, leaf.descriptionEn)} onClick={() => choose(leaf, pathOf(leaf))} testId={`category-leaf-${leaf.code}`} selected={leaf.id === value} />
                    ))}
                </div>
              ),
            )}
        </>
      ) : (
        under(null)
          .filter(hasChoice)
          .map((g) =>
            choosable(g) ? (
              <Row key={g.id} title={pick(g.nameZh, g.nameEn)} sub={pick(g.descriptionZh, g.descriptionEn)} onClick={() => choose(g, [])} testId={`category-leaf-${g.code}`} selected={g.id === value} />
            ) : (
              <Row key={g.id} title={pick(g.nameZh, g.nameEn)} sub={pick(g.descriptionZh, g.descriptionEn)} chevron onClick={() => setGroup(g.id)} testId={`category-group-${g.code}`} />
            ),
          )
      )}
    </div>
  );

  const searching = query.trim() !== '';
  return (
    <Flex vertical gap={12} data-testid="category-picker">
      <Input
        size="large"
        allowClear
        value={query}
        onChange={(e) => setQuery(e.target.value)}
        prefix={<SearchOutlined style={{ color: '#999' }} />}
        placeholder={t(m.pickerSearch)}
        enterKeyHint="search"
        style={{ fontSize: 16 }}
        data-testid="category-search"
      />
      {chosen && changing && (
        <Button type="link" style={{ alignSelf: 'flex-start', padding: 0 }} onClick={() => setChanging(false)} data-testid="category-keep">
          {t(m.keepChoice, { name: pick(chosen.nameZh, chosen.nameEn) })}
        </Button>
      )}
      {searchError && <Alert type="error" showIcon title={searchError} />}
      {searching &&
        (hits === null ? (
          <Typography.Text type="secondary">{t(m.searching)}</Typography.Text>
        ) : hits.length === 0 ? (
          <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t(m.noMatch)} data-testid="category-no-match" />
        ) : (
          <div style={{ border: '1px solid #f0f0f0', borderRadius: 8, overflow: 'hidden' }} data-testid="category-results">
            {hits.map((h) => (
              <Row
                key={h.id}
                title={pick(h.nameZh, h.nameEn)}
                sub={[pathText(h.path), pick(h.descriptionZh, h.descriptionEn)].filter(Boolean).join(' · ')}
                onClick={() => choose(h, h.path)}
                testId={`category-result-${h.code}`}
                selected={h.id === value}
              />
            ))}
          </div>
        ))}
      {(!searching || hits?.length === 0) && (
        <>
          {searching && <Typography.Text strong>{t(m.browse)}</Typography.Text>}
          {list}
        </>
      )}
    </Flex>
  );
}
