/**
 * Step 1 of the report: the photos. New ones go through the shared PhotoUploader; photos uploaded before a
 * reload (kept in the draft) are shown above it with a remove button, and count against the nine.
 */
import { useRef } from 'react';
import { Alert, Button, Flex, Image, Typography } from 'antd';
import { CloseOutlined } from '@ant-design/icons';
import { MEDIA_MAX_FILES, type UploadedMedia } from '../../../../common/contracts/media.js';
import { useI18n } from '../../../lib/i18n.js';
import { useIsPhone } from '../../../ui/use-phone.js';
import { PhotoUploader } from '../../../ui/PhotoUploader.js';
import { m } from './messages.js';

export interface PhotoStepProps {
  /** Photos uploaded before this page was (re)loaded. */
  kept: UploadedMedia[];
  onKeptChange(next: UploadedMedia[]): void;
  /** Photos uploaded on this page (controls the uploader: dropping one here removes it there). */
  fresh: UploadedMedia[];
  onFreshChange(next: UploadedMedia[]): void;
  serverError?: string;
  /** Lets the page ask whether uploads are still running. */
  busyRef: React.MutableRefObject<() => boolean>;
}

/** The photo step. */
export function PhotoStep({ kept, onKeptChange, fresh, onFreshChange, serverError, busyRef }: PhotoStepProps) {
  const { t } = useI18n();
  const phone = useIsPhone();
  const box = useRef<HTMLDivElement>(null);
  const tile = phone ? 92 : 104;
  // The uploader marks each tile with its status; a tile still queued or uploading means "wait".
  busyRef.current = () => !!box.current?.querySelector('[data-status="uploading"], [data-status="queued"]');

  return (
    <Flex vertical gap={12} data-testid="report-step-photos">
      <Typography.Title level={5} style={{ margin: 0 }}>
        {t(m.photosTitle)}
      </Typography.Title>
      <Typography.Text type="secondary">{t(m.photosHint)}</Typography.Text>
      {kept.length > 0 && (
        <div data-testid="report-photos-kept">
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {t(m.photosKept)}
          </Typography.Text>
          <Image.PreviewGroup>
            <Flex wrap gap={8} style={{ marginTop: 4 }}>
              {kept.map((p) => (
                <div key={p.id} style={{ position: 'relative', width: tile, height: tile, borderRadius: 6, overflow: 'hidden', border: '1px solid #d9d9d9' }}>
                  <Image src={p.thumbUrl} width={tile} height={tile} style={{ objectFit: 'cover' }} preview={{ src: p.displayUrl }} alt="" />
                  <Button
                    size="small"
                    shape="circle"
                    icon={<CloseOutlined />}
                    aria-label={t(m.photoRemove)}
                    title={t(m.photoRemove)}
                    onClick={() => onKeptChange(kept.filter((k) => k.id !== p.id))}
                    data-testid={`report-photo-kept-remove-${p.id}`}
                    style={{ position: 'absolute', top: 4, right: 4, minWidth: 24, width: 24, height: 24, background: 'rgba(0,0,0,0.55)', color: '#fff', border: 'none' }}
                  />
                </div>
              ))}
            </Flex>
          </Image.PreviewGroup>
        </div>
      )}
      <div ref={box}>
        {kept.length < MEDIA_MAX_FILES && <PhotoUploader value={fresh.map((p) => p.id)} max={MEDIA_MAX_FILES - kept.length} onChange={(_ids, photos) => onFreshChange(photos)} testId="report-photos" />}
      </div>
      {serverError && <Alert type="error" showIcon title={serverError} data-testid="report-photos-error" />}
    </Flex>
  );
}
