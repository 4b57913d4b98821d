/** Error codes of the media module (merged into ERROR_MESSAGES in ../errors.ts). */
import type { Messages } from '../errors.js';

export const MEDIA_ERRORS = {
} as const satisfies Messages;
