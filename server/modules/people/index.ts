/** People ("人、房" base data): buildings, houses, households, residents, masking and audited reveal. See README.md. */
import type { Module } from '../index.js';
import { peopleRoutes } from './people.routes.js';
export { residentSearchTokens, residentSearch, splitScripts } from './resident-search.js';
export { searchResidents, SEARCH_CAP, BROWSE_CAP } from './residents.repository.js';
export { keyPopulationsUnder } from './people.stats.js';

export const peopleModule: Module = { name: 'people', routes: peopleRoutes };
