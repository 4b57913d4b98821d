/** Authorization-matrix rows of the calendar module (see matrix.ts). */
import type { MatrixArea } from './matrix.js';

export const calendarArea: MatrixArea = {
  cases: () => [],
};
