/**
 * The case's photos by kind (report, before, after, check). Staff of the owning or holding centre
 * (`publish_photo`) approve each photo for the public page, or withdraw it, with a switch under it.
 */
import { useState } from 'react';
import { App, Flex, Switch, Tooltip, Typography } from 'antd';
import { mediaUrl } from '../../../common/contracts/media.js';
import { ApiError, del, put } from '../../lib/api.js';
import { useI18n } from '../../lib/i18n.js';
import { useIsPhone } from '../../ui/use-phone.js';
import { PhotoGallery } from '../../ui/PhotoGallery.js';
import { m } from './messages.js';
import type { CaseDetail, CasePhoto } from './types.js';

const ROLES: CasePhoto['role'][] = ['report', 'before', 'after', 'verify'];
const ROLE_LABELS = { report: m.photoReport, before: m.photoBefore, after: m.photoAfter, verify: m.photoVerify };

/** The photos; `onChanged` gets the case as the server returns it after a publish toggle. */
export function CasePhotos({ c, onChanged }: { c: CaseDetail; onChanged(next: CaseDetail): void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const phone = useIsPhone();
  const [busy, setBusy] = useState<number | null>(null);
  const staff = c.access === 'staff';
  const canPublish = c.abilities.includes('publish_photo');
  const edge = phone ? 84 : 96;

  const toggle = async (p: CasePhoto, publish: boolean) => {
    setBusy(p.mediaId);
    try {
      const path = `/cases/${c.id}/photos/${p.mediaId}/public`;
      onChanged(publish ? await put<CaseDetail>(path, {}) : await del<CaseDetail>(path));
    } catch (e) {
      message.error(e instanceof ApiError ? e.message : String(e));
    } finally {
      setBusy(null);
    }
  };

  const groups = ROLES.map((role) => ({ role, photos: c.photos.filter((p) => p.role === role) })).filter((g) => g.photos.length > 0);
  if (groups.length === 0) return <Typography.Text type="secondary">{t(m.noPhotos)}</Typography.Text>;

  return (
    <Flex vertical gap={12} data-testid="case-photos">
      {groups.map((g) => (
        <div key={g.role}>
          {groups.length > 1 && (
            <Typography.Text type="secondary" style={{ fontSize: 12, display: 'block', marginBottom: 4 }}>
              {t(ROLE_LABELS[g.role])}
            </Typography.Text>
          )}
          <PhotoGallery
            size={edge}
            testId={`case-photos-${g.role}`}
            photos={g.photos.map((p) => ({
              id: p.mediaId,
              thumbUrl: mediaUrl(p.mediaId, 'thumb'),
              displayUrl: mediaUrl(p.mediaId, 'display'),
              originalUrl: staff ? mediaUrl(p.mediaId, 'original') : undefined,
              label: staff && p.publicApproved ? t(m.photoPublic) : undefined,
            }))}
          />
          {canPublish && (
            <Flex wrap gap={8} style={{ marginTop: 4 }}>
              {g.photos.map((p) => (
                <Tooltip key={p.mediaId} title={t(m.publicHint)}>
                  <Flex align="center" gap={4} style={{ width: edge, fontSize: 12 }}>
                    <Switch
                      size="small"
                      checked={p.publicApproved}
                      loading={busy === p.mediaId}
                      onChange={(v) => void toggle(p, v)}
                      aria-label={t(p.publicApproved ? m.makePrivate : m.makePublic)}
                      data-testid={`photo-public-${p.mediaId}`}
                    />
                    <span>{t(m.publicSwitch)}</span>
                  </Flex>
                </Tooltip>
              ))}
            </Flex>
          )}
        </div>
      ))}
    </Flex>
  );
}
