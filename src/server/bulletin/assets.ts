// The bulletin's own files (its stylesheet, its share script), served by its routes: the CSP allows no inline style
// or script. Their address carries a hash of the text, so they can be cached for a year and still change with a release.
import { createHash } from 'node:crypto';
import { tagged, type TaggedText } from './cache';

export interface Asset {
  /** Under /ban-tin, e.g. "/ban-tin.css". */
  route: string;
  /** The versioned address pages link to. */
  href: string;
  hash: string;
  type: string;
  body: TaggedText;
}

export function asset(route: string, type: string, text: string): Asset {
  const hash = createHash('sha256').update(text).digest('hex').slice(0, 12);
  return { route, href: `/ban-tin${route}?v=${hash}`, hash, type, body: tagged(text) };
}
