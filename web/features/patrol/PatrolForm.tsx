/** Write (or correct today's) patrol entry: date, start and end time, notes, optional route points. */
import { useEffect, useState } from 'react';
import { Alert, App, Button, Card, Col, Flex, Form, Input, Row, Select, Typography } from 'antd';
import { AimOutlined, SendOutlined } from '@ant-design/icons';
import { PATROL_NOTES_MAX, PATROL_ROUTE_MAX } from '../../../common/contracts/patrol.js';
import { ApiError, patch, post } from '../../lib/api.js';
import { useMe } from '../../lib/auth.js';
import { useI18n } from '../../lib/i18n.js';
import { localIso, nowTime, timeOfDay, today } from '../../lib/format.js';
import { common } from '../../lib/messages.js';
import { applyFieldErrors } from '../../ui/form-errors.js';
import type { Patrol } from './types.js';
import { m, m2 } from './messages.js';

interface Values {
  gridId?: number;
  patrolDate: string;
  start: string;
  end?: string;
  notes: string;
}

/** The patrol form; `editing` switches it to correcting that entry. */
export function PatrolForm({ editing, onSaved, onCancelEdit }: { editing: Patrol | null; onSaved(): void; onCancelEdit(): void }) {
  const me = useMe();
  const { t, pick } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const [route, setRoute] = useState<[number, number][]>([]);
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);
  const [locating, setLocating] = useState(false);
  const grids = me.grants.filter((g) => g.nodeType === 'grid' && g.permissions.includes('patrol.write'));

  useEffect(() => {
    setError(undefined);
    if (editing) {
      form.setFieldsValue({ gridId: editing.gridId, patrolDate: editing.patrolDate, start: timeOfDay(editing.startedAt), end: editing.endedAt ? timeOfDay(editing.endedAt) : undefined, notes: editing.notes });
    } else {
      form.resetFields();
      form.setFieldsValue({ gridId: grids[0]?.nodeId, patrolDate: today(), start: nowTime() });
      setRoute([]);
    }
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [editing]);

  const addLocation = () => {
    if (!navigator.geolocation) return;
    setLocating(true);
    navigator.geolocation.getCurrentPosition(
      (pos) => {
        setLocating(false);
        setRoute((r) => (r.length >= PATROL_ROUTE_MAX ? r : [...r, [Number(pos.coords.longitude.toFixed(6)), Number(pos.coords.latitude.toFixed(6))]]));
      },
      (err) => {
        setLocating(false);
        message.warning(t(m2.locationFailed, { reason: err.message }));
      },
      { enableHighAccuracy: true, timeout: 15000 },
    );
  };

  const submit = async (v: Values) => {
    setBusy(true);
    setError(undefined);
    try {
      const startedAt = localIso(v.patrolDate, v.start);
      const endedAt = v.end ? localIso(v.patrolDate, v.end) : null;
      if (editing) {
        await patch(`/patrols/${editing.id}`, { startedAt, endedAt, notes: v.notes.trim(), ...(route.length ? { route } : {}) });
        message.success(t(m2.updated));
      } else {
        await post('/patrols', { gridId: v.gridId, patrolDate: v.patrolDate, startedAt, endedAt, notes: v.notes.trim(), route });
        message.success(t(m.saved));
      }
      setRoute([]);
      form.resetFields();
      form.setFieldsValue({ gridId: grids[0]?.nodeId, patrolDate: today(), start: nowTime() });
      onSaved();
    } catch (e) {
      const rest = applyFieldErrors(form, e, ['gridId', 'patrolDate', 'notes']);
      setError(e instanceof ApiError ? [e.message, ...rest.map((r) => r.message)].join(t(common.semi)) : String(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Card title={editing ? t(m2.editTitle) : t(m.write)} data-testid="patrol-form-card" extra={editing && <Button onClick={onCancelEdit}>{t(m2.cancelEdit)}</Button>}>
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} />}
      <Form form={form} layout="vertical" onFinish={submit} requiredMark={false} data-testid="patrol-form">
        {grids.length > 1 && (
          <Form.Item name="gridId" label={t(m.grid)} rules={[{ required: true, message: t(m2.pickGrid) }]}>
            <Select disabled={!!editing} options={grids.map((g) => ({ value: g.nodeId, label: pick(g.nodeNameZh, g.nodeNameEn) }))} data-testid="patrol-grid" />
          </Form.Item>
        )}
        <Row gutter={12}>
          <Col xs={24} sm={8}>
            <Form.Item name="patrolDate" label={t(m.date)} rules={[{ required: true, message: t(common.required) }]}>
              <Input type="date" max={today()} disabled={!!editing} data-testid="patrol-date" />
            </Form.Item>
          </Col>
          <Col xs={12} sm={8}>
            <Form.Item name="start" label={t(m.start)} rules={[{ required: true, message: t(common.required) }]}>
              <Input type="time" data-testid="patrol-start" />
            </Form.Item>
          </Col>
          <Col xs={12} sm={8}>
            <Form.Item
              name="end"
              label={t(m.end)}
              dependencies={['start']}
              rules={[
                ({ getFieldValue }) => ({
                  validator: (_r, v?: string) => (!v || v >= getFieldValue('start') ? Promise.resolve() : Promise.reject(new Error(t(m.endBeforeStart)))),
                }),
              ]}
            >
              <Input type="time" data-testid="patrol-end" />
            </Form.Item>
          </Col>
        </Row>
        <Form.Item name="notes" label={t(m.notes)} rules={[{ required: true, whitespace: true, message: t(m.notesRequired) }]}>
          <Input.TextArea rows={5} maxLength={PATROL_NOTES_MAX} showCount placeholder={t(m.notesPlaceholder)} data-testid="patrol-notes" />
        </Form.Item>
        {typeof navigator !== 'undefined' && 'geolocation' in navigator && (
          <Flex vertical gap={4} style={{ marginBottom: 16 }}>
            <Flex align="center" gap={8} wrap>
              <Button icon={<AimOutlined />} loading={locating} onClick={addLocation} data-testid="patrol-add-location">
                {t(m2.addLocation)}
              </Button>
              {route.length > 0 && <Typography.Text>{t(m2.locationCount, { n: route.length })}</Typography.Text>}
            </Flex>
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {t(m2.locationHelp)}
            </Typography.Text>
          </Flex>
        )}
        <Button type="primary" htmlType="submit" icon={<SendOutlined />} loading={busy} block data-testid="patrol-submit">
          {t(m.submit)}
        </Button>
      </Form>
    </Card>
  );
}
