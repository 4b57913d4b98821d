/** The node's figures as cards: grids, buildings, households, residents, party members, key populations. */
import { Card, Flex, Statistic, Tag, Typography } from 'antd';
import { AppstoreOutlined, BankOutlined, HomeOutlined, TeamOutlined, FlagOutlined } from '@ant-design/icons';
import { Link } from 'react-router';
import { keyPopulationLabel } from '../../../common/key-populations.js';
import { useI18n } from '../../lib/i18n.js';
import { qs } from '../../lib/api.js';
import { num } from '../../lib/format.js';
import { home } from '../../shell/messages.js';
import { m } from './messages.js';
import type { Figures as FiguresT } from './types.js';

/** Stat cards; `nodeId` turns the people figures into links to the filtered lists. */
export function Figures({ figures, nodeId, hideGrids, linkPeople }: { figures: FiguresT; nodeId?: number; hideGrids?: boolean; linkPeople?: boolean }) {
  const { t, lang } = useI18n();
  const link = (path: string, extra: Record<string, string | number> = {}) => (linkPeople ? `${path}${qs({ nodeId, ...extra })}` : undefined);
  const stats = [
    ...(hideGrids ? [] : [{ key: 'grids', label: t(home.grids), value: figures.grids, icon: <AppstoreOutlined />, to: undefined as string | undefined }]),
    { key: 'buildings', label: t(home.buildings), value: figures.buildings, icon: <BankOutlined />, to: link('/people/buildings') },
    { key: 'households', label: t(home.households), value: figures.households, icon: <HomeOutlined />, to: link('/people/households') },
    { key: 'residents', label: t(home.residents), value: figures.residents, icon: <TeamOutlined />, to: link('/people/residents') },
    { key: 'partyMembers', label: t(home.partyMembers), value: figures.partyMembers, icon: <FlagOutlined />, to: link('/people/residents', { partyMember: 'true' }) },
  ];
  const tags = Object.entries(figures.keyPopulations).sort((a, b) => b[1] - a[1]);
  return (
    <Flex vertical gap={12} data-testid="figures">
      <div style={{ display: 'grid', gap: 12, gridTemplateColumns: 'repeat(auto-fit, minmax(150px, 1fr))' }}>
        {stats.map((s) => {
          const card = (
            <Card size="small" hoverable={!!s.to} styles={{ body: { padding: '12px 16px' } }} style={{ height: '100%' }}>
              <Statistic title={<span>{s.icon} {s.label}</span>} value={num(s.value, lang)} data-testid={`figure-${s.key}`} />
            </Card>
          );
          return s.to ? (
            <Link key={s.key} to={s.to}>
              {card}
            </Link>
          ) : (
            <div key={s.key}>{card}</div>
          );
        })}
      </div>
      <Card size="small" title={t(m.keyPops)}>
        {tags.length === 0 ? (
          <Typography.Text type="secondary">{t(m.noKeyPops)}</Typography.Text>
        ) : (
          <Flex wrap gap={8}>
            {tags.map(([tag, n]) => {
              const label = (
                <Tag key={tag} color="orange" style={{ fontSize: 13, padding: '2px 8px' }}>
                  {keyPopulationLabel(tag, lang)} <b>{num(n, lang)}</b>
                </Tag>
              );
              return linkPeople ? (
                <Link key={tag} to={`/people/residents${qs({ nodeId, tag })}`}>
                  {label}
                </Link>
              ) : (
                label
              );
            })}
          </Flex>
        )}
      </Card>
    </Flex>
  );
}
