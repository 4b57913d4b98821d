/**
 * Step 2 of the report: where the problem is. "Use my location" (with a kind word when the phone refuses),
 * or a tap on the map; the community and grid the point falls in are shown at once (GET /api/geo/locate), so
 * a point outside the district is caught before sending. Plus an optional place in words.
 */
import { useCallback, useEffect, useState } from 'react';
import { Alert, Button, Flex, Input, Typography } from 'antd';
import { AimOutlined, EnvironmentFilled, LoadingOutlined } from '@ant-design/icons';
import { ApiError, get } from '../../../lib/api.js';
import { useI18n } from '../../../lib/i18n.js';
import { useIsPhone } from '../../../ui/use-phone.js';
import { PinMap } from './PinMap.js';
import type { ReportDraft } from './draft.js';
import type { Extent } from './start-view.js';
import { m } from './messages.js';

/** The grid, community and street a point lies in (GET /api/geo/locate). */
export interface Located {
  grid: { id: number; nameZh: string; nameEn: string };
  community: { id: number; nameZh: string; nameEn: string };
  street: { id: number; nameZh: string; nameEn: string } | null;
}

/** The answer about the current point: not asked yet, being asked, inside, outside, or unknown (network). */
export type LocateState = { state: 'none' } | { state: 'checking' } | { state: 'inside'; at: Located } | { state: 'outside' } | { state: 'unknown' };

export interface PlaceStepProps {
  draft: ReportDraft;
  onChange(patch: Partial<ReportDraft>): void;
  located: LocateState;
  start: Extent | null | undefined;
  /** A place error from the server (e.g. CASE_OUTSIDE_DISTRICT). */
  serverError?: string;
}

/** Asks the server which grid a point lies in. */
export function useLocate(point: { lat: number; lng: number } | null): LocateState {
  const [st, setSt] = useState<LocateState>({ state: 'none' });
  useEffect(() => {
    if (!point) {
      setSt({ state: 'none' });
      return;
    }
    const ctl = new AbortController();
    setSt({ state: 'checking' });
    get<Located>(`/geo/locate?lat=${point.lat}&lng=${point.lng}`, { signal: ctl.signal })
      .then((at) => setSt({ state: 'inside', at }))
      .catch((e: unknown) => {
        if ((e as Error).name === 'AbortError') return;
        setSt(e instanceof ApiError && e.code === 'POINT_OUTSIDE' ? { state: 'outside' } : { state: 'unknown' });
      });
    return () => ctl.abort();
  }, [point?.lat, point?.lng]); // eslint-disable-line react-hooks/exhaustive-deps
  return st;
}

/** The place step. */
export function PlaceStep({ draft, onChange, located, start, serverError }: PlaceStepProps) {
  const { t, pick } = useI18n();
  const phone = useIsPhone();
  const [locating, setLocating] = useState(false);
  const [geoError, setGeoError] = useState<string>();
  const [tiles, setTiles] = useState<boolean>();

  const locate = () => {
    setGeoError(undefined);
    if (!window.isSecureContext) return setGeoError(t(m.geoInsecure));
    if (!navigator.geolocation) return setGeoError(t(m.geoUnsupported));
    setLocating(true);
    navigator.geolocation.getCurrentPosition(
      (pos) => {
        setLocating(false);
        const r = (x: number) => Math.round(x * 1e6) / 1e6;
        onChange({ point: { lat: r(pos.coords.latitude), lng: r(pos.coords.longitude), accuracy: Math.round(pos.coords.accuracy), via: 'gps' } });
      },
      (err) => {
        setLocating(false);
        setGeoError(err.code === err.PERMISSION_DENIED ? t(m.geoDenied) : err.code === err.TIMEOUT ? t(m.geoTimeout) : t(m.geoUnavailable));
      },
      { enableHighAccuracy: true, timeout: 20_000, maximumAge: 30_000 },
    );
  };
  const pickOnMap = useCallback((p: { lat: number; lng: number }) => onChange({ point: { ...p, via: 'map' } }), [onChange]);

  const p = draft.point;
  return (
    <Flex vertical gap={12} data-testid="report-step-place">
      <Typography.Title level={5} style={{ margin: 0 }}>
        {t(m.placeTitle)}
      </Typography.Title>
      <Button type="primary" size="large" block icon={locating ? <LoadingOutlined /> : <AimOutlined />} onClick={locate} disabled={locating} data-testid="report-use-location" style={{ height: 52, fontSize: 17 }}>
        {locating ? t(m.locating) : t(m.useLocation)}
      </Button>
      {geoError && <Alert type="info" showIcon title={geoError} data-testid="report-geo-error" />}
      <Typography.Text type="secondary">{t(m.orPin)}</Typography.Text>
      <PinMap point={p} onPick={pickOnMap} start={start} height={phone ? 300 : 380} onTiles={setTiles} />
      {tiles === false && (
        <Typography.Text type="secondary" style={{ fontSize: 13 }} data-testid="report-no-tiles">
          {t(m.noTiles)}
        </Typography.Text>
      )}
      {p && (
        <Flex align="flex-start" gap={8} data-testid="report-place-result" data-state={located.state}>
          <EnvironmentFilled style={{ color: '#c4161c', fontSize: 18, marginTop: 3 }} />
          <div>
            {located.state === 'checking' && <Typography.Text type="secondary">{t(m.checking)}</Typography.Text>}
            {located.state === 'inside' && (
              <Typography.Text strong>
                {t(m.located, { area: [located.at.street, located.at.community, located.at.grid].filter(Boolean).map((n) => pick(n!.nameZh, n!.nameEn)).join(' · ') })}
              </Typography.Text>
            )}
            {(located.state === 'unknown' || located.state === 'none') && <Typography.Text strong>{t(m.locatedNoArea)}</Typography.Text>}
            {located.state === 'outside' && <Typography.Text type="danger">{t(m.outside)}</Typography.Text>}
            {p.accuracy !== undefined && (
              <Typography.Text type="secondary" style={{ display: 'block', fontSize: 12 }}>
                {t(m.accuracy, { m: p.accuracy })}
              </Typography.Text>
            )}
          </div>
        </Flex>
      )}
      {serverError && <Alert type="error" showIcon title={serverError} data-testid="report-place-error" />}
      <div>
        <Typography.Text strong>{t(m.address)}</Typography.Text>
        <Input
          size="large"
          value={draft.address}
          maxLength={200}
          onChange={(e) => onChange({ address: e.target.value })}
          placeholder={t(m.addressPlaceholder)}
          style={{ marginTop: 6, fontSize: 16 }}
          data-testid="report-address"
        />
      </div>
    </Flex>
  );
}
