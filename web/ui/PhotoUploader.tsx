/**
 * Photo picker for forms (e.g. reporting or handling a case): pick from the album or take a picture on a
 * phone, up to `max` photos. Each photo uploads at once (POST /api/media, one request per photo, with a
 * progress ring), shows its thumbnail with a remove button, and the ids of the uploaded ones are reported
 * through `onChange` (usable as an antd Form.Item control: `value` / `onChange`).
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import { Alert, Button, Flex, Image, Progress, Tooltip, Typography } from 'antd';
import { CameraOutlined, CloseOutlined, PictureOutlined, PlusOutlined, ReloadOutlined } from '@ant-design/icons';
import { MEDIA_MAX_BYTES, MEDIA_MAX_FILES, type UploadedMedia } from '../../common/contracts/media.js';
import { ApiError } from '../lib/api.js';
import { useAuth } from '../lib/auth.js';
import { defineMessages, useI18n, type Lang } from '../lib/i18n.js';
import { useIsPhone } from './use-phone.js';

const msg = defineMessages({
  add: { zh: '添加照片', en: 'Add photos' },
  camera: { zh: '拍照', en: 'Camera' },
  album: { zh: '相册', en: 'Album' },
  hint: { zh: '最多 {max} 张，每张不超过 {mb} MB，支持 JPG、PNG、WebP', en: 'Up to {max} photos, {mb} MB each; JPG, PNG or WebP' },
  count: { zh: '{n}/{max} 张', en: '{n}/{max} photos' },
  remove: { zh: '移除', en: 'Remove' },
  retry: { zh: '重试', en: 'Retry' },
  uploading: { zh: '上传中', en: 'Uploading' },
  failed: { zh: '上传失败', en: 'Upload failed' },
  tooLarge: { zh: '照片“{name}”超过 {mb} MB 的大小上限', en: 'The photo "{name}" is larger than the {mb} MB limit' },
  notImage: { zh: '文件“{name}”不是图片', en: 'The file "{name}" is not an image' },
  skipped: { zh: '最多 {max} 张，另外 {n} 张未添加', en: 'At most {max} photos; {n} more were not added' },
  network: { zh: '无法连接服务器，请检查网络后重试', en: 'Cannot reach the server; check the connection and retry' },
  photo: { zh: '照片 {n}', en: 'Photo {n}' },
});

type Status = 'queued' | 'uploading' | 'done' | 'error';

interface Item {
  key: number;
  file: File;
  name: string;
  preview: string;
  status: Status;
  percent: number;
  media?: UploadedMedia;
  error?: string;
  /** Worth trying again (network trouble, server busy), as opposed to a refused file. */
  retryable?: boolean;
}

export interface PhotoUploaderProps {
  /** Ids of the uploaded photos (controlled use, e.g. by Form.Item); a reset to [] clears the uploader. */
  value?: number[];
  /** Called with the ids (and details) of the photos uploaded so far, whenever that list changes. */
  onChange?(ids: number[], photos: UploadedMedia[]): void;
  /** At most this many photos (default and ceiling 9). */
  max?: number;
  disabled?: boolean;
  /** Base of the test ids (default `photo-uploader`). */
  testId?: string;
}

interface Sent {
  promise: Promise<UploadedMedia>;
  abort(): void;
}

/** Sends one photo with upload progress (fetch cannot report it), the CSRF token and the UI language. */
function sendPhoto(file: File, csrf: string, lang: Lang, networkMessage: string, onProgress: (percent: number) => void): Sent {
  const xhr = new XMLHttpRequest();
  const promise = new Promise<UploadedMedia>((resolve, reject) => {
    xhr.open('POST', `/api/media?lang=${encodeURIComponent(lang)}`);
    xhr.setRequestHeader('accept', 'application/json');
    xhr.setRequestHeader('accept-language', lang);
    if (csrf) xhr.setRequestHeader('x-csrf-token', csrf);
    xhr.upload.onprogress = (e) => e.lengthComputable && onProgress(Math.min(99, Math.round((e.loaded / e.total) * 100)));
    xhr.onload = () => {
      let body: any = null;
      try {
        body = JSON.parse(xhr.responseText);
      } catch {
        body = null;
      }
      if (xhr.status === 201 && body?.items?.[0]) return resolve(body.items[0] as UploadedMedia);
      const err = body?.error;
      reject(new ApiError(xhr.status, err?.code ?? `HTTP_${xhr.status}`, err?.message ?? `HTTP ${xhr.status}`, err?.details));
    };
    xhr.onerror = () => reject(new ApiError(0, 'NETWORK', networkMessage));
    xhr.onabort = () => reject(new DOMException('aborted', 'AbortError'));
    const form = new FormData();
    form.append('file', file, file.name);
    xhr.send(form);
  });
  return { promise, abort: () => xhr.abort() };
}

const CONCURRENT = 2;
const mb = MEDIA_MAX_BYTES / 1024 / 1024;

/** The photo uploader. */
export function PhotoUploader({ value, onChange, max = MEDIA_MAX_FILES, disabled, testId = 'photo-uploader' }: PhotoUploaderProps) {
  const { t, lang } = useI18n();
  const { me, refresh } = useAuth();
  const phone = useIsPhone();
  const limit = Math.max(1, Math.min(max, MEDIA_MAX_FILES));
  const [items, setItems] = useState<Item[]>([]);
  const [notice, setNotice] = useState<string>();
  const nextKey = useRef(1);
  const inflight = useRef(new Map<number, Sent>());
  const album = useRef<HTMLInputElement>(null);
  const camera = useRef<HTMLInputElement>(null);
  const reported = useRef('');
  const onChangeRef = useRef(onChange);
  onChangeRef.current = onChange;

  const update = useCallback((key: number, patch: Partial<Item>) => setItems((list) => list.map((i) => (i.key === key ? { ...i, ...patch } : i))), []);

  // Start queued uploads, at most two at a time.
  useEffect(() => {
    const running = items.filter((i) => i.status === 'uploading').length;
    const queued = items.filter((i) => i.status === 'queued').slice(0, Math.max(0, CONCURRENT - running));
    for (const item of queued) {
      update(item.key, { status: 'uploading', percent: 0 });
      const sent = sendPhoto(item.file, me?.csrfToken ?? '', lang, t(msg.network), (percent) => update(item.key, { percent }));
      inflight.current.set(item.key, sent);
      sent.promise
        .then((media) => update(item.key, { status: 'done', percent: 100, media }))
        .catch((e: unknown) => {
          if ((e as Error).name === 'AbortError') return;
          const err = e instanceof ApiError ? e : new ApiError(0, 'CLIENT', String(e));
          if (err.status === 401) void refresh();
          update(item.key, { status: 'error', error: err.message, retryable: err.status === 0 || err.status === 429 || err.status >= 500 });
        })
        .finally(() => inflight.current.delete(item.key));
    }
  }, [items, lang, me?.csrfToken, refresh, t, update]);

  // Report the uploaded ids whenever they change.
  useEffect(() => {
    const done = items.filter((i) => i.status === 'done' && i.media).map((i) => i.media!);
    const key = done.map((m) => m.id).join(',');
    if (key === reported.current) return;
    reported.current = key;
    onChangeRef.current?.(done.map((m) => m.id), done);
  }, [items]);

  // A parent that resets the value (e.g. form.resetFields()) drops the photos it no longer lists.
  const valueKey = value?.join(',');
  useEffect(() => {
    if (value === undefined || valueKey === reported.current) return;
    if (value.length === 0) {
      // A full reset: stop uploads too.
      inflight.current.forEach((sent) => sent.abort());
      setItems((list) => {
        list.forEach((i) => URL.revokeObjectURL(i.preview));
        return [];
      });
      setNotice(undefined);
      return;
    }
    const keep = new Set(value);
    setItems((list) => {
      const dropped = list.filter((i) => i.status === 'done' && i.media && !keep.has(i.media.id));
      dropped.forEach((i) => URL.revokeObjectURL(i.preview));
      return dropped.length ? list.filter((i) => !dropped.includes(i)) : list;
    });
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [valueKey]);

  // Stop uploads and free previews when the form goes away.
  const itemsRef = useRef(items);
  itemsRef.current = items;
  useEffect(
    () => () => {
      inflight.current.forEach((s) => s.abort());
      itemsRef.current.forEach((i) => URL.revokeObjectURL(i.preview));
    },
    [],
  );

  const addFiles = (files: FileList | null) => {
    if (!files || files.length === 0) return;
    const room = limit - items.length;
    const chosen = [...files].slice(0, Math.max(0, room));
    setNotice(files.length > chosen.length ? t(msg.skipped, { max: limit, n: files.length - chosen.length }) : undefined);
    const added: Item[] = chosen.map((file) => {
      const base = { key: nextKey.current++, file, name: file.name || t(msg.photo, { n: nextKey.current }), preview: URL.createObjectURL(file), percent: 0 };
      if (file.type && !file.type.startsWith('image/')) return { ...base, status: 'error' as const, error: t(msg.notImage, { name: base.name }) };
      if (file.size > MEDIA_MAX_BYTES) return { ...base, status: 'error' as const, error: t(msg.tooLarge, { name: base.name, mb }) };
      return { ...base, status: 'queued' as const };
    });
    setItems((list) => [...list, ...added]);
  };

  const remove = (item: Item) => {
    inflight.current.get(item.key)?.abort();
    URL.revokeObjectURL(item.preview);
    setItems((list) => list.filter((i) => i.key !== item.key));
  };

  const tile = phone ? 92 : 104;
  const full = items.length >= limit;
  const errors = items.filter((i) => i.status === 'error');
  const input = (ref: React.RefObject<HTMLInputElement | null>, id: string, capture: boolean) => (
    <input
      ref={ref}
      type="file"
      accept="image/*"
      multiple={!capture}
      {...(capture ? { capture: 'environment' as const } : {})}
      style={{ display: 'none' }}
      data-testid={id}
      onChange={(e) => {
        addFiles(e.target.files);
        e.target.value = '';
      }}
    />
  );
  const addTile = (icon: React.ReactNode, label: string, onClick: () => void, id: string) => (
    <Button
      key={id}
      type="dashed"
      disabled={disabled || full}
      onClick={onClick}
      data-testid={id}
      style={{ width: tile, height: tile, flexDirection: 'column', gap: 4, padding: 0 }}
    >
      <span style={{ fontSize: 22 }}>{icon}</span>
      <span style={{ fontSize: 12 }}>{label}</span>
    </Button>
  );

  return (
    <div data-testid={testId}>
      {input(album, `${testId}-input`, false)}
      {input(camera, `${testId}-camera`, true)}
      {/* `items` keeps the lightbox in the order of the tiles. */}
      <Image.PreviewGroup items={items.filter((i) => i.status === 'done' && i.media).map((i) => i.media!.displayUrl)}>
        <Flex wrap gap={8}>
          {items.map((item, index) => (
            <div
              key={item.key}
              data-testid={`${testId}-item-${index}`}
              data-status={item.status}
              style={{
                position: 'relative',
                width: tile,
                height: tile,
                borderRadius: 6,
                overflow: 'hidden',
                border: `1px solid ${item.status === 'error' ? '#ff4d4f' : '#d9d9d9'}`,
                background: '#fafafa',
              }}
            >
              {item.status === 'done' && item.media ? (
                <Image
                  src={item.media.thumbUrl}
                  alt={item.name}
                  width={tile}
                  height={tile}
                  style={{ objectFit: 'cover' }}
                  preview={{ src: item.media.displayUrl }}
                />
              ) : (
                <img
                  src={item.preview}
                  alt=""
                  // Not a picture the browser can show (e.g. a renamed document): no broken-image icon.
                  onError={(e) => (e.currentTarget.style.visibility = 'hidden')}
                  style={{ width: '100%', height: '100%', objectFit: 'cover', opacity: item.status === 'error' ? 0.35 : 0.6 }}
                />
              )}
              {(item.status === 'uploading' || item.status === 'queued') && (
                <Flex align="center" justify="center" style={{ position: 'absolute', inset: 0, background: 'rgba(255,255,255,0.55)' }}>
                  <Progress type="circle" percent={item.percent} size={phone ? 44 : 52} aria-label={t(msg.uploading)} />
                </Flex>
              )}
              {item.status === 'error' && (
                <Tooltip title={item.error}>
                  <Flex vertical align="center" justify="center" gap={2} style={{ position: 'absolute', inset: 0, color: '#cf1322', fontSize: 12, textAlign: 'center', padding: 4 }}>
                    <span>{t(msg.failed)}</span>
                    {item.retryable && (
                      <Button size="small" icon={<ReloadOutlined />} onClick={() => update(item.key, { status: 'queued', error: undefined, percent: 0 })} data-testid={`${testId}-retry-${index}`}>
                        {t(msg.retry)}
                      </Button>
                    )}
                  </Flex>
                </Tooltip>
              )}
              {!disabled && (
                <Button
                  size="small"
                  shape="circle"
                  icon={<CloseOutlined />}
                  aria-label={t(msg.remove)}
                  title={t(msg.remove)}
                  onClick={() => remove(item)}
                  data-testid={`${testId}-remove-${index}`}
                  style={{ position: 'absolute', top: 4, right: 4, minWidth: 24, width: 24, height: 24, background: 'rgba(0,0,0,0.55)', color: '#fff', border: 'none' }}
                />
              )}
            </div>
          ))}
          {!full &&
            (phone
              ? [addTile(<CameraOutlined />, t(msg.camera), () => camera.current?.click(), `${testId}-shoot`), addTile(<PictureOutlined />, t(msg.album), () => album.current?.click(), `${testId}-pick`)]
              : addTile(<PlusOutlined />, t(msg.add), () => album.current?.click(), `${testId}-pick`))}
        </Flex>
      </Image.PreviewGroup>
      <Typography.Text type="secondary" style={{ display: 'block', marginTop: 6, fontSize: 12 }} data-testid={`${testId}-count`}>
        {t(msg.count, { n: items.filter((i) => i.status === 'done').length, max: limit })} · {t(msg.hint, { max: limit, mb })}
      </Typography.Text>
      {(errors.length > 0 || notice) && (
        <Alert
          type={errors.length > 0 ? 'error' : 'warning'}
          showIcon
          style={{ marginTop: 8 }}
          data-testid={`${testId}-error`}
          title={
            <Flex vertical gap={2}>
              {notice && <span>{notice}</span>}
              {errors.map((i) => (
                <span key={i.key}>{i.error}</span>
              ))}
            </Flex>
          }
        />
      )}
    </div>
  );
}
