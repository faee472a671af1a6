// GET /api/review/dashboard?from=yyyy-mm-dd&to=yyyy-mm-dd[&commune=…]: reviewers and admins (app.ts), in their area.
// GET /api/review/dashboard/report.docx and report.html, same period (and optionally number, signerTitle,
// signerName): the official Báo cáo of those figures, as a DOCX to edit and sign and as a print page.
import { Hono } from 'hono';
import { foldVietnamese } from '../../shared/text';
import type { Deps } from '../deps';
import { DOCUMENT_CSP, renderHtml } from '../documents/format/html';
import { renderDocx } from '../documents/format/docx';
import type { SignedInEnv } from '../http/context';
import { parseQueryOr422 } from '../http/validation';
import { reportDocument } from './official/document';
import { DashboardQuerySchema, ReportDocumentQuerySchema } from './query';
import { dashboardReport } from './report';

const DOCX_TYPE = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

/** "bao-cao-ket-qua-xa-muong-kim-2025-01-01-2025-12-31.docx" (ASCII: every browser keeps it). */
const fileName = (label: string, from: string, to: string): string =>
  `${foldVietnamese(`bao cao ket qua ${label} ${from} ${to}`).toLowerCase().replace(/[^a-z0-9]+/g, '-')}.docx`;

export function dashboardRoutes({ db }: Deps): Hono<SignedInEnv> {
  const app = new Hono<SignedInEnv>();
  // A form sends its empty fields as "name=": those mean "not given".
  app.get('/', async (c) => c.json(await dashboardReport(db, c.var.user, parseQueryOr422(DashboardQuerySchema, c.req.query()))));

  const official = async (query: Record<string, string>, user: SignedInEnv['Variables']['user']) => {
    const { number, signerTitle, signerName, ...period } = parseQueryOr422(ReportDocumentQuerySchema, query);
    const report = await dashboardReport(db, user, period);
    return { report, document: reportDocument(report, { number, signerTitle, signerName }) };
  };
  app.get('/report.docx', async (c) => {
    const { report, document } = await official(c.req.query(), c.var.user);
    return c.body(new Uint8Array(await renderDocx(document)), 200, {
      'Content-Type': DOCX_TYPE,
      'Content-Disposition': `attachment; filename="${fileName(report.area.label, report.period.from, report.period.to)}"`,
    });
  });
  app.get('/report.html', async (c) => {
    const { document } = await official(c.req.query(), c.var.user);
    return c.html(renderHtml(document), 200, { 'Content-Security-Policy': DOCUMENT_CSP });
  });
  return app;
}
