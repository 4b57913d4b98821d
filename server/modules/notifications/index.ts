/** The notifications module. See README.md. */
import type { Module } from '../index.js';

export const notificationsModule: Module = { name: 'notifications', routes: async () => {} };
