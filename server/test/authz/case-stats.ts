/** Authorization-matrix rows of the case statistics (see matrix.ts): stats.read on the node asked for. */
import type { MatrixArea } from './matrix.js';

export const caseStatsArea: MatrixArea = {
  cases: ({ community, grid }) => [
    {
      method: 'GET', route: '/api/stats/cases', perm: 'stats.read',
      req: (s) => ({ url: `/api/stats/cases?nodeId=${community(s).id}&from=2026-01-01&to=2026-01-31` }),
      target: (s) => community(s).path,
    },
    // Without a node: the caller's own top node (always inside the scope).
    { method: 'GET', route: '/api/stats/cases', perm: 'stats.read', req: () => ({ url: '/api/stats/cases' }) },
    // A grid (the smallest node), asked for by a community or street inside, hidden outside.
    {
      method: 'GET', route: '/api/stats/cases', perm: 'stats.read',
      req: (s) => ({ url: `/api/stats/cases?nodeId=${grid(s).id}` }),
      target: (s) => grid(s).path,
    },
  ],
};
