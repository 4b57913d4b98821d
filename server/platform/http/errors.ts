/** Application errors with stable codes, and their translation into HTTP responses. */
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { errorMessage, type ErrorCode, type Locale } from '../../../common/i18n/errors.js';

export interface ErrorDetail {
  path?: string;
  message: string;
  [k: string]: unknown;
}

/** An error a user can cause: it carries an HTTP status and a stable code; it is never logged as a fault. */
export class AppError extends Error {
  constructor(
    readonly status: number,
    readonly code: ErrorCode,
    readonly params: Record<string, string | number> = {},
    readonly details?: ErrorDetail[] | Record<string, unknown>,
  ) {
    super(code);
  }
}

export const notFound = () => new AppError(404, 'NOT_FOUND');
export const forbidden = () => new AppError(403, 'FORBIDDEN');
export const conflict = () => new AppError(409, 'CONFLICT');

const zodLocales = { 'zh-CN': z.locales.zhCN(), en: z.locales.en() };

/** Localised messages for zod issues. */
export function zodDetails(issues: readonly z.core.$ZodIssue[], locale: Locale): ErrorDetail[] {
  return issues.map((issue) => ({
    path: issue.path.map(String).join('.'),
    message: (zodLocales[locale].localeError as (i: unknown) => string | { message: string })(issue) as string,
  }));
}

function send(reply: FastifyReply, locale: Locale, status: number, code: ErrorCode, params = {}, details?: unknown) {
  return reply.status(status).send({ error: { code, message: errorMessage(code, locale, params), details } });
}

/** Installs the error and not-found handlers: no user input ever yields a 500 without a stable code. */
export function installErrorHandling(app: FastifyInstance, bodyLimitBytes: number, uploadLimitBytes: number) {
  const kib = (n: number) => (n >= 1024 * 1024 ? `${Math.round(n / 1024 / 1024)} MiB` : `${Math.round(n / 1024)} KiB`);
  app.setErrorHandler((err: FastifyError & { validation?: unknown }, req: FastifyRequest, reply) => {
    const locale = req.locale ?? 'zh-CN';
    if (err instanceof AppError) return send(reply, locale, err.status, err.code, err.params, err.details);
    if (err.validation && Array.isArray(err.validation)) {
      const where = err.validationContext ?? 'body';
      const details = err.validation.map((v: any) => {
        const path = String(v.instancePath ?? '').split('/').filter(Boolean);
        const issue = { ...(v.params ?? {}), code: v.keyword, path, message: v.message };
        let message: string = v.message;
        try {
          message = zodDetails([issue as z.core.$ZodIssue], locale)[0]!.message || message;
        } catch {
          /* keep zod's own message */
        }
        return { path: [where, ...path].join('.'), message };
      });
      return send(reply, locale, 400, 'VALIDATION_FAILED', {}, details);
    }
    switch (err.code) {
      case 'FST_ERR_CTP_BODY_TOO_LARGE':
        return send(reply, locale, 413, 'BODY_TOO_LARGE', { limit: kib(bodyLimitBytes) });
      case 'FST_REQ_FILE_TOO_LARGE':
        return send(reply, locale, 413, 'BODY_TOO_LARGE', { limit: kib(uploadLimitBytes) });
      case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      case 'FST_INVALID_MULTIPART_CONTENT_TYPE':
        return send(reply, locale, 415, 'UNSUPPORTED_MEDIA_TYPE');
      case 'FST_ERR_CTP_EMPTY_JSON_BODY':
      case 'FST_ERR_CTP_INVALID_JSON_BODY':
        return send(reply, locale, 400, 'MALFORMED_JSON');
    }
    if (err instanceof SyntaxError || (err as any).type === 'entity.parse.failed') return send(reply, locale, 400, 'MALFORMED_JSON');
    if (err.statusCode === 429) return send(reply, locale, 429, 'RATE_LIMITED');
    if (err.statusCode && err.statusCode >= 400 && err.statusCode < 500) {
      req.log.info({ err }, 'client error');
      return send(reply, locale, err.statusCode, err.statusCode === 404 ? 'NOT_FOUND' : 'VALIDATION_FAILED', {}, [{ message: err.message }]);
    }
    req.log.error({ err }, 'unhandled error');
    return send(reply, locale, 500, 'INTERNAL');
  });
}
