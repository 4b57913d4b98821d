/**
 * A row of photo thumbnails; a tap opens the lightbox on the display copy (swipe or arrows to the next,
 * zoom, rotate). Staff views may pass `originalUrl`: the lightbox then offers the untouched original.
 */
import { Button, Flex, Image, Typography } from 'antd';
import { FileImageOutlined } from '@ant-design/icons';
import { defineMessages, useI18n } from '../lib/i18n.js';
import { useIsPhone } from './use-phone.js';

const msg = defineMessages({
  none: { zh: '暂无照片', en: 'No photos' },
  original: { zh: '查看原图', en: 'Original' },
  photo: { zh: '照片 {n}', en: 'Photo {n}' },
});

/** One photo as the gallery shows it (the shape the media module's lists give). */
export interface GalleryPhoto {
  id: number;
  thumbUrl: string;
  displayUrl: string;
  /** Staff only: the original as uploaded. */
  originalUrl?: string;
  /** A short label under the thumbnail (e.g. "处置前 / Before"). */
  label?: string;
}

export interface PhotoGalleryProps {
  photos: GalleryPhoto[];
  /** Thumbnail edge in px (default 96 on a desktop, 84 on a phone). */
  size?: number;
  /** Text when there are no photos (default "暂无照片 / No photos"); null shows nothing. */
  emptyText?: string | null;
  testId?: string;
}

/** The gallery. */
export function PhotoGallery({ photos, size, emptyText, testId = 'photo-gallery' }: PhotoGalleryProps) {
  const { t } = useI18n();
  const phone = useIsPhone();
  const edge = size ?? (phone ? 84 : 96);
  if (photos.length === 0) {
    if (emptyText === null) return null;
    return (
      <Typography.Text type="secondary" data-testid={`${testId}-empty`}>
        {emptyText ?? t(msg.none)}
      </Typography.Text>
    );
  }
  return (
    // `items` fixes the lightbox order to the gallery's (registered images reorder when they re-render).
    <Image.PreviewGroup
      items={photos.map((p) => p.displayUrl)}
      preview={{
        actionsRender: (node, info) => {
          const original = photos[info.current]?.originalUrl;
          return original ? (
            <Flex vertical align="center" gap={8}>
              {node}
              <Button size="small" icon={<FileImageOutlined />} href={original} target="_blank" rel="noopener" data-testid={`${testId}-original`}>
                {t(msg.original)}
              </Button>
            </Flex>
          ) : (
            node
          );
        },
      }}
    >
      <Flex wrap gap={8} data-testid={testId}>
        {photos.map((p, i) => (
          <Flex key={p.id} vertical align="center" gap={2} style={{ width: edge }}>
            <Image
              src={p.thumbUrl}
              alt={p.label ?? t(msg.photo, { n: i + 1 })}
              width={edge}
              height={edge}
              style={{ objectFit: 'cover', borderRadius: 6 }}
              preview={{ src: p.displayUrl }}
              data-testid={`${testId}-photo-${p.id}`}
            />
            {p.label && (
              <Typography.Text type="secondary" ellipsis style={{ fontSize: 12, maxWidth: edge }}>
                {p.label}
              </Typography.Text>
            )}
          </Flex>
        ))}
      </Flex>
    </Image.PreviewGroup>
  );
}
