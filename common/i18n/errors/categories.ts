/** Error codes of the categories module (merged into ERROR_MESSAGES in ../errors.ts). */
import type { Messages } from '../errors.js';

export const CATEGORIES_ERRORS = {
} as const satisfies Messages;
