/** The report draft: its submission key, storage across reloads, and the body it sends. */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { caseReportBody } from '../../../../common/contracts/cases.js';
import { clearDraft, emptyDraft, hasContent, loadDraft, newKey, reportBody, saveDraft, type ReportDraft } from './draft.js';

const UUID_V4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
/** What the server accepts as an Idempotency-Key (server/modules/cases/case-intake.service.ts). */
const SERVER_KEY = /^[A-Za-z0-9_-]{1,100}$/;

/** sessionStorage as a browser tab has it (Node has none). */
class TabStorage {
  private data = new Map<string, string>();
  getItem(k: string) {
    return this.data.get(k) ?? null;
  }
  setItem(k: string, v: string) {
    this.data.set(k, String(v));
  }
  removeItem(k: string) {
    this.data.delete(k);
  }
}

const g = globalThis as { sessionStorage?: unknown; isSecureContext?: boolean };
beforeEach(() => {
  g.sessionStorage = new TabStorage();
});
afterEach(() => {
  delete g.sessionStorage;
  delete g.isSecureContext;
});

const filled = (): ReportDraft => ({
  ...emptyDraft(),
  photos: [{ id: 7, mime: 'image/jpeg', width: 800, height: 600, bytes: 1000, thumbUrl: '/api/media/7/thumb', displayUrl: '/api/media/7/display' }],
  point: { lat: 41.318, lng: 123.7313, accuracy: 20, via: 'gps' },
  address: '  3号楼东侧 ',
  category: { id: 2, code: 'urban.exposed_garbage', nameZh: '暴露垃圾', nameEn: 'Exposed rubbish', path: [] },
  description: '  绿地上有一堆垃圾  ',
  hideReporter: true,
  handledOnSpot: true,
  source: 'hotline',
});

describe('submission key', () => {
  it('is a v4 UUID the server accepts, on secure pages and on plain-http ones', () => {
    g.isSecureContext = true;
    const secure = newKey();
    g.isSecureContext = false;
    const plain = newKey();
    for (const k of [secure, plain]) {
      expect(k).toMatch(UUID_V4);
      expect(k).toMatch(SERVER_KEY);
    }
    expect(new Set(Array.from({ length: 50 }, newKey)).size).toBe(50);
  });

  it('stays the same for a draft across a reload', () => {
    const d = filled();
    saveDraft(5, d);
    expect(loadDraft(5)?.key).toBe(d.key);
  });
});

describe('storage', () => {
  it('keeps everything the user entered, per user, until cleared', () => {
    const d = { ...filled(), step: 2 };
    saveDraft(5, d);
    expect(loadDraft(5)).toEqual(d);
    expect(loadDraft(6)).toBeNull();
    clearDraft(5);
    expect(loadDraft(5)).toBeNull();
  });

  it('drops a malformed draft instead of sending it', () => {
    const s = g.sessionStorage as TabStorage;
    s.setItem('gongzhi.caseDraft.5', '{not json');
    expect(loadDraft(5)).toBeNull();
    s.setItem('gongzhi.caseDraft.5', JSON.stringify({ ...filled(), key: 'has spaces and ümlauts' }));
    expect(loadDraft(5)).toBeNull();
    s.setItem('gongzhi.caseDraft.5', JSON.stringify({ ...filled(), photos: [null, { id: 'x' }, { id: 3 }] }));
    expect(loadDraft(5)?.photos).toEqual([{ id: 3 }]);
  });

  it('works without storage (private mode): nothing is kept, nothing throws', () => {
    delete g.sessionStorage;
    expect(() => saveDraft(5, filled())).not.toThrow();
    expect(loadDraft(5)).toBeNull();
  });

  it('knows an untouched draft from one with content', () => {
    expect(hasContent(emptyDraft())).toBe(false);
    expect(hasContent({ ...emptyDraft(), description: '   ' })).toBe(false);
    expect(hasContent({ ...emptyDraft(), point: { lat: 1, lng: 2, via: 'map' } })).toBe(true);
  });
});

describe('request body', () => {
  it('for a resident: her privacy choice, never staff fields; valid for the server', () => {
    const body = reportBody(filled(), { staff: false });
    expect(body).toEqual({ categoryId: 2, description: '绿地上有一堆垃圾', address: '3号楼东侧', lat: 41.318, lng: 123.7313, photoIds: [7], hideReporter: true, handledOnSpot: false });
    expect(caseReportBody.safeParse(body).success).toBe(true);
  });

  it('for staff: source and on-the-spot, no name hiding; valid for the server', () => {
    const body = reportBody(filled(), { staff: true });
    expect(body).toMatchObject({ hideReporter: false, handledOnSpot: true, source: 'hotline' });
    expect(caseReportBody.safeParse(body).success).toBe(true);
  });

  it('is the same every time for the same draft (the server compares retries by content)', () => {
    const d = filled();
    expect(JSON.stringify(reportBody(d, { staff: false }))).toBe(JSON.stringify(reportBody(structuredClone(d), { staff: false })));
  });
});
