/** The categories module. See README.md. */
import type { Module } from '../index.js';

export const categoriesModule: Module = { name: 'categories', routes: async () => {} };
