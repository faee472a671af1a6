// Content-Disposition with the real (Vietnamese) file name as RFC 5987 filename*, and an ASCII fold of it as the
// plain filename for clients without RFC 6266.
import { foldVietnamese } from '../../shared/text';

const rfc5987 = (name: string): string =>
  encodeURIComponent(name).replace(/['()*]/g, (ch) => `%${ch.charCodeAt(0).toString(16).toUpperCase()}`);

export function dispositionOf(name: string, type: 'attachment' | 'inline' = 'attachment'): string {
  const ascii = foldVietnamese(name).replace(/[^A-Za-z0-9.-]/g, '-');
  return `${type}; filename="${ascii}"; filename*=UTF-8''${rfc5987(name)}`;
}
