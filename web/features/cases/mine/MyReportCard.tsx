/**
 * One of "my reports" as a card: first photo, category, status, the text, when it last moved. The list
 * answer has neither photos nor the last event, so each card reads its case (GET /api/cases/:id) for them.
 */
import { Card, Flex, Tag, Typography } from 'antd';
import { PictureOutlined, RightOutlined, StarFilled } from '@ant-design/icons';
import { Link } from 'react-router';
import { mediaUrl } from '../../../../common/contracts/media.js';
import { useFetch } from '../../../lib/use-fetch.js';
import { useI18n } from '../../../lib/i18n.js';
import { dateTime } from '../../../lib/format.js';
import { m, STATUS, STATUS_COLOUR } from './messages.js';

/** One item of GET /api/cases?view=mine. */
export interface MyCaseItem {
  id: number;
  status: string;
  category: { id: number; nameZh: string; nameEn: string } | null;
  description: string;
  address: string;
  grid: { nameZh: string; nameEn: string } | null;
  reportedAt: string;
}

/** What the card reads of GET /api/cases/:id. */
interface CaseDetail {
  photos: { mediaId: number; role: string }[];
  timeline: { at: string }[];
  access: 'staff' | 'reporter' | 'follower';
  abilities: string[];
}

const THUMB = 76;

/** The card. */
export function MyReportCard({ item }: { item: MyCaseItem }) {
  const { t, pick } = useI18n();
  const { data: detail } = useFetch<CaseDetail>(`/cases/${item.id}`);
  const photo = detail?.photos.find((p) => p.role === 'report') ?? detail?.photos[0];
  const last = detail?.timeline.at(-1)?.at;
  const toRate = detail?.abilities.includes('rate');
  return (
    <Link to={`/cases/${item.id}`} style={{ display: 'block', color: 'inherit' }} data-testid={`my-case-${item.id}`}>
      <Card hoverable size="small" styles={{ body: { padding: 12 } }} style={toRate ? { borderColor: '#faad14' } : undefined}>
        <Flex gap={12} align="flex-start">
          <div style={{ width: THUMB, height: THUMB, flex: 'none', borderRadius: 8, overflow: 'hidden', background: '#f0f2f5', display: 'flex', alignItems: 'center', justifyContent: 'center' }}>
            {photo ? (
              <img src={mediaUrl(photo.mediaId, 'thumb')} alt="" width={THUMB} height={THUMB} style={{ objectFit: 'cover' }} loading="lazy" />
            ) : (
              <PictureOutlined style={{ fontSize: 24, color: '#bbb' }} aria-label={t(m.noPhoto)} />
            )}
          </div>
          <div style={{ flex: 1, minWidth: 0 }}>
            <Flex justify="space-between" align="center" gap={6} wrap>
              <Typography.Text strong style={{ fontSize: 16 }}>
                {item.category ? pick(item.category.nameZh, item.category.nameEn) : '—'}
              </Typography.Text>
              <Tag color={STATUS_COLOUR[item.status] ?? 'default'} style={{ marginInlineEnd: 0 }} data-testid={`my-case-status-${item.id}`}>
                {STATUS[item.status] ? t(STATUS[item.status]!) : item.status}
              </Tag>
            </Flex>
            <Typography.Paragraph ellipsis={{ rows: 2 }} style={{ margin: '4px 0', fontSize: 14 }}>
              {item.description}
            </Typography.Paragraph>
            <Typography.Text type="secondary" style={{ fontSize: 12, display: 'block' }}>
              {[t(m.number, { id: item.id }), item.address || (item.grid && pick(item.grid.nameZh, item.grid.nameEn))].filter(Boolean).join(' · ')}
            </Typography.Text>
            <Typography.Text type="secondary" style={{ fontSize: 12, display: 'block' }}>
              {last ? t(m.lastUpdate, { t: dateTime(last) }) : t(m.reportedAt, { t: dateTime(item.reportedAt) })}
            </Typography.Text>
            {(toRate || detail?.access === 'follower') && (
              <Flex gap={6} style={{ marginTop: 6 }} wrap>
                {toRate && (
                  <Tag icon={<StarFilled />} color="gold" data-testid={`my-case-rate-${item.id}`}>
                    {t(m.rateNow)}
                  </Tag>
                )}
                {detail?.access === 'follower' && <Tag>{t(m.following)}</Tag>}
              </Flex>
            )}
          </div>
          <RightOutlined style={{ color: '#bbb', alignSelf: 'center' }} />
        </Flex>
      </Card>
    </Link>
  );
}
