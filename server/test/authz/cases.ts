/** Authorization-matrix rows of the cases module (see matrix.ts). */
import type { MatrixArea } from './matrix.js';

export const casesArea: MatrixArea = {
  cases: () => [],
};
