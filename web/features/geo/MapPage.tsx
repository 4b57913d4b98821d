/**
 * The grid map of the caller's area: polygons coloured by community, a card for the clicked grid, a
 * "which grid is this?" lookup, and (grid.manage) selecting grids to split or merge.
 */
import { useMemo, useState } from 'react';
import { Alert, Button, Card, Checkbox, Col, Descriptions, Empty, Flex, Row, Space, Tag, Typography } from 'antd';
import { AimOutlined, ScissorOutlined, MergeCellsOutlined, EditOutlined } from '@ant-design/icons';
import { Link } from 'react-router';
import { ApiError, get, qs } from '../../lib/api.js';
import { useAuth } from '../../lib/auth.js';
import { useConfig } from '../../lib/config.js';
import { useFetch } from '../../lib/use-fetch.js';
import { useI18n } from '../../lib/i18n.js';
import { num } from '../../lib/format.js';
import { ErrorState } from '../../ui/ErrorState.js';
import { PageHeader } from '../../ui/PageHeader.js';
import { useIsPhone } from '../../ui/use-phone.js';
import { GridMap } from './GridMap.js';
import { colourAreas, colourOf } from './colours.js';
import { MergeDialog } from './MergeDialog.js';
import { SplitDialog } from './SplitDialog.js';
import type { AreaCollection, AreaFeature } from './types.js';
import type { NodeDetail } from '../org/types.js';
import { m } from './messages.js';
import { common } from '../../lib/messages.js';

interface Ref {
  id: number;
  code: string;
  nameZh: string;
  nameEn: string;
}
type Located = { grid: Ref; community: Ref; street: Ref | null };
type Mode = 'view' | 'locate' | 'adjust';

/** The map page. */
export function MapPage() {
  const { t, pick, lang } = useI18n();
  const { can } = useAuth();
  const phone = useIsPhone();
  const config = useConfig();
  const [retired, setRetired] = useState(false);
  const grids = useFetch<AreaCollection>(`/geo/grids${qs({ includeRetired: retired ? 'true' : undefined })}`);
  const communities = useFetch<AreaCollection>('/geo/grids?level=community');
  const [mode, setMode] = useState<Mode>('view');
  const [selected, setSelected] = useState<number[]>([]);
  const [point, setPoint] = useState<{ lat: number; lng: number } | null>(null);
  const [located, setLocated] = useState<Located | { error: string } | 'busy' | null>(null);
  const [splitting, setSplitting] = useState<AreaFeature | null>(null);
  const [merging, setMerging] = useState(false);

  const drawn = useMemo<AreaCollection | undefined>(
    () => grids.data && { ...grids.data, features: grids.data.features.filter((f) => f.geometry) },
    [grids.data],
  );
  const colours = useMemo(() => colourAreas(communities.data), [communities.data]);
  const shapeless = grids.data?.features.filter((f) => !f.geometry) ?? [];
  const byId = useMemo(() => new Map((grids.data?.features ?? []).map((f) => [f.properties.id, f])), [grids.data]);
  const selectedFeatures = selected.map((id) => byId.get(id)).filter((f): f is AreaFeature => !!f);
  const current = mode === 'view' && selected.length === 1 ? byId.get(selected[0]!) : undefined;
  // Where the chosen grid sits (street / community), from its organisation card.
  const currentNode = useFetch<NodeDetail>(current ? `/org/nodes/${current.properties.id}` : null);
  const placeOf = current && currentNode.data?.id === current.properties.id ? currentNode.data.ancestors.filter((a) => a.type === 'street' || a.type === 'community') : [];

  const clickGrid = (f: AreaFeature) => {
    if (mode === 'adjust') {
      if (f.properties.active === false) return;
      setSelected((s) => (s.includes(f.properties.id) ? s.filter((x) => x !== f.properties.id) : [...s, f.properties.id]));
    } else setSelected([f.properties.id]);
  };
  const locate = async (p: { lat: number; lng: number }) => {
    setPoint(p);
    setLocated('busy');
    try {
      setLocated(await get<Located>(`/geo/locate${qs({ lat: p.lat.toFixed(7), lng: p.lng.toFixed(7) })}`));
    } catch (e) {
      setLocated({ error: e instanceof ApiError ? e.message : String(e) });
    }
  };
  const switchMode = (next: Mode) => {
    setMode(next === mode ? 'view' : next);
    setSelected([]);
    setPoint(null);
    setLocated(null);
  };
  const changed = () => {
    setSplitting(null);
    setMerging(false);
    setSelected([]);
    grids.reload();
    communities.reload();
  };

  const tools = (
    <Space wrap>
      <Button icon={<AimOutlined />} type={mode === 'locate' ? 'primary' : 'default'} onClick={() => switchMode('locate')} data-testid="map-locate">
        {mode === 'locate' ? t(m.locateStop) : t(m.locate)}
      </Button>
      {can('grid.manage') && (
        <Button icon={<EditOutlined />} type={mode === 'adjust' ? 'primary' : 'default'} onClick={() => switchMode('adjust')} data-testid="map-adjust">
          {mode === 'adjust' ? t(m.adjustStop) : t(m.adjust)}
        </Button>
      )}
    </Space>
  );

  const gridCard = (
    <Card size="small" title={t(m.gridCard)} data-testid="map-grid-card" extra={phone && <Button type="text" size="small" onClick={() => setSelected([])}>{t(common.close)}</Button>}>
      {current ? (
        <Flex vertical gap={8}>
          <Typography.Title level={5} style={{ margin: 0 }}>
            {pick(current.properties.nameZh, current.properties.nameEn)} {current.properties.active === false && <Tag>{t(m.retired)}</Tag>}
          </Typography.Title>
          <Descriptions
            size="small"
            column={1}
            items={[
              { key: 'code', label: t(m.code), children: current.properties.code },
              ...placeOf.map((a) => ({ key: a.type, label: t(a.type === 'street' ? m.street : m.community), children: pick(a.nameZh, a.nameEn) })),
              { key: 'households', label: t(m.households), children: num(current.properties.households as number, lang) },
              { key: 'residents', label: t(m.residents), children: num(current.properties.residents as number, lang) },
            ]}
          />
          <Link to={`/grids/${current.properties.id}`}>
            <Button type="primary" block data-testid="map-open-grid">
              {t(m.openGrid)}
            </Button>
          </Link>
        </Flex>
      ) : (
        <Typography.Text type="secondary">{t(m.pickGrid)}</Typography.Text>
      )}
    </Card>
  );

  const side = (
    <Flex vertical gap={12}>
      {mode === 'locate' && (
        <Card size="small" title={t(m.locate)} data-testid="locate-panel">
          {!point && <Typography.Text type="secondary">{t(m.locateOn)}</Typography.Text>}
          {located === 'busy' && <Typography.Text type="secondary">{t(m.locating)}</Typography.Text>}
          {located && located !== 'busy' && 'error' in located && <Alert type="warning" showIcon title={located.error} data-testid="locate-outside" />}
          {located && located !== 'busy' && 'grid' in located && (
            <Flex vertical gap={4} data-testid="locate-result">
              <Typography.Text type="secondary">{t(m.locateResult)}</Typography.Text>
              <Typography.Title level={5} style={{ margin: 0 }}>
                <Link to={`/grids/${located.grid.id}`}>{pick(located.grid.nameZh, located.grid.nameEn)}</Link>
              </Typography.Title>
              <Typography.Text>
                {located.street ? `${pick(located.street.nameZh, located.street.nameEn)} / ` : ''}
                {pick(located.community.nameZh, located.community.nameEn)}
              </Typography.Text>
              {point && (
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {point.lng.toFixed(6)}, {point.lat.toFixed(6)}
                </Typography.Text>
              )}
            </Flex>
          )}
        </Card>
      )}
      {mode === 'adjust' && (
        <Card size="small" title={t(m.adjust)} data-testid="adjust-panel">
          <Typography.Paragraph type="secondary" style={{ fontSize: 13 }}>
            {t(m.adjustOn)}
          </Typography.Paragraph>
          <Flex wrap gap={4} style={{ marginBottom: 8 }}>
            {selectedFeatures.map((f) => (
              <Tag key={f.properties.id} closable onClose={() => setSelected((s) => s.filter((x) => x !== f.properties.id))}>
                {pick(f.properties.nameZh, f.properties.nameEn)}
              </Tag>
            ))}
          </Flex>
          <Space wrap>
            <Button icon={<ScissorOutlined />} disabled={selectedFeatures.length !== 1} onClick={() => setSplitting(selectedFeatures[0]!)} data-testid="map-split">
              {t(m.split)}
            </Button>
            <Button icon={<MergeCellsOutlined />} disabled={selectedFeatures.length < 2} onClick={() => setMerging(true)} data-testid="map-merge">
              {t(m.merge)}
            </Button>
            {selected.length > 0 && <Button type="link" onClick={() => setSelected([])}>{t(m.clearSelection)}</Button>}
          </Space>
        </Card>
      )}
      {mode === 'view' && !phone && gridCard}
      {(communities.data?.features.length ?? 0) > 0 && (
        <Card size="small" title={t(m.legend)} styles={{ body: { maxHeight: 320, overflowY: 'auto' } }}>
          <Flex vertical gap={4}>
            {communities.data!.features.map((c) => (
              <Flex key={c.properties.id} align="center" gap={8}>
                <span style={{ width: 14, height: 14, borderRadius: 3, background: colours.get(c.properties.id) ?? colourOf(c.properties.id), opacity: 0.7, flex: 'none' }} />
                <span>{pick(c.properties.nameZh, c.properties.nameEn)}</span>
              </Flex>
            ))}
          </Flex>
        </Card>
      )}
    </Flex>
  );

  if (grids.error) return <ErrorState error={grids.error} onRetry={grids.reload} />;
  const empty = grids.data && grids.data.features.length === 0;

  return (
    <div>
      <PageHeader title={t(m.mapTitle)} subtitle={grids.data ? `${t(m.gridsN, { n: grids.data.features.filter((f) => f.properties.active !== false).length })} · ${t(m.mapSub)}` : t(m.mapSub)} extra={!phone && tools} />
      {phone && <div style={{ marginBottom: 8 }}>{tools}</div>}
      {empty ? (
        <Card>
          <Empty description={<span>{t(m.noGrids)}{can('grid.manage') && <><br />{t(m.importHint)}</>}</span>} />
        </Card>
      ) : (
        <Row gutter={[16, 16]}>
          <Col xs={24} lg={17}>
            <GridMap
              grids={drawn}
              outlines={communities.data}
              colours={colours}
              selectedIds={selected}
              onGridClick={clickGrid}
              onMapClick={mode === 'locate' ? locate : undefined}
              marker={point}
              height={phone ? 420 : 'calc(100vh - 200px)'}
            />
            <Flex justify="space-between" wrap gap={8} style={{ marginTop: 6 }}>
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {config && !config.tileUrl ? t(m.noTiles) : ''}
              </Typography.Text>
              <Checkbox checked={retired} onChange={(e) => setRetired(e.target.checked)} data-testid="map-show-retired">
                {t(m.showRetired)}
              </Checkbox>
            </Flex>
            {shapeless.length > 0 && (
              <Alert
                style={{ marginTop: 8 }}
                type="info"
                showIcon
                title={t(m.noShape)}
                description={
                  <Flex wrap gap={4}>
                    {shapeless.map((f) => (
                      <Link key={f.properties.id} to={`/grids/${f.properties.id}`}>
                        <Tag>{pick(f.properties.nameZh, f.properties.nameEn)}</Tag>
                      </Link>
                    ))}
                  </Flex>
                }
              />
            )}
          </Col>
          <Col xs={24} lg={7}>
            {side}
          </Col>
        </Row>
      )}
      {phone && mode === 'view' && current && (
        <div style={{ position: 'fixed', left: 8, right: 8, bottom: 64, zIndex: 950, boxShadow: '0 4px 16px rgba(0,0,0,.18)', borderRadius: 8 }}>
          {gridCard}
        </div>
      )}
      <SplitDialog grid={splitting} onClose={() => setSplitting(null)} onDone={changed} />
      <MergeDialog grids={selectedFeatures} open={merging} onClose={() => setMerging(false)} onDone={changed} />
    </div>
  );
}
