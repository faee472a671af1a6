// GET /api/review/export.{csv,xlsx,zip}: every case matching the reviewer list's filters, in the reviewer's area,
// as a file that streams. Checks (role in app.ts; area, parameters) answer JSON 4xx before any byte of the file is sent.
import { Hono } from 'hono';
import { todayIso } from '../../shared/dates';
import { EXPORT_FORMATS, type ExportFormat } from '../../shared/review-protocol';
import { ExportQuerySchema, type ExportQuery } from '../../shared/review-schemas';
import { communeLabel } from '../../shared/reference';
import type { Deps } from '../deps';
import type { SignedInEnv } from '../http/context';
import { dispositionOf } from '../http/content-disposition';
import { parseQueryOr422 } from '../http/validation';
import { errorFields } from '../log';
import { readReferenceLists } from '../reference/repo';
import { exportPages } from './cases';
import { csvFile } from './csv';
import { photosZipFile } from './photos-zip';
import { pulledStream } from './stream';
import { xlsxFile } from './xlsx';

const CONTENT_TYPES: Record<ExportFormat, string> = {
  csv: 'text/csv; charset=utf-8',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  zip: 'application/zip',
};

/** "hồ-sơ-xã-mường-kim-2026-11-29.csv", with "ho-so-xa-muong-kim-2026-11-29.csv" for clients without RFC 6266. */
export function contentDisposition(q: ExportQuery, format: ExportFormat, today = todayIso()): string {
  const words = ['hồ sơ', q.commune ? communeLabel(q.commune) : '', today].join(' ').toLowerCase().split(/\s+/).filter(Boolean);
  return dispositionOf(`${words.join('-')}.${format}`);
}

export function exportRoutes({ db, log, photos }: Deps): Hono<SignedInEnv> {
  const app = new Hono<SignedInEnv>();
  for (const format of EXPORT_FORMATS) {
    app.get(`/export.${format}`, async (c) => {
      const { user } = c.var;
      const query = parseQueryOr422(ExportQuerySchema, c.req.query());
      const pages = exportPages(db, user, query);
      const { lists } = await readReferenceLists(db);
      const file = format === 'csv' ? csvFile(pages, lists) : format === 'xlsx' ? xlsxFile(pages, lists) : photosZipFile(pages, lists, photos);
      const body = pulledStream(file, (err) => log.error('export failed', { format, user: user.id, ...errorFields(err) }));
      return new Response(body, {
        headers: {
          'Content-Type': CONTENT_TYPES[format],
          'Content-Disposition': contentDisposition(query, format),
          'Cache-Control': 'no-store',
        },
      });
    });
  }
  return app;
}
