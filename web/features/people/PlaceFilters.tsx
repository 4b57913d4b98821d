/** Search box and area picker shared by the households and buildings lists. */
import { Card, Col, Row } from 'antd';
import { SearchBox } from '../../ui/SearchBox.js';
import { useI18n } from '../../lib/i18n.js';
import { NodePicker } from '../org/NodePicker.js';
import { m } from './messages.js';

const AREA_TYPES = ['city', 'district', 'street', 'community', 'grid'];

/** The filter bar. */
export function PlaceFilters({ q, nodeId, onChange, testPrefix }: { q: string; nodeId: string; onChange(p: { q?: string; nodeId?: string }): void; testPrefix: string }) {
  const { t } = useI18n();
  return (
    <Card size="small" style={{ marginBottom: 12 }}>
      <Row gutter={[12, 12]}>
        <Col xs={24} md={12} xl={10}>
          <SearchBox key={q} defaultValue={q} placeholder={t(m.searchPlaces)} onSearch={(v) => onChange({ q: v })} testId={`${testPrefix}-search`} />
        </Col>
        <Col xs={24} md={12} xl={8}>
          <NodePicker
            value={nodeId ? Number(nodeId) : null}
            onChange={(id) => onChange({ nodeId: id ? String(id) : '' })}
            types={AREA_TYPES}
            placeholder={t(m.allAreas)}
            testId={`${testPrefix}-filter-node`}
          />
        </Col>
      </Row>
    </Card>
  );
}
