/** Authorization-matrix rows of the notifications module (see matrix.ts). */
import type { MatrixArea } from './matrix.js';

export const notificationsArea: MatrixArea = {
  cases: () => [],
};
