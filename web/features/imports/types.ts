/** Import jobs and results as the API returns them. */
import type { ImportProblemView } from '../../../common/contracts/imports.js';

export interface ImportJob {
  id: number;
  kind: 'residents' | 'grids';
  filename: string;
  status: 'completed' | 'rejected';
  rows: number;
  errorCount: number;
  households: number;
  residents: number;
  node: { id: number; code: string; nameZh: string; nameEn: string };
  createdBy: { id: number; displayName: string } | null;
  createdAt: string;
}

export interface ImportSuccess {
  jobId: number;
  rows: number;
  households: number;
  newHouseholds: number;
  residents: number;
}

export interface ImportRejection {
  jobId: number;
  errorCount: number;
  errors: ImportProblemView[];
}
