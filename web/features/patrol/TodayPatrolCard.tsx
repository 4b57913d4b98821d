/** A grid worker's patrol today: how many entries, the latest notes, and a button to write one. */
import { Button, Card, Typography } from 'antd';
import { EditOutlined } from '@ant-design/icons';
import { Link } from 'react-router';
import { qs } from '../../lib/api.js';
import { useFetch } from '../../lib/use-fetch.js';
import { useI18n } from '../../lib/i18n.js';
import { timeOfDay, today } from '../../lib/format.js';
import type { PatrolList } from './types.js';
import { m } from './messages.js';

/** Today's patrol card for one grid. */
export function TodayPatrolCard({ gridId, title }: { gridId: number; title?: string }) {
  const { t } = useI18n();
  const day = today();
  const { data, error } = useFetch<PatrolList>(`/patrols${qs({ gridId, from: day, to: day })}`);
  const latest = data?.items[0];
  return (
    <Card
      title={title ? `${t(m.today)} · ${title}` : t(m.today)}
      data-testid="home-today-patrol"
      extra={
        <Link to="/patrol">
          <Button type="primary" size="small" icon={<EditOutlined />} data-testid="home-write-patrol">
            {t(m.writeToday)}
          </Button>
        </Link>
      }
    >
      {error ? (
        <Typography.Text type="secondary">{error.status === 404 ? t(m.notAvailable) : error.message}</Typography.Text>
      ) : !data ? null : data.total === 0 ? (
        <Typography.Text type="secondary">{t(m.noneToday)}</Typography.Text>
      ) : (
        <>
          <Typography.Text strong>{t(m.countToday, { n: data.total })}</Typography.Text>
          {latest && (
            <Typography.Paragraph type="secondary" ellipsis={{ rows: 2 }} style={{ margin: '6px 0 0' }}>
              {timeOfDay(latest.startedAt)} {latest.notes}
            </Typography.Paragraph>
          )}
        </>
      )}
    </Card>
  );
}
