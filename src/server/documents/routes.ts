// The documents of a proposal batch (mounted at /api/review/batches behind reviewerOnly): each as DOCX or as a
// print page, and the whole dossier as one ZIP. A batch the user may not manage (mayManageBatch: outside their
// area, or a provincial batch for a commune reviewer) answers 404, as if it did not exist.
import { Hono } from 'hono';
import { DOSSIER_DOCUMENT_KINDS, mayManageBatch, type DossierDocumentKind } from '../../shared/batch-protocol';
import { isCaseId } from '../../shared/sync-protocol';
import type { Deps } from '../deps';
import { pulledStream } from '../export/stream';
import { safeName } from '../export/photos-zip';
import { dispositionOf } from '../http/content-disposition';
import type { SignedInEnv } from '../http/context';
import { notFound } from '../http/errors';
import { errorFields } from '../log';
import { documentFileName, buildDocument, dossierZip } from './dossier';
import { loadDossier, type Dossier } from './dossier-data';
import { renderDocx } from './format/docx';
import { DOCUMENT_CSP, renderHtml } from './format/html';

const DOCX_TYPE = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
const FILE = /^([a-z-]+)\.(docx|html)$/;
const NO_BATCH = 'Không tìm thấy đợt đề nghị này trong địa bàn của bạn';

const isKind = (text: string): text is DossierDocumentKind => (DOSSIER_DOCUMENT_KINDS as readonly string[]).includes(text);

export function documentRoutes({ db, log, photos }: Deps): Hono<SignedInEnv> {
  const app = new Hono<SignedInEnv>();

  /** The dossier, once the cheap check of the batch's area has passed. */
  async function dossierFor(user: SignedInEnv['Variables']['user'], id: string): Promise<Dossier> {
    if (!isCaseId(id)) throw notFound(NO_BATCH);   // batch ids are UUIDs, as case ids
    const batch = await db.selectFrom('batches').select(['authority', 'area']).where('id', '=', id).executeTakeFirst();
    if (!batch || !mayManageBatch(user, batch)) throw notFound(NO_BATCH);
    const dossier = await loadDossier(db, id);
    if (!dossier) throw notFound(NO_BATCH);
    return dossier;
  }

  app.get('/:id/documents/:file', async (c) => {
    const match = FILE.exec(c.req.param('file'));
    const kind = match?.[1];
    if (!match || !kind || !isKind(kind)) throw notFound('Không có loại văn bản này');
    const dossier = await dossierFor(c.var.user, c.req.param('id'));
    const document = buildDocument(kind, dossier);
    const name = documentFileName(kind);
    if (match[2] === 'html') {
      return new Response(renderHtml(document), {
        headers: {
          'Content-Type': 'text/html; charset=utf-8',
          'Content-Security-Policy': DOCUMENT_CSP,
          'Content-Disposition': dispositionOf(`${name}.html`, 'inline'),
          'Cache-Control': 'no-store',
        },
      });
    }
    return new Response(new Uint8Array(await renderDocx(document)), {
      headers: { 'Content-Type': DOCX_TYPE, 'Content-Disposition': dispositionOf(`${name}.docx`), 'Cache-Control': 'no-store' },
    });
  });

  app.get('/:id/dossier.zip', async (c) => {
    const { user } = c.var;
    const dossier = await dossierFor(user, c.req.param('id'));
    const h = dossier.batch.header;
    const name = safeName(`Hồ sơ đề nghị khen thưởng ${h.number ? `${h.number}-` : ''}${h.symbol}`, 120);
    const body = pulledStream(dossierZip(dossier, photos), (err) => log.error('dossier failed', { batch: dossier.batch.id, user: user.id, ...errorFields(err) }));
    return new Response(body, {
      headers: { 'Content-Type': 'application/zip', 'Content-Disposition': dispositionOf(`${name}.zip`), 'Cache-Control': 'no-store' },
    });
  });

  return app;
}
