/**
 * The confirmation after filing: the case number, where it went and what happens next (the accept limit
 * comes from the category's deadline limits), a link to the case page.
 */
import { Button, Card, Flex, Result, Typography } from 'antd';
import { CheckCircleFilled } from '@ant-design/icons';
import { Link } from 'react-router';
import { useFetch } from '../../../lib/use-fetch.js';
import { useI18n } from '../../../lib/i18n.js';
import { m } from './messages.js';

/** What the confirmation needs of POST /api/cases's (short) answer. */
export interface FiledCase {
  id: number;
  status: string;
  replayed: boolean;
  category: { id: number; nameZh: string; nameEn: string } | null;
  holder: { nameZh: string; nameEn: string } | null;
}

interface CategoryLimits {
  resolvedLimits?: { admin?: { accept?: { red?: number } } };
}

/** The confirmation. */
export function ReportDone({ filed, resident, onAnother }: { filed: FiledCase; resident: boolean; onAnother(): void }) {
  const { t, pick } = useI18n();
  const limits = useFetch<CategoryLimits>(filed.status === 'reported' && filed.category ? `/categories/${filed.category.id}` : null);
  const unit = pick(filed.holder?.nameZh, filed.holder?.nameEn);
  const days = limits.data?.resolvedLimits?.admin?.accept?.red;
  const steps: string[] = [];
  if (filed.status === 'in_progress') steps.push(t(m.nextPatrol, { unit }));
  else if (filed.status === 'handled') steps.push(t(m.nextOnSpot, { unit }));
  else if (!resident) steps.push(t(m.nextStaff, { unit }));
  else {
    steps.push(days ? t(m.nextAccept, { unit, days }) : t(m.nextAcceptSoon, { unit }));
    steps.push(t(m.nextNotify), t(m.nextRate));
  }

  return (
    <Card data-testid="report-done" data-case-id={filed.id}>
      <Result
        icon={<CheckCircleFilled style={{ color: '#389e0d' }} />}
        title={t(m.doneTitle)}
        subTitle={
          <Typography.Text style={{ fontSize: 18 }} strong data-testid="report-done-number">
            {t(m.doneNumber, { id: filed.id })}
          </Typography.Text>
        }
        style={{ padding: '16px 0' }}
      />
      {filed.replayed && (
        <Typography.Paragraph type="secondary" style={{ textAlign: 'center' }} data-testid="report-done-replayed">
          {t(m.doneReplayed)}
        </Typography.Paragraph>
      )}
      <div style={{ background: '#f6f8fb', borderRadius: 8, padding: '12px 16px', marginBottom: 16 }}>
        <Typography.Text strong>{t(m.nextTitle)}</Typography.Text>
        <ol style={{ margin: '8px 0 0', paddingInlineStart: 20, lineHeight: 1.8, fontSize: 15 }} data-testid="report-done-next">
          {steps.map((s) => (
            <li key={s}>{s}</li>
          ))}
        </ol>
      </div>
      <Flex vertical gap={10}>
        <Link to={`/cases/${filed.id}`}>
          <Button type="primary" size="large" block data-testid="report-done-view">
            {t(m.viewCase)}
          </Button>
        </Link>
        <Flex gap={10}>
          <Button size="large" style={{ flex: 1 }} onClick={onAnother} data-testid="report-done-another">
            {t(m.another)}
          </Button>
          <Link to="/cases/mine" style={{ flex: 1 }}>
            <Button size="large" block data-testid="report-done-mine">
              {t(m.myReports)}
            </Button>
          </Link>
        </Flex>
      </Flex>
    </Card>
  );
}
