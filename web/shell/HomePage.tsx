/** Home: greeting, the figures of each area the user is responsible for, a grid worker's grid and today's patrol. */
import { useEffect } from 'react';
import { Alert, Card, Col, Flex, Row, Typography } from 'antd';
import { Link } from 'react-router';
import { useMe, type MeGrant } from '../lib/auth.js';
import { common } from '../lib/messages.js';
import { useI18n } from '../lib/i18n.js';
import { useFetch } from '../lib/use-fetch.js';
import { roleLabel, nodeTypeLabel } from '../lib/labels.js';
import { ErrorState } from '../ui/ErrorState.js';
import { Loading } from '../ui/Loading.js';
import { Figures } from '../features/org/Figures.js';
import type { NodeDetail } from '../features/org/types.js';
import { TodayPatrolCard } from '../features/patrol/TodayPatrolCard.js';
import { InboxCard } from '../features/cases/InboxCard.js';
import { visibleItems, ACCOUNT_ITEM } from './nav-items.js';
import { home } from './messages.js';

const ADMIN_TYPES = ['city', 'district', 'street', 'community', 'grid'];

/** Figures (or a short card for non-area nodes) of one grant's node. */
function GrantOverview({ grant }: { grant: MeGrant }) {
  const { t, pick } = useI18n();
  const { data, error, reload } = useFetch<NodeDetail>(`/org/nodes/${grant.nodeId}`);
  const name = pick(grant.nodeNameZh, grant.nodeNameEn);
  const title = grant.role === 'grid_worker' ? `${t(home.myGrid)} · ${name}` : `${t(roleLabel(grant.role))} · ${name}`;
  if (error) return <ErrorState error={error} onRetry={reload} />;
  if (!data) return <Loading height={120} />;
  const area = ADMIN_TYPES.includes(data.type);
  return (
    <Flex vertical gap={12} data-testid={`home-grant-${grant.id}`}>
      <Flex justify="space-between" align="baseline" wrap gap={8}>
        <Typography.Title level={5} style={{ margin: 0 }}>
          {title}
        </Typography.Title>
        <Link to={data.type === 'grid' ? `/grids/${data.id}` : `/org/${data.id}?tree=${data.tree}`}>
          {data.type === 'grid' ? t(home.openGrid) : t(home.openNode)}
        </Link>
      </Flex>
      {area ? (
        <Figures figures={data.figures} nodeId={data.id} hideGrids={data.type === 'grid'} linkPeople={data.abilities.includes('people.read')} />
      ) : (
        <Card size="small">
          <Typography.Text>
            {pick(data.nameZh, data.nameEn)} · {t(nodeTypeLabel(data.type))}
          </Typography.Text>
          {data.ancestors.length > 0 && (
            <Typography.Paragraph type="secondary" style={{ margin: '4px 0 0' }}>
              {data.ancestors.map((a) => pick(a.nameZh, a.nameEn)).join(' / ')}
            </Typography.Paragraph>
          )}
        </Card>
      )}
    </Flex>
  );
}

/** The home page. */
export function HomePage() {
  const me = useMe();
  const { t, pick } = useI18n();
  useEffect(() => {
    document.title = t(common.productFull);
  }, [t]);
  const withFigures = me.grants.filter((g) => g.permissions.includes('org.read'));
  const gridGrants = me.grants.filter((g) => g.role === 'grid_worker');
  const residentGrant = me.grants.find((g) => g.role === 'resident');
  const shortcuts = [...visibleItems(me).filter((i) => i.key !== 'home'), ACCOUNT_ITEM];

  return (
    <Flex vertical gap={20} data-testid="home">
      <div>
        <Typography.Title level={3} style={{ margin: 0 }}>
          {t(home.greeting, { name: me.displayName })}
        </Typography.Title>
      </div>
      {me.grants.length === 0 && <Alert type="info" showIcon title={t(home.noGrants)} />}
      {residentGrant && (
        <Card data-testid="home-resident">
          <Typography.Paragraph style={{ fontSize: 16 }}>{t(home.residentWelcome, { grid: pick(residentGrant.nodeNameZh, residentGrant.nodeNameEn) })}</Typography.Paragraph>
          <Typography.Text type="secondary">{t(home.residentHint)}</Typography.Text>
        </Card>
      )}
      {(me.permissions.includes('case.handle') || me.permissions.includes('case.dispatch')) && <InboxCard />}
      {gridGrants.length > 0 && (
        <Row gutter={[16, 16]}>
          {gridGrants.map((g) => (
            <Col key={g.id} xs={24} md={gridGrants.length > 1 ? 12 : 24}>
              <TodayPatrolCard gridId={g.nodeId} title={gridGrants.length > 1 ? pick(g.nodeNameZh, g.nodeNameEn) : undefined} />
            </Col>
          ))}
        </Row>
      )}
      {withFigures.map((g) => (
        <GrantOverview key={g.id} grant={g} />
      ))}
      {shortcuts.length > 0 && (
        <Card size="small" title={t(home.shortcuts)}>
          <Row gutter={[8, 8]}>
            {shortcuts.map((i) => (
              <Col key={i.key} xs={8} sm={6} md={4}>
                <Link to={i.path} data-testid={`shortcut-${i.key}`}>
                  <Flex vertical align="center" gap={4} style={{ padding: '10px 4px', borderRadius: 8, background: '#f7f8fa', color: '#333' }}>
                    <span style={{ fontSize: 22, color: '#1f5fbf' }}>{i.icon}</span>
                    <span style={{ fontSize: 13, textAlign: 'center' }}>{t(i.label)}</span>
                  </Flex>
                </Link>
              </Col>
            ))}
          </Row>
        </Card>
      )}
    </Flex>
  );
}
