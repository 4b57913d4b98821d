/** Authorization-matrix rows of the categories module (see matrix.ts). */
import type { MatrixArea } from './matrix.js';

export const categoriesArea: MatrixArea = {
  cases: () => [],
};
