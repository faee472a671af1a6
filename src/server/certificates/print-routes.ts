// The certificate print pages (HTML the reviewer prints with the browser), under /api/review/certificates:
//   GET /form/{formId}/test-print.html   the calibration grid with the form's fields (any reviewer)
//   GET /batch/{batchId}/blank.html       the commended cases' text fields on blanks (who may manage the batch)
//   GET /batch/{batchId}/full.html        the same cases as whole certificates on plain paper
// A refusal is a short Vietnamese page with its status (a new tab shows it), never JSON or a stack trace.
import { Hono, type Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { CERTIFICATE_PRINTS, type CertificatePrint } from '../../shared/certificate-protocol';
import type { Deps } from '../deps';
import type { SignedInEnv } from '../http/context';
import { ApiFailure, notFound } from '../http/errors';
import { markup } from '../bulletin/markup';
import { findCommendationFormName, layoutsFor } from './layouts';
import { loadCertificateBatch } from './certificate-data';
import { batchCertificatesPage, testPrintPage } from './pages';
import type { PrintPage } from './print-page';

function send(c: Context<SignedInEnv>, page: PrintPage, status: ContentfulStatusCode = 200) {
  c.header('Content-Security-Policy', page.csp);
  c.header('Cache-Control', 'no-store');
  return c.html(page.html, status);
}

function refusal(c: Context<SignedInEnv>, err: ApiFailure) {
  const html = `<!doctype html>\n${markup`<html lang="vi"><head><meta charset="utf-8"><title>${err.body.message}</title></head>
<body><h1>Không in được</h1><p>${err.body.message}</p></body></html>`}`;
  return send(c, { html, csp: "default-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'" }, err.status);
}

export function certificatePrintRoutes({ db }: Deps): Hono<SignedInEnv> {
  const app = new Hono<SignedInEnv>();
  app.onError((err, c) => {
    if (err instanceof ApiFailure) return refusal(c as Context<SignedInEnv>, err);
    throw err;
  });

  app.get('/form/:formId/test-print.html', async (c) => {
    const formId = c.req.param('formId');
    const formName = await findCommendationFormName(db, formId);
    if (!formName) throw notFound('Không có hình thức khen thưởng này trong danh mục');
    const layout = (await layoutsFor(db, [formId])).get(formId)!;
    return send(c, testPrintPage(formName, layout));
  });

  app.get('/batch/:batchId/:file', async (c) => {
    const print = /^(\w+)\.html$/.exec(c.req.param('file'))?.[1];
    if (!print || !(CERTIFICATE_PRINTS as readonly string[]).includes(print)) throw notFound();
    const batch = await loadCertificateBatch(db, c.req.param('batchId'), c.get('user'));
    const layouts = await layoutsFor(db, [...new Set(batch.entries.map((e) => e.formId))]);
    return send(c, batchCertificatesPage(batch, print as CertificatePrint, layouts));
  });
  return app;
}
