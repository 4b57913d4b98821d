/** One resident: basic facts, household and grid, and masked personal fields each with a "View" button. */
import { useState } from 'react';
import { App, Button, Card, Col, Descriptions, Flex, Row, Tooltip, Typography } from 'antd';
import { EditOutlined, EyeOutlined, LockOutlined } from '@ant-design/icons';
import { Link, useParams } from 'react-router';
import { PERSONAL_FIELDS } from '../../../common/mask.js';
import { useFetch } from '../../lib/use-fetch.js';
import { useI18n } from '../../lib/i18n.js';
import { dateTime } from '../../lib/format.js';
import { ErrorState } from '../../ui/ErrorState.js';
import { Loading } from '../../ui/Loading.js';
import { PageHeader } from '../../ui/PageHeader.js';
import { PartyBadge, TagList, relationLabel } from './labels.js';
import { RevealDialog, type RevealTarget } from './RevealDialog.js';
import type { PersonalField, ResidentDetail } from './types.js';
import { edit, m, reveal as r } from './messages.js';
import { ResidentEditDialog } from './ResidentEditDialog.js';

/** The resident page. */
export function ResidentPage() {
  const { id } = useParams();
  const { t, lang, pick } = useI18n();
  const { message } = App.useApp();
  const { data: fetched, error, reload } = useFetch<ResidentDetail>(`/people/residents/${id}`);
  const [target, setTarget] = useState<RevealTarget | null>(null);
  const [revealed, setRevealed] = useState<Partial<Record<PersonalField, string | null>>>({});
  const [editing, setEditing] = useState(false);
  const [saved, setSaved] = useState<ResidentDetail>();

  if (error) return <ErrorState error={error} onRetry={reload} />;
  if (!fetched) return <Loading />;
  // After an edit, show what the server returned.
  const data = saved?.id === fetched.id ? saved : fetched;
  const h = data.household;
  const fieldLabel = (f: PersonalField) => t(m[f]);

  const personal = PERSONAL_FIELDS.map((f) => {
    const shown = f in revealed;
    const masked = data[f];
    return {
      key: f,
      label: fieldLabel(f),
      children: (
        <Flex align="center" gap={8} wrap data-testid={`personal-${f}`}>
          {shown ? (
            <Typography.Text strong copyable={!!revealed[f]} data-testid={`revealed-${f}`}>
              {revealed[f] ?? t(r.empty)}
            </Typography.Text>
          ) : (
            <Typography.Text type={masked ? undefined : 'secondary'}>{masked ?? t(m.notRecorded)}</Typography.Text>
          )}
          {shown ? (
            <Button size="small" type="link" onClick={() => setRevealed(({ [f]: _gone, ...rest }) => rest)}>
              {t(r.hide)}
            </Button>
          ) : masked && data.abilities.reveal ? (
            <Button size="small" icon={<EyeOutlined />} onClick={() => setTarget({ residentId: data.id, field: f, label: fieldLabel(f) })} data-testid={`reveal-${f}`}>
              {t(m.view)}
            </Button>
          ) : masked ? (
            <Tooltip title={t(m.noRevealRight)}>
              <LockOutlined style={{ color: '#bbb' }} />
            </Tooltip>
          ) : null}
        </Flex>
      ),
    };
  });

  return (
    <div data-testid="resident-page">
      <PageHeader
        documentTitle={data.name}
        title={
          <Flex align="center" gap={8} wrap>
            {data.name}
            {data.isPartyMember && <PartyBadge />}
          </Flex>
        }
        subtitle={`${t(data.gender === 'M' ? m.male : m.female)} · ${t(m.ageYears, { n: data.age })} · ${data.ethnicity}`}
        back={{ to: '/people/residents', label: t(m.backResidents) }}
        extra={
          data.abilities.edit && (
            <Button icon={<EditOutlined />} onClick={() => setEditing(true)} data-testid="resident-edit">
              {t(edit.button)}
            </Button>
          )
        }
      />
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={12}>
          <Card title={t(m.basics)}>
            <Descriptions
              column={1}
              size="small"
              items={[
                { key: 'relation', label: t(m.relation), children: relationLabel(data.relation, lang) },
                {
                  key: 'household',
                  label: t(m.household),
                  children: (
                    <Link to={`/people/households/${h.id}`} data-testid="resident-household-link">
                      {h.householdNo}
                    </Link>
                  ),
                },
                { key: 'address', label: t(m.address), children: h.address },
                ...(h.house
                  ? [
                      {
                        key: 'house',
                        label: t(m.house),
                        children: (
                          <span>
                            {h.house.building && <Link to={`/people/buildings/${h.house.building.id}`}>{h.house.building.name}</Link>}{' '}
                            {t(m.houseText, { unit: h.house.unitNo, room: h.house.roomNo, floor: h.house.floor })}
                          </span>
                        ),
                      },
                    ]
                  : []),
                { key: 'grid', label: t(m.grid), children: <Link to={`/grids/${data.grid.id}`}>{pick(data.grid.nameZh, data.grid.nameEn)}</Link> },
                ...(data.party ? [{ key: 'party', label: t(m.party), children: pick(data.party.nameZh, data.party.nameEn) }] : []),
                { key: 'tags', label: t(m.tags), children: <TagList tags={data.tags} empty /> },
                { key: 'updated', label: t(m.updatedAt), children: dateTime(data.updatedAt) },
              ]}
            />
          </Card>
        </Col>
        <Col xs={24} lg={12}>
          <Card title={<span><LockOutlined /> {t(m.personal)}</span>}>
            <Typography.Paragraph type="secondary" style={{ fontSize: 13 }}>
              {data.abilities.reveal ? t(m.personalHint) : t(m.noRevealRight)}
            </Typography.Paragraph>
            <Descriptions column={1} size="small" items={personal} />
          </Card>
        </Col>
      </Row>
      <ResidentEditDialog
        resident={data}
        open={editing}
        onClose={() => setEditing(false)}
        onSaved={(r) => {
          setEditing(false);
          setSaved(r);
          setRevealed({});
          message.success(t(edit.saved));
        }}
      />
      <RevealDialog
        target={target}
        onClose={() => setTarget(null)}
        onRevealed={(field, value) => {
          setTarget(null);
          setRevealed((prev) => ({ ...prev, [field]: value }));
          message.success(t(r.done));
        }}
      />
    </div>
  );
}
