/**
 * /cases/new — 随手拍 / Report a problem, made for a phone held in the street: 1 photos, 2 place,
 * 3 category and description (with the duplicates nearby), then send. The draft survives a reload; its one
 * Idempotency-Key makes double taps and retries file it once. Staff use the same page for patrol findings
 * and phone calls. Server errors land next to the field (and step) they concern.
 */
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { Alert, App, Button, Card, Flex, Steps } from 'antd';
import { ArrowLeftOutlined, ArrowRightOutlined, SendOutlined } from '@ant-design/icons';
import { Link, useNavigate } from 'react-router';
import type { UploadedMedia } from '../../../../common/contracts/media.js';
import { ApiError } from '../../../lib/api.js';
import { useAuth, useMe } from '../../../lib/auth.js';
import { useI18n } from '../../../lib/i18n.js';
import { common } from '../../../lib/messages.js';
import { PageHeader } from '../../../ui/PageHeader.js';
import { useIsPhone } from '../../../ui/use-phone.js';
import { clearDraft, emptyDraft, hasContent, loadDraft, reportBody, saveDraft, type ReportDraft } from './draft.js';
import { PhotoStep } from './PhotoStep.js';
import { PlaceStep, useLocate } from './PlaceStep.js';
import { DetailsStep, type DetailsErrors } from './DetailsStep.js';
import { NearbyCases } from './NearbyCases.js';
import { ReportDone, type FiledCase } from './ReportDone.js';
import { postReport } from './submit.js';
import { useStartView } from './start-view.js';
import { m } from './messages.js';

interface Errors {
  photos?: string;
  place?: string;
  details: DetailsErrors;
  general?: { text: string; mismatch?: boolean };
}
const NO_ERRORS: Errors = { details: {} };
const BOTTOM_BAR = 56;

/** The report page. */
export function ReportPage() {
  const me = useMe();
  const { refresh } = useAuth();
  const { t, lang } = useI18n();
  const { modal } = App.useApp();
  const phone = useIsPhone();
  const navigate = useNavigate();

  const staff = me.grants.some((g) => g.role !== 'resident' && g.permissions.includes('case.report'));
  const ownGrids = useMemo(() => me.grants.filter((g) => g.nodeType === 'grid' && g.permissions.includes('case.handle')).map((g) => g.nodeId), [me]);
  const kind = !staff ? 'resident' : ownGrids.length > 0 ? 'grid' : 'staff';

  const [initial] = useState(() => loadDraft(me.id));
  const [draft, setDraft] = useState<ReportDraft>(() => initial ?? emptyDraft());
  const [restored, setRestored] = useState(() => !!initial && hasContent(initial));
  const [kept, setKept] = useState<UploadedMedia[]>(() => initial?.photos ?? []);
  const [fresh, setFresh] = useState<UploadedMedia[]>([]);
  const [visited, setVisited] = useState<Set<number>>(() => new Set([0, initial?.step ?? 0]));
  const [errors, setErrors] = useState<Errors>(NO_ERRORS);
  const [sending, setSending] = useState(false);
  const sendingRef = useRef(false);
  const [filed, setFiled] = useState<FiledCase | null>(null);
  const uploadsBusy = useRef<() => boolean>(() => false);
  const start = useStartView(me);
  const located = useLocate(draft.point);
  const inOwnGrid = located.state === 'inside' ? ownGrids.includes(located.at.grid.id) : located.state === 'outside' ? false : null;

  const change = useCallback((patch: Partial<ReportDraft>) => setDraft((d) => ({ ...d, ...patch })), []);
  useEffect(() => change({ photos: [...kept, ...fresh] }), [kept, fresh, change]);
  useEffect(() => {
    if (!filed) saveDraft(me.id, draft);
  }, [draft, filed, me.id]);

  const go = (step: number) => {
    change({ step });
    setVisited((v) => new Set(v).add(step));
    window.scrollTo({ top: 0 });
  };

  const next = () => {
    setErrors(NO_ERRORS);
    if (draft.step === 0 && uploadsBusy.current()) return setErrors({ ...NO_ERRORS, photos: t(m.photosUploading) });
    if (draft.step === 1) {
      if (!draft.point) return setErrors({ ...NO_ERRORS, place: t(m.noPoint) });
      if (located.state === 'outside') return setErrors({ ...NO_ERRORS, place: t(m.outside) });
    }
    go(draft.step + 1);
  };

  const restart = () => {
    clearDraft(me.id);
    setDraft(emptyDraft());
    setKept([]);
    setFresh([]);
    setVisited(new Set([0]));
    setErrors(NO_ERRORS);
    setRestored(false);
    setFiled(null);
    window.scrollTo({ top: 0 });
  };

  /** Puts a refused submission's message where it belongs and shows that step. */
  const place = (e: ApiError) => {
    const at = (step: number, patch: Partial<Errors>) => {
      setErrors({ ...NO_ERRORS, ...patch });
      go(step);
    };
    if (e.code === 'CASE_OUTSIDE_DISTRICT') return at(1, { place: e.message });
    if (e.code.startsWith('CASE_CATEGORY_')) return at(2, { details: { category: e.message } });
    if (e.code === 'CASE_ON_SPOT_GRID_ONLY') return at(2, { details: { onSpot: e.message } });
    if (e.code === 'MEDIA_NOT_ATTACHABLE') {
      const refused = new Set(((e.details as { ids?: number[] } | undefined)?.ids ?? []).map(Number));
      setKept((k) => k.filter((p) => !refused.has(p.id)));
      setFresh((f) => f.filter((p) => !refused.has(p.id)));
      return at(0, { photos: refused.size ? t(m.photosRefused, { n: refused.size }) : e.message });
    }
    if (e.code.startsWith('MEDIA_')) return at(0, { photos: e.message });
    if (e.code === 'CASE_IDEMPOTENCY_MISMATCH') return at(draft.step, { general: { text: e.message, mismatch: true } });
    if (e.code === 'VALIDATION_FAILED' && e.problems.length) {
      const field = (p: { path?: string }) => (p.path ?? '').replace(/^body\./, '').split('.')[0];
      const msgs = (names: string[]) => e.problems.filter((p) => names.includes(field(p))).map((p) => p.message).join(t(common.semi)) || undefined;
      const photos = msgs(['photoIds']);
      const placeMsg = msgs(['lat', 'lng', 'address']);
      const details = { category: msgs(['categoryId']), description: msgs(['description']), other: msgs(['hideReporter', 'handledOnSpot', 'source']) };
      const step = photos ? 0 : placeMsg ? 1 : 2;
      return at(step, { photos, place: placeMsg, details, general: { text: t(m.fixBelow) } });
    }
    if (e.status === 401) void refresh();
    return at(draft.step, { general: { text: e.message } });
  };

  const submit = async () => {
    if (sendingRef.current) return; // a double tap sends once
    const problems: DetailsErrors = {};
    if (!draft.category) problems.category = t(m.categoryRequired);
    if (draft.description.trim().length < 4) problems.description = t(m.descriptionRequired);
    if (problems.category || problems.description) return setErrors({ ...NO_ERRORS, details: problems });
    if (uploadsBusy.current()) return place(new ApiError(0, 'MEDIA_BUSY', t(m.photosUploading)));
    if (!draft.point) return place(new ApiError(0, 'CASE_OUTSIDE_DISTRICT', t(m.noPoint)));
    sendingRef.current = true;
    setSending(true);
    setErrors(NO_ERRORS);
    try {
      const res = await postReport<FiledCase>(reportBody({ ...draft, handledOnSpot: draft.handledOnSpot && inOwnGrid !== false }, { staff }), draft.key, me.csrfToken, lang);
      clearDraft(me.id);
      setFiled(res);
      window.scrollTo({ top: 0 });
    } catch (e) {
      place(e instanceof ApiError ? e : new ApiError(0, 'CLIENT', String(e)));
    } finally {
      sendingRef.current = false;
      setSending(false);
    }
  };

  const followed = (id: number) => {
    clearDraft(me.id);
    navigate(`/cases/${id}`);
  };

  const title = staff ? t(m.staffTitle) : t(m.title);
  if (filed) {
    return (
      <div style={{ maxWidth: 640, margin: '0 auto' }}>
        <PageHeader title={title} />
        <ReportDone filed={filed} resident={!staff} onAnother={restart} />
      </div>
    );
  }

  const step = draft.step;
  const show = (i: number) => ({ display: step === i ? undefined : 'none' });
  const bar: React.CSSProperties = phone
    ? { position: 'sticky', bottom: BOTTOM_BAR, zIndex: 5, background: '#f5f6f8', margin: '0 -12px', padding: '10px 12px', borderTop: '1px solid #e8e8e8' }
    : { marginTop: 16 };
  return (
    <div style={{ maxWidth: 720, margin: '0 auto' }} data-testid="report-page" data-step={step}>
      <PageHeader
        title={title}
        subtitle={staff ? t(m.staffSubtitle) : t(m.subtitle)}
        extra={
          hasContent(draft) && (
            <Button type="link" size="small" onClick={() => modal.confirm({ title: t(m.discardConfirm), onOk: restart })} data-testid="report-discard">
              {t(m.discard)}
            </Button>
          )
        }
      />
      {restored && <Alert type="info" showIcon closable onClose={() => setRestored(false)} title={t(m.restored)} style={{ marginBottom: 12 }} data-testid="report-restored" />}
      <Steps
        size="small"
        responsive={false}
        current={step}
        onChange={(s) => s < step && go(s)}
        items={[{ title: t(m.stepPhotos) }, { title: t(m.stepPlace) }, { title: t(m.stepDetails) }]}
        style={{ marginBottom: 12 }}
        data-testid="report-steps"
      />
      <Card styles={{ body: { padding: phone ? 14 : 20 } }} key={draft.key}>
        <div style={show(0)}>
          <PhotoStep kept={kept} onKeptChange={setKept} fresh={fresh} onFreshChange={setFresh} serverError={errors.photos} busyRef={uploadsBusy} />
        </div>
        {visited.has(1) && (
          <div style={show(1)}>
            <PlaceStep draft={draft} onChange={change} located={located} start={start} serverError={errors.place} />
          </div>
        )}
        {visited.has(2) && (
          <div style={show(2)}>
            <Flex vertical gap={12}>
              <DetailsStep draft={draft} onChange={change} errors={errors.details} kind={kind} inOwnGrid={inOwnGrid} />
              <NearbyCases categoryId={draft.category?.id ?? null} point={draft.point} onFollowed={followed} />
              {errors.details.other && <Alert type="error" showIcon title={errors.details.other} />}
            </Flex>
          </div>
        )}
      </Card>
      {errors.general && (
        <Alert
          type="error"
          showIcon
          style={{ marginTop: 12 }}
          title={errors.general.text}
          action={
            errors.general.mismatch && (
              <Link to="/cases/mine">
                <Button size="small">{t(m.mismatchAction)}</Button>
              </Link>
            )
          }
          data-testid="report-error"
        />
      )}
      <Flex gap={10} style={bar}>
        {step > 0 && (
          <Button size="large" icon={<ArrowLeftOutlined />} onClick={() => go(step - 1)} disabled={sending} style={{ flex: 1, height: 48 }} data-testid="report-prev">
            {t(m.prev)}
          </Button>
        )}
        {step < 2 ? (
          <Button type="primary" size="large" onClick={next} style={{ flex: 2, height: 48 }} data-testid="report-next">
            {t(m.next)} <ArrowRightOutlined />
          </Button>
        ) : (
          <Button type="primary" size="large" icon={<SendOutlined />} loading={sending} onClick={() => void submit()} style={{ flex: 2, height: 48 }} data-testid="report-submit">
            {sending ? t(m.submitting) : t(m.submit)}
          </Button>
        )}
      </Flex>
    </div>
  );
}
