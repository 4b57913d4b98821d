/** Data import: residents (people.import) and grid boundaries (grid.manage), each on its own tab. */
import { useState } from 'react';
import { Flex, Tabs } from 'antd';
import { useAuth } from '../../lib/auth.js';
import { useI18n } from '../../lib/i18n.js';
import { PageHeader } from '../../ui/PageHeader.js';
import { useQueryState } from '../../ui/use-query-state.js';
import { GridImportPanel } from '../geo/GridImportPanel.js';
import { ResidentsImportPanel } from './ResidentsImportPanel.js';
import { RecentImports } from './RecentImports.js';
import { m } from './messages.js';

const DEFAULTS = { tab: '' };

/** The imports page. */
export function ImportsPage() {
  const { t } = useI18n();
  const { can } = useAuth();
  const [query, setQuery] = useQueryState(DEFAULTS);
  const [version, setVersion] = useState(0);
  const tabs = [
    ...(can('people.import')
      ? [
          {
            key: 'residents',
            label: <span data-testid="imports-tab-residents">{t(m.residentsTab)}</span>,
            children: (
              <Flex vertical gap={16}>
                <ResidentsImportPanel onImported={() => setVersion((v) => v + 1)} />
                <RecentImports key={version} />
              </Flex>
            ),
          },
        ]
      : []),
    ...(can('grid.manage') ? [{ key: 'grids', label: <span data-testid="imports-tab-grids">{t(m.gridsTab)}</span>, children: <GridImportPanel /> }] : []),
  ];
  const active = tabs.some((x) => x.key === query.tab) ? query.tab : tabs[0]?.key;
  return (
    <div>
      <PageHeader title={t(m.title)} subtitle={t(m.subtitle)} />
      <Tabs activeKey={active} onChange={(tab) => setQuery({ tab })} items={tabs} />
    </div>
  );
}
