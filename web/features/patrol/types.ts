/** A patrol log entry as the API returns it. */
export interface Patrol {
  id: number;
  gridId: number;
  gridCode: string;
  gridNameZh: string;
  gridNameEn: string;
  userId: number;
  userDisplayName: string;
  patrolDate: string;
  startedAt: string;
  endedAt: string | null;
  notes: string;
  routePoints: number;
  createdAt: string;
  abilities: { edit: boolean };
}

export interface PatrolList {
  items: Patrol[];
  total: number;
}
