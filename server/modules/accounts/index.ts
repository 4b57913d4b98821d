/** Accounts: sign-in, sessions, users, role grants. See README.md. */
import type { Module } from '../index.js';
import { accountsRoutes } from './accounts.routes.js';
export { hashPassword } from '../../platform/auth/sessions.js';
export { assertPasswordStrength } from './accounts.service.js';

export const accountsModule: Module = { name: 'accounts', routes: accountsRoutes };
