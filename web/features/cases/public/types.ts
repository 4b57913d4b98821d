/** Shapes of the public cases API (GET /api/public/cases, /api/public/cases/:id) as the pages read them. */

export interface PublicCaseItem {
  id: number;
  status: 'open' | 'closed';
  category: { id: number; nameZh: string; nameEn: string };
  description: string;
  area: { nameZh: string | null; nameEn: string | null };
  lat: number;
  lng: number;
  reportedAt: string;
  closedAt: string | null;
}

export interface PublicCaseList {
  items: PublicCaseItem[];
  total: number;
  page: number;
  pageSize: number;
}

export interface PublicCase extends PublicCaseItem {
  timeline: { id: number; at: string; action: string; status: 'open' | 'closed' | null; unit: { nameZh: string; nameEn: string | null } | null }[];
  photos: { mediaId: number; role: string }[];
}
