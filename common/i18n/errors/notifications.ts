/** Error codes of the notifications module (merged into ERROR_MESSAGES in ../errors.ts). */
import type { Messages } from '../errors.js';

export const NOTIFICATIONS_ERRORS = {
} as const satisfies Messages;
