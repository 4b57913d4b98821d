/**
 * /cases/:id — the one case page: staff see the whole file (clock, actions, internal timeline, extensions,
 * copies, cards, whistles); the reporter and followers see the public progress with the actions they may
 * take (withdraw, rate, unfollow). Refreshes itself when the case changes.
 */
import { useEffect, useState } from 'react';
import { Alert, Card, Col, Flex, Row, Tag, Typography } from 'antd';
import { ThunderboltOutlined } from '@ant-design/icons';
import { Link, useParams } from 'react-router';
import { ApiError } from '../../lib/api.js';
import { useMe } from '../../lib/auth.js';
import { useFetch } from '../../lib/use-fetch.js';
import { useI18n } from '../../lib/i18n.js';
import { ErrorState } from '../../ui/ErrorState.js';
import { Loading } from '../../ui/Loading.js';
import { PageHeader } from '../../ui/PageHeader.js';
import { useIsPhone } from '../../ui/use-phone.js';
import { CaseActions } from './CaseActions.js';
import { CaseClock } from './CaseClock.js';
import { CaseFacts } from './CaseFacts.js';
import { CasePhotos } from './CasePhotos.js';
import { CardsCard, CopiesCard, ExtensionsCard } from './CaseRecords.js';
import { CardTag, StatusTag } from './CaseTags.js';
import { CaseTimeline } from './CaseTimeline.js';
import { WhistlePanel } from './WhistlePanel.js';
import { PUBLIC_STATUS_LABELS } from './labels.js';
import { useCaseChanges } from './live.js';
import { m } from './messages.js';
import type { CaseDetail } from './types.js';

/** The case page. */
export function CasePage() {
  const { id } = useParams();
  const caseId = Number(id);
  const { t, pick } = useI18n();
  const me = useMe();
  const phone = useIsPhone();
  const valid = Number.isInteger(caseId) && caseId > 0;
  const fetched = useFetch<CaseDetail>(valid ? `/cases/${caseId}` : null);
  // The latest known state: from a load, or from the answer to an action.
  const [c, setC] = useState<CaseDetail>();
  useEffect(() => {
    if (fetched.data) setC(fetched.data);
  }, [fetched.data]);
  useEffect(() => setC(undefined), [caseId]);
  useCaseChanges(fetched.reload, (changed) => changed === caseId);

  if (!valid) return <ErrorState error={new ApiError(404, 'NOT_FOUND', '')} />;
  if (fetched.error && !c) return <ErrorState error={fetched.error} onRetry={fetched.reload} />;
  if (!c || c.id !== caseId) return <Loading height={400} />;

  const staff = c.access === 'staff';
  const actsForHolder = !!c.holder && me.grants.some((g) => g.nodeId === c.holder!.id);
  // A summoned department's (or the approving leader's) task is the whistle: show it first.
  const whistleTask = !!c.whistles?.some((x) => x.abilities.length > 0 || x.summons.some((s) => s.abilities.length > 0));
  const whistles = staff && <WhistlePanel c={c} onChanged={(next) => (next ? setC(next) : fetched.reload())} />;
  const category = c.category ? pick(c.category.nameZh, c.category.nameEn) : '';
  const title = (
    <Flex align="center" gap={8} wrap>
      <span data-testid="case-title">
        #{c.id} {category}
      </span>
      {staff ? <StatusTag status={c.status} testId="case-status" /> : <Tag color={c.publicStatus === 'open' ? 'processing' : 'success'} data-testid="case-status" data-status={c.status}>{t(PUBLIC_STATUS_LABELS[c.publicStatus])}</Tag>}
      {c.urgent && (
        <Tag color="volcano" icon={<ThunderboltOutlined />}>
          {t(m.urgent)}
        </Tag>
      )}
      <CardTag card={c.card} />
      {c.whistled && <Tag color="purple">{t(m.whistled)}</Tag>}
    </Flex>
  );

  const notices = (
    <>
      {c.mergedIntoId && <Alert type="info" showIcon title={<Link to={`/cases/${c.mergedIntoId}`}>{t(m.mergedInto, { id: c.mergedIntoId })}</Link>} />}
      {c.status === 'parked' && c.parkedReason && <Alert type="warning" showIcon title={t(m.parkedBecause, { reason: c.parkedReason })} />}
      {!staff && <Alert type="info" showIcon title={t(c.access === 'reporter' ? m.reporterView : m.followerView)} />}
    </>
  );

  return (
    <div data-testid="case-page" data-access={c.access}>
      <PageHeader
        title={title}
        documentTitle={t(m.caseTitle, { id: c.id })}
        back={staff ? { to: '/cases', label: t(m.backToList) } : { to: '/cases/mine', label: t(m.backToMine) }}
        subtitle={staff && c.holder && c.publicStatus === 'open' ? t(m.whoActs, { node: pick(c.holder.nameZh, c.holder.nameEn) }) : undefined}
      />
      <Flex vertical gap={12}>
        {staff && c.clock && c.publicStatus === 'open' && <CaseClock clock={c.clock} holderName={actsForHolder || !c.holder ? undefined : pick(c.holder.nameZh, c.holder.nameEn)} />}
        {notices}
        <CaseActions c={c} onChanged={setC} onReload={fetched.reload} />
        <Row gutter={[16, 16]}>
          <Col xs={24} lg={15}>
            <Flex vertical gap={16}>
              {whistleTask && whistles}
              <Card size="small" title={t(m.description)}>
                <Flex vertical gap={12}>
                  <Typography.Paragraph style={{ margin: 0, whiteSpace: 'pre-wrap', fontSize: 15 }} data-testid="case-description">
                    {c.description}
                  </Typography.Paragraph>
                  <CasePhotos c={c} onChanged={setC} />
                  {staff && (c.reopenCount > 0 || (c.reworkCount ?? 0) > 0) && (
                    <Flex gap={6}>
                      {c.reopenCount > 0 && <Tag>{t(m.reopenCount, { n: c.reopenCount })}</Tag>}
                      {(c.reworkCount ?? 0) > 0 && <Tag>{t(m.reworkCount, { n: c.reworkCount ?? 0 })}</Tag>}
                    </Flex>
                  )}
                </Flex>
              </Card>
              {/* On a phone the place comes right after the description: it is where one has to go. */}
              {phone && <CaseFacts c={c} />}
              {!whistleTask && whistles}
              <Card size="small" title={t(staff ? m.timeline : m.publicTimeline)}>
                <CaseTimeline events={c.timeline} staff={staff} nodes={c.parties.flatMap((p) => (p.node ? [p.node] : []))} />
              </Card>
            </Flex>
          </Col>
          <Col xs={24} lg={9}>
            <Flex vertical gap={16}>
              {!phone && <CaseFacts c={c} />}
              {staff && (
                <>
                  <ExtensionsCard c={c} />
                  <CopiesCard c={c} />
                  <CardsCard c={c} />
                </>
              )}
            </Flex>
          </Col>
        </Row>
      </Flex>
    </div>
  );
}
