/** Set, rename or clear one day's override: a weekday can become a holiday, a weekend day a make-up working day. */
import { useEffect, useState } from 'react';
import { Alert, App, Button, Flex, Form, Input, Modal, Popconfirm, Tag, Typography } from 'antd';
import { CALENDAR_NAME_EN_MAX, CALENDAR_NAME_ZH_MAX } from '../../../common/contracts/calendar.js';
import { isWeekend, weekdayOfDay, type WorkCalendar } from '../../../common/working-days.js';
import { ApiError, del, put } from '../../lib/api.js';
import { useI18n } from '../../lib/i18n.js';
import { dateTime } from '../../lib/format.js';
import { common } from '../../lib/messages.js';
import { useIsPhone } from '../../ui/use-phone.js';
import { applyFieldErrors } from '../../ui/form-errors.js';
import type { CalendarOverride } from './types.js';
import { DAY_COLOURS } from './colours.js';
import { dialog, MONTHS, STATUS, WEEKDAYS_LONG } from './messages.js';

interface Values {
  nameZh: string;
  nameEn?: string;
}

interface Props {
  day: string | null;
  calendar: WorkCalendar;
  override: CalendarOverride | undefined;
  onClose(): void;
  onChanged(): void;
}

/** The dialog for one day (closed when `day` is null). */
export function DayDialog({ day, calendar, override, onClose, onChanged }: Props) {
  const { t, lang } = useI18n();
  const { message } = App.useApp();
  const phone = useIsPhone();
  const [form] = Form.useForm<Values>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();

  useEffect(() => {
    setError(undefined);
    form.resetFields();
    if (override) form.setFieldsValue({ nameZh: override.nameZh, nameEn: override.nameEn });
  }, [day, override, form]);

  if (!day) return null;
  const weekend = isWeekend(day);
  const kind = weekend ? 'workday' : 'holiday';
  const status = calendar.statusOf(day);
  const plain = weekend ? STATUS.weekend : STATUS.working;
  const [y, mo, d] = [Number(day.slice(0, 4)), Number(day.slice(5, 7)), Number(day.slice(8))];
  const title = t(dialog.dateTitle, { y, m: mo, d, weekday: t(WEEKDAYS_LONG[weekdayOfDay(day)]!), monthName: MONTHS[mo - 1]!.en });
  const lower = (s: string) => (lang === 'en' ? s.toLowerCase() : s);

  const fail = (e: unknown) => {
    const rest = applyFieldErrors(form, e, ['nameZh', 'nameEn']);
    setError(e instanceof ApiError ? [e.message, ...rest.map((r) => r.message)].join(t(common.semi)) : String(e));
  };

  const save = async (v: Values) => {
    setBusy(true);
    setError(undefined);
    try {
      await put(`/calendar/days/${day}`, { kind, nameZh: v.nameZh.trim(), nameEn: (v.nameEn ?? '').trim() });
      message.success(t(dialog.saved));
      onChanged();
      onClose();
    } catch (e) {
      fail(e);
    } finally {
      setBusy(false);
    }
  };

  const clear = async () => {
    setBusy(true);
    setError(undefined);
    try {
      await del(`/calendar/days/${day}`);
      message.success(t(dialog.cleared, { status: lower(t(plain)) }));
      onChanged();
      onClose();
    } catch (e) {
      fail(e);
    } finally {
      setBusy(false);
    }
  };

  const colours = DAY_COLOURS[status];
  return (
    <Modal
      open
      title={title}
      onCancel={onClose}
      width={phone ? '100%' : 460}
      style={phone ? { top: 12, maxWidth: 'calc(100vw - 16px)' } : undefined}
      destroyOnHidden
      footer={
        <Flex justify="space-between" gap={8} wrap>
          <div>
            {override && (
              <Popconfirm title={t(dialog.clearConfirm, { status: lower(t(plain)) })} onConfirm={clear} okText={t(common.confirm)} cancelText={t(common.cancel)}>
                <Button danger loading={busy} data-testid="calendar-day-clear">
                  {t(dialog.clear)}
                </Button>
              </Popconfirm>
            )}
          </div>
          <Flex gap={8}>
            <Button onClick={onClose}>{t(common.cancel)}</Button>
            <Button type="primary" loading={busy} onClick={() => form.submit()} data-testid="calendar-day-save">
              {t(common.save)}
            </Button>
          </Flex>
        </Flex>
      }
    >
      <Flex vertical gap={12} data-testid="calendar-day-dialog">
        <div>
          <Tag style={{ background: colours.background, borderColor: colours.border, color: colours.text, marginInlineEnd: 8 }} data-testid="calendar-day-status">
            {t(dialog.now, { status: t(STATUS[status]) })}
          </Tag>
          {override && (
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {override.updatedBy ? t(dialog.lastChanged, { who: override.updatedBy.displayName, when: dateTime(override.updatedAt) }) : t(dialog.fromMigration)}
            </Typography.Text>
          )}
        </div>
        <Typography.Text strong>{override ? t(weekend ? dialog.editMakeup : dialog.editHoliday) : t(weekend ? dialog.setMakeup : dialog.setHoliday)}</Typography.Text>
        <Typography.Text type="secondary">{t(weekend ? dialog.weekendHint : dialog.weekdayHint)}</Typography.Text>
        {error && <Alert type="error" showIcon title={error} data-testid="calendar-day-error" />}
        <Form form={form} layout="vertical" onFinish={save} requiredMark={false} data-testid="calendar-day-form">
          <Form.Item name="nameZh" label={t(dialog.nameZh)} rules={[{ required: true, whitespace: true, message: t(common.required) }, { max: CALENDAR_NAME_ZH_MAX }]}>
            <Input maxLength={CALENDAR_NAME_ZH_MAX} placeholder={t(weekend ? dialog.nameZhMakeupPlaceholder : dialog.nameZhHolidayPlaceholder)} data-testid="calendar-day-name-zh" />
          </Form.Item>
          <Form.Item name="nameEn" label={t(dialog.nameEn)} rules={[{ max: CALENDAR_NAME_EN_MAX }]} style={{ marginBottom: 0 }}>
            <Input maxLength={CALENDAR_NAME_EN_MAX} placeholder={t(weekend ? dialog.nameEnMakeupPlaceholder : dialog.nameEnHolidayPlaceholder)} data-testid="calendar-day-name-en" />
          </Form.Item>
        </Form>
      </Flex>
    </Modal>
  );
}
