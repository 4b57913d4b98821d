/** Request schemas of the accounts module (sign-in, users, grants). */
import { z } from 'zod';
import { ROLES } from '../permissions.js';

export const username = z.string().trim().toLowerCase().regex(/^[a-z0-9_.-]{2,40}$/);
export const password = z.string().min(1).max(200);
export const locale = z.enum(['zh-CN', 'en']);
export const id = z.coerce.number().int().positive().max(Number.MAX_SAFE_INTEGER);
export const idParams = z.object({ id });
/** A query-string boolean: true/false/1/0 (z.coerce.boolean would read "false" as true). */
export const queryFlag = z.enum(['true', 'false', '1', '0']).transform((v) => v === 'true' || v === '1');
export const page = z.object({
  page: z.coerce.number().int().min(1).max(100000).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(20),
});

export const loginBody = z.object({ username: z.string().trim().toLowerCase().min(1).max(40), password });
export const changePasswordBody = z.object({ current: password, next: password });
export const userCreateBody = z.object({
  username,
  displayName: z.string().trim().min(1).max(50),
  phone: z.string().trim().regex(/^[0-9+\- ]{5,20}$/).nullable().optional(),
  locale: locale.default('zh-CN'),
  password,
});
export const userUpdateBody = z.object({
  displayName: z.string().trim().min(1).max(50).optional(),
  phone: z.string().trim().regex(/^[0-9+\- ]{5,20}$/).nullable().optional(),
  locale: locale.optional(),
  disabled: z.boolean().optional(),
});
export const resetPasswordBody = z.object({ password });
export const grantBody = z.object({ role: z.enum(ROLES), nodeId: id });
export const userListQuery = page.extend({ q: z.string().trim().max(50).optional() });
export const localeBody = z.object({ locale });
