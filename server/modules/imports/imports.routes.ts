/** HTTP routes of the imports module: parse → authorize → one use case → present. */
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import * as c from '../../../common/contracts/imports.js';
import { idParams } from '../../../common/contracts/accounts.js';
import { requirePermission } from '../../platform/authz/index.js';
import { AppError, zodDetails } from '../../platform/http/errors.js';
import { contentDisposition, type OutputFile } from './report-writer.js';
import * as svc from './imports.service.js';

interface Upload {
  filename: string;
  buffer: Buffer;
  fields: Record<string, string>;
}

const MULTIPART_LIMIT_CODES = new Set(['FST_FILES_LIMIT', 'FST_FIELDS_LIMIT', 'FST_PARTS_LIMIT']);

/** Reads the multipart body: the file in field `file` and the other fields as text. */
async function readUpload(req: FastifyRequest, limitBytes: number): Promise<Upload> {
  let file: { filename: string; buffer: Buffer } | null = null;
  const fields: Record<string, string> = {};
  try {
    for await (const part of req.parts()) {
      if (part.type === 'file') {
        const buffer = await part.toBuffer();
        if (part.fieldname === 'file' && !file) file = { filename: baseName(part.filename), buffer };
      } else fields[part.fieldname] = String(part.value);
    }
  } catch (e) {
    const code = (e as { code?: string }).code ?? '';
    if (code === 'FST_REQ_FILE_TOO_LARGE') throw new AppError(413, 'BODY_TOO_LARGE', { limit: `${Math.round(limitBytes / 1024 / 1024)} MiB` });
    if (code === 'FST_INVALID_MULTIPART_CONTENT_TYPE') throw new AppError(415, 'UNSUPPORTED_MEDIA_TYPE');
    if (MULTIPART_LIMIT_CODES.has(code)) throw new AppError(400, 'VALIDATION_FAILED', {}, [{ path: 'body', message: (e as Error).message }]);
    if (e instanceof AppError) throw e;
    // A truncated or malformed multipart body.
    req.log.info({ err: e }, 'unreadable upload');
    throw new AppError(400, 'VALIDATION_FAILED', {}, [{ path: 'body', message: 'malformed multipart body' }]);
  }
  if (!file) throw new AppError(400, 'FILE_REQUIRED');
  return { ...file, fields };
}

/** The last segment of a client-supplied file name (browsers on Windows may send a whole path). */
function baseName(name: string): string {
  const base = name.split(/[\\/]/).pop()!.trim();
  return [...base].slice(-200).join('') || 'upload';
}

function sendFile(reply: FastifyReply, file: OutputFile) {
  return reply.header('content-type', file.contentType).header('content-disposition', contentDisposition(file.filename)).send(file.body);
}

export const importsRoutes: FastifyPluginAsyncZod = async (app) => {
  const { db, config } = app.ctx;

  app.post(
    '/imports',
    {
      schema: {
        tags: ['imports'],
        summary: 'Import residents and households from a CSV or XLSX file (multipart: file, optional nodeId); all or nothing',
        consumes: ['multipart/form-data'],
      },
    },
    async (req, reply) => {
      const actor = requirePermission(req, 'people.import');
      if (!req.isMultipart()) throw new AppError(415, 'UNSUPPORTED_MEDIA_TYPE');
      const upload = await readUpload(req, config.importLimitBytes);
      const fields = c.importFields.safeParse(upload.fields);
      if (!fields.success) throw new AppError(400, 'VALIDATION_FAILED', {}, zodDetails(fields.error.issues, req.locale));
      const outcome = await svc.importResidents(db, {
        buffer: upload.buffer,
        filename: upload.filename,
        actor,
        node: fields.data.nodeId ? { id: fields.data.nodeId } : undefined,
        locale: req.locale,
        ip: req.ip,
      });
      if (outcome.status === 'rejected') {
        throw new AppError(422, 'IMPORT_REJECTED', { count: outcome.errorCount }, {
          jobId: outcome.jobId,
          errorCount: outcome.errorCount,
          errors: svc.presentProblems(outcome.errors.slice(0, c.IMPORT_ERRORS_IN_RESPONSE), req.locale),
        });
      }
      reply.status(201);
      return { jobId: outcome.jobId, rows: outcome.rows, households: outcome.households, newHouseholds: outcome.newHouseholds, residents: outcome.residents };
    },
  );

  app.get('/imports', { schema: { tags: ['imports'], summary: 'Recent residents imports in the caller’s scope', querystring: c.jobListQuery } }, async (req) => {
    const actor = requirePermission(req, 'people.import');
    return svc.listJobs(db, actor, req.query.page, req.query.pageSize);
  });

  app.get('/imports/template', { schema: { tags: ['imports'], summary: 'An empty residents file with the headers', querystring: c.templateQuery } }, async (req, reply) => {
    requirePermission(req, 'people.import');
    return sendFile(reply, await svc.template(req.query.format, req.locale));
  });

  app.get('/imports/:id', { schema: { tags: ['imports'], summary: 'An import job and its first problems', params: idParams } }, async (req) => {
    const actor = requirePermission(req, 'people.import');
    return svc.getJob(db, actor, req.params.id, req.locale);
  });

  app.get(
    '/imports/:id/report',
    { schema: { tags: ['imports'], summary: 'The row-by-row error report of an import (CSV or XLSX)', params: idParams, querystring: c.reportQuery } },
    async (req, reply) => {
      const actor = requirePermission(req, 'people.import');
      return sendFile(reply, await svc.jobReport(db, actor, req.params.id, req.query.format, req.locale));
    },
  );
};
