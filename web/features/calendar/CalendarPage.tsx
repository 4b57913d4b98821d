/** The working-day calendar (工作日历): a year of month grids; administrators set holidays and make-up working days. */
import { useMemo, useState } from 'react';
import { Alert, Button, Card, Col, Flex, Row, Space, Typography } from 'antd';
import { LeftOutlined, RightOutlined } from '@ant-design/icons';
import { CALENDAR_YEAR_MAX, CALENDAR_YEAR_MIN } from '../../../common/contracts/calendar.js';
import { WorkCalendar, type DayStatus } from '../../../common/working-days.js';
import { useFetch } from '../../lib/use-fetch.js';
import { useI18n } from '../../lib/i18n.js';
import { ErrorState } from '../../ui/ErrorState.js';
import { Loading } from '../../ui/Loading.js';
import { PageHeader } from '../../ui/PageHeader.js';
import { useQueryState } from '../../ui/use-query-state.js';
import { useIsPhone } from '../../ui/use-phone.js';
import type { CalendarYear } from './types.js';
import { DAY_COLOURS, TODAY_OUTLINE } from './colours.js';
import { MonthGrid } from './MonthGrid.js';
import { DayDialog } from './DayDialog.js';
import { OverrideList } from './OverrideList.js';
import { m, STATUS } from './messages.js';

const DEFAULTS = { year: '' };
const LEGEND: DayStatus[] = ['working', 'weekend', 'holiday', 'makeup'];

/** A colour swatch with its name. */
function Swatch({ status }: { status: DayStatus }) {
  const { t } = useI18n();
  const c = DAY_COLOURS[status];
  return (
    <Space size={6} data-testid={`calendar-legend-${status}`}>
      <span style={{ display: 'inline-block', width: 18, height: 18, borderRadius: 4, background: c.background, border: `1px solid ${c.border}`, verticalAlign: 'middle' }} />
      <span>{t(STATUS[status])}</span>
    </Space>
  );
}

/** The calendar page. */
export function CalendarPage() {
  const { t } = useI18n();
  const phone = useIsPhone();
  const [query, setQuery] = useQueryState(DEFAULTS);
  const [picked, setPicked] = useState<string | null>(null);
  const { data, error, loading, reload } = useFetch<CalendarYear>(`/calendar${query.year ? `?year=${encodeURIComponent(query.year)}` : ''}`);

  const calendar = useMemo(() => new WorkCalendar((data?.days ?? []).map((d) => [d.day, d.kind] as const)), [data]);
  const overrides = useMemo(() => new Map((data?.days ?? []).map((d) => [d.day, d])), [data]);
  const year = data?.year ?? (Number(query.year) || null);
  const go = (y: number) => setQuery({ year: String(y) });

  const switcher = year !== null && (
    <Space.Compact>
      <Button icon={<LeftOutlined />} aria-label={t(m.previousYear)} disabled={year <= CALENDAR_YEAR_MIN} onClick={() => go(year - 1)} data-testid="calendar-prev-year" />
      <Button style={{ minWidth: 96, fontWeight: 600 }} data-testid="calendar-year">
        {t(m.yearLabel, { year })}
      </Button>
      <Button icon={<RightOutlined />} aria-label={t(m.nextYear)} disabled={year >= CALENDAR_YEAR_MAX} onClick={() => go(year + 1)} data-testid="calendar-next-year" />
    </Space.Compact>
  );

  const holidays = data?.days.filter((d) => d.kind === 'holiday').length ?? 0;
  const makeups = data?.days.filter((d) => d.kind === 'workday').length ?? 0;
  const editable = !!data?.abilities.configure;

  return (
    <div data-testid="calendar-page">
      <PageHeader title={t(m.title)} subtitle={t(m.subtitle)} extra={switcher} />
      {error ? (
        <ErrorState error={error} onRetry={reload} />
      ) : !data ? (
        <Loading height={400} />
      ) : (
        <Flex vertical gap={phone ? 12 : 16} style={{ opacity: loading ? 0.6 : 1, transition: 'opacity .2s' }}>
          <Card size="small">
            <Flex justify="space-between" align="center" gap={12} wrap>
              <Flex gap={phone ? 10 : 20} wrap align="center" data-testid="calendar-legend">
                {LEGEND.map((s) => (
                  <Swatch key={s} status={s} />
                ))}
                <Space size={6}>
                  <span style={{ display: 'inline-block', width: 18, height: 18, borderRadius: 4, outline: `2px solid ${TODAY_OUTLINE}`, outlineOffset: -2, verticalAlign: 'middle' }} />
                  <span>{t(m.today)}</span>
                </Space>
              </Flex>
              <Flex vertical align={phone ? 'flex-start' : 'flex-end'}>
                <Typography.Text strong data-testid="calendar-working-days">
                  {t(m.workingDaysYear, { n: data.workingDays })}
                </Typography.Text>
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {t(m.overridesYear, { h: holidays, w: makeups })}
                </Typography.Text>
              </Flex>
            </Flex>
            {editable && (
              <Typography.Text type="secondary" style={{ fontSize: 12, display: 'block', marginTop: 8 }}>
                {t(m.clickHint)}
              </Typography.Text>
            )}
          </Card>
          {data.days.length === 0 && <Alert type="warning" showIcon title={t(m.noOverrides, { year: data.year })} data-testid="calendar-empty-year" />}
          <Row gutter={[phone ? 8 : 12, phone ? 8 : 12]}>
            {data.months.map((month) => (
              <Col key={month.month} xs={24} sm={12} lg={8} xxl={6}>
                <MonthGrid year={data.year} month={month} calendar={calendar} overrides={overrides} today={data.today} onPick={editable ? setPicked : undefined} />
              </Col>
            ))}
          </Row>
          {data.days.length > 0 && <OverrideList days={data.days} onPick={editable ? setPicked : undefined} />}
        </Flex>
      )}
      {data && (
        <DayDialog day={picked} calendar={calendar} override={picked ? overrides.get(picked) : undefined} onClose={() => setPicked(null)} onChanged={reload} />
      )}
    </div>
  );
}
