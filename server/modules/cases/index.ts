/** The cases module. See README.md. */
import type { Module } from '../index.js';

export const casesModule: Module = { name: 'cases', routes: async () => {} };
