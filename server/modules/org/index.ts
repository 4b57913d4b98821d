/** Organisation: the administrative, department and party trees. See README.md. */
import type { Module } from '../index.js';
import { orgRoutes } from './org.routes.js';
export { createNodeUnchecked, nodeFigures } from './org.service.js';
export { findNode } from './org.repository.js';

export const orgModule: Module = { name: 'org', routes: orgRoutes };
