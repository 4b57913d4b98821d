/** The media module. See README.md. */
import type { Module } from '../index.js';

export const mediaModule: Module = { name: 'media', routes: async () => {} };
