/**
 * The report being written, kept in sessionStorage so a reload (or the phone killing the tab while the camera
 * was open) keeps it. Each draft carries one submission key, generated when the draft starts and kept across
 * retries: the server files a draft once however often it is sent.
 */
import type { UploadedMedia } from '../../../../common/contracts/media.js';
import type { PickedCategory } from '../../categories/types.js';

export interface ReportDraft {
  /** The Idempotency-Key of this draft. */
  key: string;
  step: number;
  photos: UploadedMedia[];
  point: { lat: number; lng: number; accuracy?: number; via: 'gps' | 'map' } | null;
  address: string;
  category: PickedCategory | null;
  description: string;
  hideReporter: boolean;
  handledOnSpot: boolean;
  source: 'staff' | 'hotline';
}

const PREFIX = 'gongzhi.caseDraft.';

/** A random v4 UUID; works on plain-http pages too, where crypto.randomUUID is missing. */
export function newKey(): string {
  if (typeof crypto.randomUUID === 'function' && globalThis.isSecureContext) return crypto.randomUUID();
  const b = crypto.getRandomValues(new Uint8Array(16));
  b[6] = (b[6]! & 0x0f) | 0x40;
  b[8] = (b[8]! & 0x3f) | 0x80;
  const h = [...b].map((x) => x.toString(16).padStart(2, '0')).join('');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

/** An empty draft with a fresh key. */
export function emptyDraft(): ReportDraft {
  return { key: newKey(), step: 0, photos: [], point: null, address: '', category: null, description: '', hideReporter: false, handledOnSpot: false, source: 'staff' };
}

/** True when the draft holds anything the user entered. */
export function hasContent(d: ReportDraft): boolean {
  return d.photos.length > 0 || d.point !== null || d.address.trim() !== '' || d.category !== null || d.description.trim() !== '';
}

/** The user's stored draft, if any (a malformed one is dropped). */
export function loadDraft(userId: number): ReportDraft | null {
  try {
    const raw = sessionStorage.getItem(PREFIX + userId);
    if (!raw) return null;
    const d = JSON.parse(raw) as Partial<ReportDraft>;
    if (typeof d.key !== 'string' || !/^[A-Za-z0-9_-]{1,100}$/.test(d.key)) return null;
    return { ...emptyDraft(), ...d, key: d.key, photos: Array.isArray(d.photos) ? d.photos.filter((p) => p && typeof p.id === 'number') : [] };
  } catch {
    return null;
  }
}

/** Stores the draft (silently does nothing when storage is blocked or full). */
export function saveDraft(userId: number, d: ReportDraft): void {
  try {
    sessionStorage.setItem(PREFIX + userId, JSON.stringify(d));
  } catch {
    /* private mode or full: the draft lives in memory only */
  }
}

/** Forgets the draft (after it was filed, or when the user starts over). */
export function clearDraft(userId: number): void {
  try {
    sessionStorage.removeItem(PREFIX + userId);
  } catch {
    /* ignore */
  }
}

/** The request body of POST /api/cases for a draft. */
export function reportBody(d: ReportDraft, opts: { staff: boolean }) {
  return {
    categoryId: d.category!.id,
    description: d.description.trim(),
    address: d.address.trim(),
    lat: d.point!.lat,
    lng: d.point!.lng,
    photoIds: d.photos.map((p) => p.id),
    hideReporter: opts.staff ? false : d.hideReporter,
    handledOnSpot: opts.staff ? d.handledOnSpot : false,
    ...(opts.staff ? { source: d.source } : {}),
  };
}
