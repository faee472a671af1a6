// The public media bulletin (no sign-in): GET /ban-tin (newest first, ?truoc= pages back), /ban-tin/{id},
// /ban-tin/feed.atom, /ban-tin/anh/{public id} (a published story's photo, metadata stripped; never named by its hash), the
// stylesheet and the share script.
// Everything answers with HTML (a person reads it) except the feed and the photos; unknown or unpublished → 404.
import { Hono } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { isCaseId } from '../../shared/sync-protocol';
import type { Deps } from '../deps';
import type { AppContext, AppEnv } from '../http/context';
import { notModified } from '../http/etag';
import { atomFeed } from './atom';
import type { Asset } from './assets';
import { tagged, type TaggedText } from './cache';
import { cleanPhoto } from './photos';
import { listPage, messagePage, storyPage } from './page';
import { BULLETIN_PAGE, decodeCursor, encodeCursor, FEED_ENTRIES, findStory, listStories, publicPhotoHash } from './repo';
import { SHARE_SCRIPT_ASSET } from './share-script';
import { STYLESHEET_ASSET } from './style';

/** Short: a withdrawn story must leave shared caches soon. */
export const PUBLIC_CACHE = 'public, max-age=60';
export const HTML = 'text/html; charset=utf-8';
/** photos.public_id: 32 hex digits. */
const PUBLIC_PHOTO_ID = /^[0-9a-f]{32}$/;

/** A text answer with an ETag of its content; 304 when the client already has it. */
export function cachedText(c: AppContext, { body, etag }: TaggedText, type: string, cacheControl = PUBLIC_CACHE): Response {
  c.header('Cache-Control', cacheControl);
  c.header('ETag', etag);
  if (notModified(c, etag)) return c.body(null, 304);
  return c.body(body, 200, { 'Content-Type': type });
}

const message = (c: AppContext, status: ContentfulStatusCode, title: string, text: string): Response =>
  c.body(messagePage(title, text), status, { 'Content-Type': HTML, 'Cache-Control': 'no-cache' });

const notFoundPage = (c: AppContext) =>
  message(c, 404, 'Không tìm thấy', 'Không có tin này trên bản tin (có thể tin chưa đăng hoặc đã được gỡ).');

export function bulletinRoutes({ db, config, photos, log, bulletin: cache }: Deps): Hono<AppEnv> {
  const app = new Hono<AppEnv>();

  app.get('/', async (c) => {
    const raw = c.req.query('truoc');
    const before = raw === undefined ? undefined : decodeCursor(raw);
    if (before === null) return message(c, 400, 'Địa chỉ trang không hợp lệ', 'Đường dẫn trang tin này không đúng. Hãy mở lại bản tin từ trang đầu.');
    const page = await listStories(db, BULLETIN_PAGE, before);
    return cachedText(c, tagged(listPage(page.stories, page.next && encodeCursor(page.next), before === undefined, config.publicUrl)), HTML);
  });

  app.get('/feed.atom', async (c) => {
    const feed = await cache.text('feed', async () => {
      const { stories, photoHashes } = await listStories(db, FEED_ENTRIES);
      return atomFeed(stories, config.publicUrl, async (p) => {
        const sha256 = photoHashes.get(p.id);
        return (sha256 && (await cache.photoSize(p.id, () => cleanPhoto(photos, sha256)))) || p.bytes;
      });
    });
    return cachedText(c, feed, 'application/atom+xml; charset=utf-8');
  });

  const serve = (file: Asset) => app.get(file.route, (c) => {
    const versioned = c.req.query('v') === file.hash;
    return cachedText(c, file.body, file.type, versioned ? 'public, max-age=31536000, immutable' : 'no-cache');
  });
  serve(STYLESHEET_ASSET);
  serve(SHARE_SCRIPT_ASSET);

  app.get('/anh/:id', async (c) => {
    const id = c.req.param('id');
    const sha256 = PUBLIC_PHOTO_ID.test(id) ? await publicPhotoHash(db, id) : null;
    if (!sha256) return notFoundPage(c);
    // Published photos are meant for the paper's and the radio's own sites: they may embed them.
    const headers = { 'Cache-Control': 'public, max-age=300', ETag: `"${id}"`, 'Cross-Origin-Resource-Policy': 'cross-origin' };
    if (notModified(c, headers.ETag)) return c.body(null, 304, headers);
    const bytes = await cache.photo(id, () => cleanPhoto(photos, sha256));
    if (!bytes) {
      log.warn('bulletin: a published photo is missing or unreadable', { publicId: id });
      return notFoundPage(c);
    }
    return c.body(bytes, 200, { ...headers, 'Content-Type': 'image/jpeg' });
  });

  app.get('/:id', async (c) => {
    const id = c.req.param('id');
    const story = isCaseId(id) ? await findStory(db, id) : null;
    return story ? cachedText(c, tagged(storyPage(story, config.publicUrl)), HTML) : notFoundPage(c);
  });

  app.all('*', (c) => notFoundPage(c));
  return app;
}
