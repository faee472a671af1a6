// Field errors of the administration forms (calls go through ../api.ts, which turns failures into ReviewError).
import { ReviewError } from '../api';

/** Field errors from a 422's issues: the first message for each path. */
export function issuesByPath(error: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  if (error instanceof ReviewError) for (const issue of error.issues) out[issue.path] ??= issue.message;
  return out;
}
