// One call a batch form makes: busy while it runs, then either done (the screen reloads the batch and says what
// happened) or the server's Vietnamese message with its field issues, shown beside the fields they name.
import { useState } from 'preact/hooks';
import type * as v from 'valibot';
import type { BatchCase } from '../../shared/batch-protocol';
import type { ApiIssue } from '../../shared/sync-protocol';
import { fieldErrors, focusFirstInvalid } from '../../ui/fields';
import { issuesOf, messageOf } from '../api';
import { schemaIssues } from '../ui/schema-issues';

export interface Failure { message: string; issues: readonly ApiIssue[] }

export function useSend() {
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<Failure>();
  const send = {
    busy,
    failure,
    /** The first message for each field path of the last refusal ("header.date", "votes.0.agree", …). */
    errors: fieldErrors(failure?.issues ?? []),
    /** Runs `call`; true when it succeeded. */
    async run(call: () => Promise<unknown>): Promise<boolean> {
      if (busy) return false;
      setBusy(true);
      setFailure(undefined);
      try {
        await call();
        return true;
      } catch (error) {
        setFailure({ message: messageOf(error), issues: issuesOf(error) });
        return false;
      } finally {
        setBusy(false);
      }
    },
    /**
     * A form's submit: `body` checked with the server's own schema first (its messages shown beside the fields,
     * `refusal` above the button), then sent; after either refusal the first field to fix gets the focus.
     */
    async submit(form: HTMLFormElement, schema: v.GenericSchema, body: unknown, refusal: string, call: () => Promise<unknown>): Promise<boolean> {
      const issues = schemaIssues(schema, body);
      if (issues.length > 0) setFailure({ message: refusal, issues });
      else if (await send.run(call)) return true;
      focusFirstInvalid(form);
      return false;
    },
  };
  return send;
}

/**
 * The issues of a refusal (but the one its message already says) as lines to read, each naming the case it is
 * about when its path holds a case's id or its place in the batch ("cases.2", "votes.1.agree"): "Lò Thị Mai: …".
 */
export function issueLines(failure: Failure, cases: readonly Pick<BatchCase, 'caseId' | 'subjectName'>[]): string[] {
  const byId = new Map(cases.map((c) => [c.caseId, c.subjectName]));
  return failure.issues.filter((issue) => issue.message !== failure.message).map((issue) => {
    const parts = issue.path.split('.');
    const named = parts.map((p) => byId.get(p)).find(Boolean)
      ?? (/^(cases|votes)$/.test(parts[0] ?? '') && /^\d+$/.test(parts[1] ?? '') ? cases[Number(parts[1])]?.subjectName : undefined);
    return named && !issue.message.includes(named) ? `${named}: ${issue.message}` : issue.message;
  });
}
