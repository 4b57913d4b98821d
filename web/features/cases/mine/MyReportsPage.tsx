/**
 * /cases/mine — 我的上报 / My reports: the cases the user reported or follows (GET /api/cases?view=mine),
 * newest first, as cards; pull down (phone) or the refresh button to reload; "show more" pages on.
 */
import { useCallback, useEffect, useState } from 'react';
import { Alert, Button, Empty, Flex, Typography } from 'antd';
import { CameraOutlined, ReloadOutlined } from '@ant-design/icons';
import { Link } from 'react-router';
import { ApiError, get } from '../../../lib/api.js';
import { useI18n } from '../../../lib/i18n.js';
import { PageHeader } from '../../../ui/PageHeader.js';
import { Loading } from '../../../ui/Loading.js';
import { useIsPhone } from '../../../ui/use-phone.js';
import { MyReportCard, type MyCaseItem } from './MyReportCard.js';
import { usePullToRefresh } from './pull-to-refresh.js';
import { m } from './messages.js';

const PAGE_SIZE = 10;

interface ListAnswer {
  items: MyCaseItem[];
  total: number;
}

/** The page. */
export function MyReportsPage() {
  const { t, lang } = useI18n();
  const phone = useIsPhone();
  const [items, setItems] = useState<MyCaseItem[] | null>(null);
  const [total, setTotal] = useState(0);
  const [page, setPage] = useState(1);
  const [error, setError] = useState<string>();
  const [more, setMore] = useState(false);
  // Bumped on each reload so the cards re-read their cases.
  const [generation, setGeneration] = useState(0);

  const load = useCallback(async () => {
    try {
      const r = await get<ListAnswer>(`/cases?view=mine&sort=newest&page=1&pageSize=${PAGE_SIZE}`);
      setItems(r.items);
      setTotal(r.total);
      setPage(1);
      setError(undefined);
      setGeneration((g) => g + 1);
    } catch (e) {
      setError(e instanceof ApiError ? e.message : String(e));
    }
  }, []);
  useEffect(() => {
    void load();
  }, [load, lang]);

  const { indicator, refreshing } = usePullToRefresh(load, phone);

  const loadMore = async () => {
    setMore(true);
    try {
      const r = await get<ListAnswer>(`/cases?view=mine&sort=newest&page=${page + 1}&pageSize=${PAGE_SIZE}`);
      setItems((list) => [...(list ?? []), ...r.items.filter((i) => !list?.some((x) => x.id === i.id))]);
      setTotal(r.total);
      setPage(page + 1);
    } catch (e) {
      setError(e instanceof ApiError ? e.message : String(e));
    } finally {
      setMore(false);
    }
  };

  const newButton = (
    <Link to="/cases/new">
      <Button type="primary" icon={<CameraOutlined />} size={phone ? 'middle' : 'large'} data-testid="mine-new">
        {t(m.newReport)}
      </Button>
    </Link>
  );
  return (
    <div style={{ maxWidth: 760, margin: '0 auto' }} data-testid="my-reports">
      {phone && indicator}
      <PageHeader
        title={t(m.title)}
        subtitle={t(m.subtitle)}
        extra={
          <>
            {!phone && (
              <Button icon={<ReloadOutlined />} size="large" onClick={() => void load()} data-testid="mine-reload">
                {t(m.reload)}
              </Button>
            )}
            {newButton}
          </>
        }
      />
      {error && <Alert type="error" showIcon title={error} action={<Button onClick={() => void load()}>{t(m.reload)}</Button>} style={{ marginBottom: 12 }} data-testid="state-error" />}
      {items === null ? (
        !error && <Loading />
      ) : items.length === 0 ? (
        <Empty
          image={Empty.PRESENTED_IMAGE_SIMPLE}
          description={
            <Flex vertical gap={4} style={{ maxWidth: 420, margin: '0 auto' }}>
              <Typography.Text strong style={{ fontSize: 16 }}>
                {t(m.emptyTitle)}
              </Typography.Text>
              <Typography.Text type="secondary">{t(m.emptyHint)}</Typography.Text>
            </Flex>
          }
          style={{ padding: '40px 0' }}
          data-testid="mine-empty"
        >
          <Link to="/cases/new">
            <Button type="primary" size="large" icon={<CameraOutlined />} data-testid="mine-empty-new">
              {t(m.newReport)}
            </Button>
          </Link>
        </Empty>
      ) : (
        <Flex vertical gap={10} data-testid="mine-list" aria-busy={refreshing}>
          {items.map((i) => (
            <MyReportCard key={`${i.id}-${generation}`} item={i} />
          ))}
          <Flex justify="center" align="center" gap={12} style={{ padding: '8px 0' }}>
            <Typography.Text type="secondary">{t(m.shown, { total })}</Typography.Text>
            {items.length < total && (
              <Button onClick={() => void loadMore()} loading={more} data-testid="mine-more">
                {t(m.loadMore)}
              </Button>
            )}
          </Flex>
        </Flex>
      )}
    </div>
  );
}
