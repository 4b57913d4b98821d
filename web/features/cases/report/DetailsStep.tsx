/**
 * Step 3 of the report: the category (search or browse, each leaf with its short help), the description
 * with a counter, and who may see the reporter's name. Staff also get their own fields: a grid worker may
 * record a finding as fixed on the spot (inside her own grid); other staff say where the case came from.
 */
import { Flex, Form, Input, Segmented, Switch, Typography } from 'antd';
import { CASE_DESCRIPTION_MAX } from '../../../../common/contracts/cases.js';
import { useI18n } from '../../../lib/i18n.js';
import { CategoryPicker } from '../../categories/CategoryPicker.js';
import type { ReportDraft } from './draft.js';
import { m } from './messages.js';

/** Errors shown next to the fields of this step. */
export interface DetailsErrors {
  category?: string;
  description?: string;
  onSpot?: string;
  other?: string;
}

export interface DetailsStepProps {
  draft: ReportDraft;
  onChange(patch: Partial<ReportDraft>): void;
  errors: DetailsErrors;
  /** What kind of reporter: a resident, a grid worker (case.handle on a grid), or other staff. */
  kind: 'resident' | 'grid' | 'staff';
  /** For a grid worker: whether the point lies in one of her grids (null: not known yet). */
  inOwnGrid: boolean | null;
}

const label = (text: string) => (
  <Typography.Text strong style={{ fontSize: 15 }}>
    {text}
  </Typography.Text>
);

/** The details step. */
export function DetailsStep({ draft, onChange, errors, kind, inOwnGrid }: DetailsStepProps) {
  const { t } = useI18n();
  return (
    <Flex vertical gap={4} data-testid="report-step-details">
      <Form layout="vertical" requiredMark={false} component="div">
        <Form.Item label={label(t(m.categoryTitle))} validateStatus={errors.category ? 'error' : undefined} help={errors.category} data-testid="report-category">
          <CategoryPicker value={draft.category?.id ?? null} onChange={(_id, c) => onChange({ category: c })} staff={kind !== 'resident'} />
        </Form.Item>
        <Form.Item label={label(t(m.description))} validateStatus={errors.description ? 'error' : undefined} help={errors.description}>
          <Input.TextArea
            value={draft.description}
            onChange={(e) => onChange({ description: e.target.value })}
            maxLength={CASE_DESCRIPTION_MAX}
            showCount
            autoSize={{ minRows: 4, maxRows: 10 }}
            placeholder={t(m.descriptionPlaceholder)}
            style={{ fontSize: 16 }}
            data-testid="report-description"
          />
        </Form.Item>
        {kind === 'resident' && (
          <Form.Item style={{ marginBottom: 8 }}>
            <Flex align="flex-start" gap={12}>
              <Switch checked={draft.hideReporter} onChange={(v) => onChange({ hideReporter: v })} data-testid="report-hide-name" style={{ marginTop: 2 }} />
              <div>
                <Typography.Text strong>{t(m.hideName)}</Typography.Text>
                <Typography.Text type="secondary" style={{ display: 'block', fontSize: 13 }}>
                  {t(m.hideNameHelp)}
                </Typography.Text>
              </div>
            </Flex>
          </Form.Item>
        )}
        {kind === 'grid' && (
          <Form.Item validateStatus={errors.onSpot ? 'error' : undefined} help={errors.onSpot} style={{ marginBottom: 8 }}>
            <Flex align="flex-start" gap={12}>
              <Switch
                checked={draft.handledOnSpot && inOwnGrid !== false}
                disabled={inOwnGrid === false}
                onChange={(v) => onChange({ handledOnSpot: v })}
                data-testid="report-on-spot"
                style={{ marginTop: 2 }}
              />
              <div>
                <Typography.Text strong>{t(m.onSpot)}</Typography.Text>
                <Typography.Text type="secondary" style={{ display: 'block', fontSize: 13 }}>
                  {inOwnGrid === false ? t(m.onSpotNotOwnGrid) : t(m.onSpotHelp)}
                </Typography.Text>
                {inOwnGrid && (
                  <Typography.Text type="secondary" style={{ display: 'block', fontSize: 12, marginTop: 2 }}>
                    {t(m.sourcePatrolNote)}
                  </Typography.Text>
                )}
              </div>
            </Flex>
          </Form.Item>
        )}
        {(kind === 'staff' || (kind === 'grid' && inOwnGrid === false)) && (
          <Form.Item label={label(t(m.source))} style={{ marginBottom: 8 }}>
            <Segmented
              value={draft.source}
              onChange={(v) => onChange({ source: v as ReportDraft['source'] })}
              options={[
                { value: 'staff', label: t(m.sourceStaff) },
                { value: 'hotline', label: t(m.sourceHotline) },
              ]}
              data-testid="report-source"
            />
          </Form.Item>
        )}
      </Form>
    </Flex>
  );
}
