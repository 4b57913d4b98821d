/**
 * "Already reported nearby": open cases of the chosen category within 250 m of the point
 * (GET /api/cases/nearby). Following one (POST /api/cases/:id/follow) replaces filing a duplicate.
 */
import { useEffect, useState } from 'react';
import { Alert, App, Button, Card, Flex, Typography } from 'antd';
import { EyeOutlined, WarningOutlined } from '@ant-design/icons';
import { ApiError, get, post } from '../../../lib/api.js';
import { useI18n } from '../../../lib/i18n.js';
import { dateTime } from '../../../lib/format.js';
import { m } from './messages.js';

/** One nearby case as GET /api/cases/nearby lists it. */
export interface NearbyCase {
  id: number;
  status: string;
  description: string;
  address: string;
  reportedAt: string;
  distance: number;
  followable: boolean;
}

export interface NearbyCasesProps {
  categoryId: number | null;
  point: { lat: number; lng: number } | null;
  /** The user follows a case instead of filing: the page leads there. */
  onFollowed(caseId: number): void;
}

/** The duplicate hint; renders nothing when there is no nearby case. */
export function NearbyCases({ categoryId, point, onFollowed }: NearbyCasesProps) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [items, setItems] = useState<NearbyCase[]>([]);
  const [busy, setBusy] = useState<number | null>(null);
  const [error, setError] = useState<string>();

  useEffect(() => {
    setItems([]);
    if (!categoryId || !point) return;
    const ctl = new AbortController();
    get<{ items: NearbyCase[] }>(`/cases/nearby?categoryId=${categoryId}&lat=${point.lat}&lng=${point.lng}`, { signal: ctl.signal })
      .then((r) => setItems(r.items))
      .catch(() => setItems([])); // only a hint: filing still works without it
    return () => ctl.abort();
  }, [categoryId, point?.lat, point?.lng]); // eslint-disable-line react-hooks/exhaustive-deps

  if (items.length === 0) return null;

  const follow = async (id: number) => {
    setBusy(id);
    setError(undefined);
    try {
      await post(`/cases/${id}/follow`);
      message.success(t(m.followed));
      onFollowed(id);
    } catch (e) {
      // One's own report: nothing to follow, it is hers already.
      if (e instanceof ApiError && e.code === 'CASE_FOLLOW_OWN') return onFollowed(id);
      setError(e instanceof ApiError ? e.message : String(e));
    } finally {
      setBusy(null);
    }
  };

  return (
    <Card
      size="small"
      style={{ borderColor: '#faad14', background: '#fffbe6' }}
      title={
        <Flex align="center" gap={8}>
          <WarningOutlined style={{ color: '#d48806' }} />
          <span>{t(m.nearbyTitle)}</span>
        </Flex>
      }
      data-testid="report-nearby"
    >
      <Typography.Paragraph style={{ marginBottom: 8 }}>{t(m.nearbyHint, { n: items.length })}</Typography.Paragraph>
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 8 }} />}
      <Flex vertical gap={8}>
        {items.map((c) => (
          <Flex key={c.id} gap={10} align="center" style={{ background: '#fff', borderRadius: 8, padding: '10px 12px', border: '1px solid #f0f0f0' }} data-testid={`report-nearby-${c.id}`}>
            <div style={{ flex: 1, minWidth: 0 }}>
              <Typography.Paragraph ellipsis={{ rows: 2 }} style={{ margin: 0, fontSize: 15 }}>
                {c.description}
              </Typography.Paragraph>
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {[c.distance < 10 ? t(m.distanceClose) : t(m.distance, { m: c.distance }), c.address, t(m.reportedAt, { t: dateTime(c.reportedAt) })].filter(Boolean).join(' · ')}
              </Typography.Text>
            </div>
            {c.followable && (
              <Button type="primary" ghost size="large" icon={<EyeOutlined />} loading={busy === c.id} onClick={() => void follow(c.id)} data-testid={`report-nearby-follow-${c.id}`}>
                {t(m.follow)}
              </Button>
            )}
          </Flex>
        ))}
      </Flex>
    </Card>
  );
}
