/**
 * The home page's "我的待办" card for staff who handle or dispatch cases: how many cases wait in their
 * inbox, how many are about to run out of time, how many carry a red card. Live: re-counts on changes.
 */
import { Card, Col, Row, Statistic } from 'antd';
import { RightOutlined } from '@ant-design/icons';
import { Link } from 'react-router';
import { useFetch } from '../../lib/use-fetch.js';
import { defineMessages, useI18n } from '../../lib/i18n.js';
import { ErrorState } from '../../ui/ErrorState.js';
import { deadlineState } from './deadline.js';
import { useCaseChanges } from './live.js';
import { useNow } from './CaseTags.js';
import type { CaseList } from './types.js';

const msg = defineMessages({
  title: { zh: '我的待办', en: 'My inbox' },
  waiting: { zh: '待办事件', en: 'Waiting' },
  dueSoon: { zh: '即将超时', en: 'Due soon' },
  red: { zh: '红牌', en: 'Red cards' },
  open: { zh: '进入待办', en: 'Open the inbox' },
  summary: { zh: '我的待办 {n} 件 · 即将超时 {soon} · 红牌 {red}', en: '{n} waiting · {soon} due soon · {red} red cards' },
});

/**
 * Deadline-first, the cases at risk come first: the first 100 hold every red card (their red limit has
 * passed) and, in practice, every case in early warning.
 */
const PATH = '/cases?view=inbox&open=1&sort=deadline&pageSize=100';

/** The card. */
export function InboxCard() {
  const { t } = useI18n();
  const now = useNow();
  const { data, error, reload } = useFetch<CaseList>(PATH);
  useCaseChanges(reload);
  if (error) return <ErrorState error={error} onRetry={reload} />;
  const states = (data?.items ?? []).map((c) => deadlineState({ card: c.card, yellowAt: c.yellowAt, redAt: c.redAt }, now));
  const soon = states.filter((s) => s?.level === 'warning').length;
  const red = states.filter((s) => s?.level === 'red').length;
  const n = data?.total ?? 0;
  const stat = (label: string, value: number, colour: string | undefined, to: string, testId: string) => (
    <Col xs={8}>
      <Link to={to} data-testid={testId}>
        <Statistic title={label} value={data ? value : '—'} styles={{ content: { color: colour, fontSize: 26 } }} />
      </Link>
    </Col>
  );
  return (
    <Card
      size="small"
      title={t(msg.title)}
      extra={
        <Link to="/cases?view=inbox" data-testid="home-inbox-open">
          {t(msg.open)} <RightOutlined />
        </Link>
      }
      data-testid="home-inbox"
      data-total={data ? n : undefined}
    >
      <Row gutter={8} aria-label={data ? t(msg.summary, { n, soon, red }) : undefined}>
          {stat(t(msg.waiting), n, '#1f5fbf', '/cases?view=inbox', 'home-inbox-total')}
          {stat(t(msg.dueSoon), soon, soon > 0 ? '#d48806' : undefined, '/cases?view=inbox&sort=deadline', 'home-inbox-soon')}
          {stat(t(msg.red), red, red > 0 ? '#cf1322' : undefined, '/cases?view=inbox&card=red', 'home-inbox-red')}
      </Row>
    </Card>
  );
}
