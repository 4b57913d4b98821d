/** Shapes of the cases API as the web app reads them (server: server/modules/cases/case-query.service.ts). */
import type { CaseListQuery } from '../../../common/contracts/cases.js';

export type CaseStatus = NonNullable<CaseListQuery['status']>[number];
export type Card = 'none' | 'yellow' | 'red';
export type Stage = 'accept' | 'handle' | 'verify';

export interface NodeRef {
  id: number;
  type: string;
  nameZh: string;
  nameEn: string;
}

export interface CategoryRef {
  id: number;
  code?: string;
  nameZh: string;
  nameEn: string;
  parentId?: number | null;
}

/** One row of GET /api/cases. */
export interface CaseListItem {
  id: number;
  status: CaseStatus;
  publicStatus: 'open' | 'closed';
  category: CategoryRef | null;
  description: string;
  address: string;
  lat: number;
  lng: number;
  grid: NodeRef | null;
  holder: NodeRef | null;
  stage: Stage | null;
  card: Card | null;
  yellowAt: string | null;
  redAt: string | null;
  reportedAt: string;
  urgent: boolean;
  source: string;
  reopened: boolean;
  extended: boolean;
  whistled: boolean;
}

export interface CaseList {
  items: CaseListItem[];
  total: number;
  page: number;
  pageSize: number;
}

export interface StageClock {
  stage: Stage;
  startedAt: string | null;
  warnAt: string | null;
  yellowAt: string | null;
  redAt: string | null;
  extensionDays: number;
  card: Card;
  warned: boolean;
}

export interface TimelineEvent {
  id: number;
  at: string;
  action: string;
  fromStatus: CaseStatus | null;
  toStatus: CaseStatus | null;
  fromNode: NodeRef | null;
  toNode: NodeRef | null;
  actorNode: NodeRef | null;
  actorName: string | null;
  note: string | null;
  data: Record<string, unknown>;
  public: boolean;
}

export interface CasePhoto {
  mediaId: number;
  role: 'report' | 'before' | 'after' | 'verify';
  eventId: number | null;
  publicApproved: boolean;
}

export interface Extension {
  id: number;
  days: number;
  reason: string;
  status: 'pending' | 'approved' | 'denied';
  approvedDays: number | null;
  createdAt: string;
  decidedAt: string | null;
  decisionNote: string | null;
  node: NodeRef | null;
}

export interface Party {
  node: NodeRef | null;
  kind: 'intake' | 'owner' | 'handler' | 'cc' | 'escalated' | 'whistled';
  readAt: string | null;
}

export interface CardRow {
  color: 'yellow' | 'red';
  stage: Stage;
  points: number;
  raisedAt: string;
  node: NodeRef | null;
}

export type SummonsAction = 'sign' | 'contact' | 'arrive';

/** A department summoned by a whistle, with its three clocks. */
export interface Summons {
  id: number;
  department: { id: number; nameZh: string; nameEn: string } | null;
  signDueAt: string | null;
  contactDueAt: string | null;
  arriveDueAt: string | null;
  signedAt: string | null;
  contactedAt: string | null;
  arrivedAt: string | null;
  contactNote?: string | null;
  arriveNote?: string | null;
  overdue: { sign: boolean; contact: boolean; arrive: boolean };
  rating: { speed: number; quality: number; note: string | null } | null;
  abilities: (SummonsAction | 'rate')[];
}

export type WhistleKind = 'routine' | 'tough' | 'emergency';
export type WhistleStatus = 'pending_approval' | 'open' | 'closed' | 'rejected';

/** A whistle blown on a case (街乡吹哨). */
export interface Whistle {
  id: number;
  kind: WhistleKind;
  status: WhistleStatus;
  reason: string;
  meetAt?: string | null;
  place?: string | null;
  node: { id: number; nameZh: string; nameEn: string } | null;
  createdAt: string;
  decidedAt?: string | null;
  decisionNote?: string | null;
  openedAt?: string | null;
  closedAt: string | null;
  abilities: string[];
  summons: Summons[];
}

/** GET /api/cases/:id. */
export interface CaseDetail {
  id: number;
  status: CaseStatus;
  publicStatus: 'open' | 'closed';
  category: CategoryRef | null;
  description: string;
  address: string;
  lat: number;
  lng: number;
  grid: NodeRef | null;
  source: string;
  urgent: boolean;
  hideReporter: boolean;
  reporter: { id: number; displayName: string } | null;
  holder: NodeRef | null;
  owner: NodeRef | null;
  handler: NodeRef | null;
  escalatedTo: NodeRef | null;
  clock: StageClock | null;
  card: Card | null;
  reportedAt: string;
  acceptedAt: string | null;
  dispatchedAt: string | null;
  handledAt: string | null;
  closedAt: string | null;
  ratedAt: string | null;
  dueAt: string | null;
  resolved: boolean | null;
  satisfaction: 'satisfied' | 'basic' | 'unsatisfied' | null;
  ratingComment: string | null;
  reopenCount: number;
  reworkCount: number | null;
  extended: boolean;
  whistled: boolean;
  mergedIntoId: number | null;
  parkedReason: string | null;
  timeline: TimelineEvent[];
  photos: CasePhoto[];
  extensions: Extension[];
  parties: Party[];
  cards: CardRow[];
  /** Present once the whistle server lands; absent (undefined) before. */
  whistles?: Whistle[];
  access: 'staff' | 'reporter' | 'follower';
  following: boolean;
  abilities: string[];
}

/** GET /api/cases/:id/targets. */
export interface CaseTargets {
  self: NodeRef | null;
  below: (NodeRef & { tree: string })[];
  superior: NodeRef | null;
  /** Departments a whistle on this case may summon (when the server sends them). */
  departments?: NodeRef[];
}
