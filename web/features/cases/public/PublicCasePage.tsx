/**
 * /public/cases/:id — one public case (GET /api/public/cases/:id): what the problem is, where roughly
 * (community and a ~100 m circle), the photos staff approved (/api/public/media/:id/thumb|display) and the
 * public timeline with the units that acted. No sign-in, nothing personal.
 */
import { useEffect, useRef } from 'react';
import { Button, Card, Col, Flex, Result, Row, Tag, Timeline, Typography } from 'antd';
import { ArrowLeftOutlined } from '@ant-design/icons';
import L from 'leaflet';
import { Link, useParams } from 'react-router';
import { publicMediaUrl } from '../../../../common/contracts/media.js';
import { useFetch } from '../../../lib/use-fetch.js';
import { useI18n } from '../../../lib/i18n.js';
import { common } from '../../../lib/messages.js';
import { dateTime } from '../../../lib/format.js';
import { useIsPhone } from '../../../ui/use-phone.js';
import { Loading } from '../../../ui/Loading.js';
import { ErrorState } from '../../../ui/ErrorState.js';
import { PhotoGallery } from '../../../ui/PhotoGallery.js';
import { useLeafletMap } from '../report/map-base.js';
import { PublicLayout } from './PublicLayout.js';
import { CLOSED_COLOUR, OPEN_COLOUR } from './PublicCaseMap.js';
import type { PublicCase } from './types.js';
import { ACTION, m } from './messages.js';

/** A small map with the case's approximate place. */
function PlaceMap({ lat, lng, open }: { lat: number; lng: number; open: boolean }) {
  const box = useRef<HTMLDivElement>(null);
  const { map } = useLeafletMap(box);
  useEffect(() => {
    if (!map) return;
    map.invalidateSize({ pan: false });
    map.setView([lat, lng], 16);
    const ring = L.circle([lat, lng], { radius: 100, color: open ? OPEN_COLOUR : CLOSED_COLOUR, weight: 2, fillOpacity: 0.2, interactive: false }).addTo(map);
    return () => {
      ring.remove();
    };
  }, [map, lat, lng, open]);
  return <div ref={box} style={{ height: 220, borderRadius: 8, background: '#eef1f4', zIndex: 0 }} data-testid="public-case-map" />;
}

/** The page. */
export function PublicCasePage() {
  const { id } = useParams();
  const { t, pick } = useI18n();
  const phone = useIsPhone();
  const { data: c, error, reload } = useFetch<PublicCase>(/^\d+$/.test(id ?? '') ? `/public/cases/${id}` : null);
  const back = (
    <Link to="/public/cases" style={{ display: 'inline-block', marginBottom: 8 }} data-testid="public-back">
      <ArrowLeftOutlined /> {t(m.back)}
    </Link>
  );

  if (!/^\d+$/.test(id ?? '') || error?.status === 404) {
    return (
      <PublicLayout>
        {back}
        <Result status="404" title={t(m.notFound)} extra={<Link to="/public/cases"><Button type="primary">{t(m.back)}</Button></Link>} data-testid="state-not-found" />
      </PublicLayout>
    );
  }
  if (error) return <PublicLayout>{back}<ErrorState error={error} onRetry={reload} /></PublicLayout>;
  if (!c) return <PublicLayout><Loading height={400} /></PublicLayout>;

  const open = c.status === 'open';
  const category = pick(c.category.nameZh, c.category.nameEn);
  const roleLabel = (role: string) => (role === 'before' ? t(m.photoRoleBefore) : role === 'after' ? t(m.photoRoleAfter) : t(m.photoRoleReport));
  const photos = c.photos.map((p) => ({ id: p.mediaId, thumbUrl: publicMediaUrl(p.mediaId, 'thumb'), displayUrl: publicMediaUrl(p.mediaId, 'display'), label: roleLabel(p.role) }));

  const main = (
    <Flex vertical gap={12}>
      <Card data-testid="public-case">
        <Flex justify="space-between" align="flex-start" gap={8} wrap>
          <div>
            <Typography.Title level={phone ? 4 : 3} style={{ margin: 0 }} data-testid="public-case-category">
              {category}
            </Typography.Title>
            <Typography.Text type="secondary">{t(m.number, { id: c.id })}</Typography.Text>
          </div>
          <Tag color={open ? 'orange' : 'green'} style={{ fontSize: 14, padding: '2px 10px' }} data-testid="public-case-status">
            {open ? t(m.open) : t(m.closed)}
          </Tag>
        </Flex>
        <Typography.Paragraph style={{ fontSize: 16, marginTop: 12, whiteSpace: 'pre-wrap' }} data-testid="public-case-description">
          {c.description}
        </Typography.Paragraph>
        <Typography.Text type="secondary" style={{ fontSize: 13 }}>
          {[t(common.labelled, { label: t(m.area), value: pick(c.area.nameZh, c.area.nameEn) || '—' }), t(m.reportedAt, { t: dateTime(c.reportedAt) }), c.closedAt && t(m.closedAt, { t: dateTime(c.closedAt) })].filter(Boolean).join(' · ')}
        </Typography.Text>
      </Card>
      <Card title={t(m.photos)} size="small">
        <PhotoGallery photos={photos} emptyText={t(m.noPhotos)} testId="public-case-photos" />
      </Card>
    </Flex>
  );
  const side = (
    <Flex vertical gap={12}>
      <Card title={t(m.timeline)} size="small">
        <Timeline
          data-testid="public-case-timeline"
          items={c.timeline.map((e, i) => ({
            color: i === c.timeline.length - 1 ? (open ? 'orange' : 'green') : 'gray',
            content: (
              <div data-testid={`public-event-${e.action}`}>
                <Typography.Text strong>{ACTION[e.action] ? t(ACTION[e.action]!) : e.action}</Typography.Text>
                {e.unit && <Typography.Text type="secondary"> · {pick(e.unit.nameZh, e.unit.nameEn)}</Typography.Text>}
                <div style={{ fontSize: 12, color: 'rgba(0,0,0,0.45)' }}>{dateTime(e.at)}</div>
              </div>
            ),
          }))}
        />
      </Card>
      <Card title={t(m.location)} size="small">
        <PlaceMap lat={c.lat} lng={c.lng} open={open} />
        <Typography.Text type="secondary" style={{ display: 'block', marginTop: 6, fontSize: 12 }}>
          {pick(c.area.nameZh, c.area.nameEn)}
        </Typography.Text>
      </Card>
    </Flex>
  );
  return (
    <PublicLayout title={category}>
      {back}
      {phone ? (
        <Flex vertical gap={12}>
          {main}
          {side}
        </Flex>
      ) : (
        <Row gutter={16}>
          <Col span={15}>{main}</Col>
          <Col span={9}>{side}</Col>
        </Row>
      )}
    </PublicLayout>
  );
}
