// A valibot schema's issues as a 422 lists them ({ path, message }; path '' for the whole object), for fieldErrors
// (ui/fields.tsx). Apart from it because the phone's first screen imports that module and must not load valibot.
import * as v from 'valibot';
import type { ApiIssue } from '../../shared/sync-protocol';

/** Every issue of `input` against `schema`, the first that applies for each field (as the server reports them). */
export function schemaIssues(schema: v.GenericSchema, input: unknown): ApiIssue[] {
  const result = v.safeParse(schema, input, { abortPipeEarly: true });
  return result.success ? [] : result.issues.map((issue) => ({ path: v.getDotPath(issue) ?? '', message: issue.message }));
}
