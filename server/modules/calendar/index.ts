/** The calendar module. See README.md. */
import type { Module } from '../index.js';

export const calendarModule: Module = { name: 'calendar', routes: async () => {} };
