/** Error codes of the cases module (merged into ERROR_MESSAGES in ../errors.ts). */
import type { Messages } from '../errors.js';

export const CASES_ERRORS = {
} as const satisfies Messages;
