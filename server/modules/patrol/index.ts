/** Patrol log (巡查日志) of grid workers. See README.md. */
import type { Module } from '../index.js';
import { patrolRoutes } from './patrol.routes.js';

export const patrolModule: Module = { name: 'patrol', routes: patrolRoutes };
