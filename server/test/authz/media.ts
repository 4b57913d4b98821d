/** Authorization-matrix rows of the media module (see matrix.ts). */
import type { MatrixArea } from './matrix.js';

export const mediaArea: MatrixArea = {
  cases: () => [],
};
