/** What a split or merge did: the new grids, what moved, and party organisations to relink. */
import { Flex, List, Tag, Typography } from 'antd';
import { Link } from 'react-router';
import { useI18n } from '../../lib/i18n.js';
import { rd } from './messages.js';
import { common } from '../../lib/messages.js';

export interface RedivideOutcome {
  changeId: number;
  created: { id: number; code: string; nameZh: string; nameEn: string }[] | { id: number; code: string; nameZh: string; nameEn: string };
  counts?: { buildings: number; households: number; residents: number };
  grants?: unknown[];
  partyNodesOnRetiredGrids?: { id: number; code: string; nameZh: string; nameEn: string }[];
}

/** The outcome summary. */
export function RedivideResult({ outcome }: { outcome: RedivideOutcome }) {
  const { t, pick } = useI18n();
  const created = Array.isArray(outcome.created) ? outcome.created : [outcome.created];
  return (
    <Flex vertical gap={10} data-testid="redivide-result">
      <div>
        <Typography.Text strong>{t(rd.created)}{t(common.colon)}</Typography.Text>
        <Flex wrap gap={4} style={{ marginTop: 4 }}>
          {created.map((g) => (
            <Link key={g.id} to={`/grids/${g.id}`}>
              <Tag color="blue">
                {pick(g.nameZh, g.nameEn)} · {g.code}
              </Tag>
            </Link>
          ))}
        </Flex>
      </div>
      {outcome.counts && <Typography.Text>{t(rd.moved, { ...outcome.counts })}</Typography.Text>}
      {outcome.grants && outcome.grants.length > 0 && <Typography.Text>{t(rd.grantsMoved, { n: outcome.grants.length })}</Typography.Text>}
      {outcome.partyNodesOnRetiredGrids && outcome.partyNodesOnRetiredGrids.length > 0 && (
        <div>
          <Typography.Text type="warning">{t(rd.partyRelink)}</Typography.Text>
          <List
            size="small"
            dataSource={outcome.partyNodesOnRetiredGrids}
            renderItem={(p) => (
              <List.Item>
                <Link to={`/org/${p.id}?tree=party`}>{pick(p.nameZh, p.nameEn)}</Link>
              </List.Item>
            )}
          />
        </div>
      )}
    </Flex>
  );
}
