/** The audit-log API: who did what, where, when and why, in the reader's scope. See README.md. */
import type { Module } from '../index.js';
import { auditRoutes } from './audit.routes.js';

export const auditModule: Module = { name: 'audit', routes: auditRoutes };
