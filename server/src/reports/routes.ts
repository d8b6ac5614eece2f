import { Router, type Response } from 'express';
import { z } from 'zod';
import { ReportKind, ReportLanguage, ReportQuery } from '@diemcau/shared';
import { DomainError } from '../errors';
import { authorize } from '../http/authentication';
import { parseInput } from '../http/validation';
import type { ReportDocument } from './document';
import { toCsv } from './exports/csv';
import { toPdf } from './exports/pdf';
import { toXlsx } from './exports/xlsx';
import type { Reports } from './Reports';

const ExportFormat = z.enum(['csv', 'xlsx', 'pdf']);
type ExportFormat = z.infer<typeof ExportFormat>;

const contentTypes: Record<ExportFormat, string> = {
  csv: 'text/csv; charset=utf-8',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  pdf: 'application/pdf',
};

/** "usage" or "usage.pdf": the resource and the format asked for (JSON without an extension). */
function fileOf(name: string): { resource: ReportKind; format: ExportFormat | 'json' } {
  const [base, extension, ...rest] = name.split('.');
  const resource = ReportKind.safeParse(base);
  const format = extension === undefined ? 'json' : ExportFormat.safeParse(extension).data;
  if (!resource.success || rest.length > 0 || format === undefined) {
    throw new DomainError('not-found', 'no such report or format');
  }
  return { resource: resource.data, format };
}

const renderers: Record<ExportFormat, (document: ReportDocument) => Promise<Buffer>> = { csv: toCsv, xlsx: toXlsx, pdf: toPdf };

async function sendDocument(response: Response, document: ReportDocument, format: ExportFormat, fileName: string): Promise<void> {
  const body = await renderers[format](document);
  response.status(200).type(contentTypes[format]).setHeader('Content-Disposition', `attachment; filename="${fileName}.${format}"`).send(body);
}

const AttendanceQuery = z.object({ lang: ReportLanguage.default('vi') }).strict();

/**
 * GET /reports/{usage,quality,yearly}[.csv|.xlsx|.pdf] and
 * GET /meetings/:id/attendance[.csv]: validate, authorize, then the domain.
 */
export function reportRoutes(reports: Reports): Router {
  const router = Router();
  router.get('/reports/:file', async (request, response) => {
    const principal = authorize(request, 'report:read');
    const { resource, format } = fileOf(request.params.file);
    const query = parseInput(ReportQuery, request.query, 'report query');
    const { reported, document } = await reports.report(principal, resource, query);
    if (format === 'json') response.json(reported.report);
    else await sendDocument(response, document, format, `${resource}-${reported.report.period.from}_${reported.report.period.to}`);
  });
  router.get(['/meetings/:id/attendance', '/meetings/:id/attendance.csv'], async (request, response) => {
    authorize(request, 'meeting:read');
    const format = request.path.endsWith('.csv') ? 'csv' : 'json';
    const { lang } = parseInput(AttendanceQuery, request.query, 'attendance query');
    const { attendance, document } = await reports.attendance(String(request.params.id), lang);
    if (format === 'json') response.json(attendance);
    else await sendDocument(response, document, format, 'attendance');
  });
  return router;
}
