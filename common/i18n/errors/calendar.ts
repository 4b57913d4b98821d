/** Error codes of the calendar module (merged into ERROR_MESSAGES in ../errors.ts). */
import type { Messages } from '../errors.js';

export const CALENDAR_ERRORS = {
} as const satisfies Messages;
