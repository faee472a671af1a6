// One call a batch form makes: busy while it runs, then either done (the screen reloads the batch and says what
// happened) or the server's Vietnamese message with its field issues, shown beside the fields they name.
import { useState } from 'preact/hooks';
import type { BatchCase } from '../../shared/batch-protocol';
import type { ApiIssue } from '../../shared/sync-protocol';
import { fieldErrors } from '../../ui/fields';
import { issuesOf, messageOf } from '../api';

export interface Failure { message: string; issues: readonly ApiIssue[] }

export function useSend() {
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<Failure>();
  return {
    busy,
    failure,
    /** The first message for each field path of the last refusal ("header.date", "votes.0.agree", …). */
    errors: fieldErrors(failure?.issues ?? []),
    /** Shows messages found before sending, as a refusal would. */
    refuse: (next: Failure) => setFailure(next),
    clear: () => setFailure(undefined),
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
  };
}

/**
 * The issues of a refusal (but the one its message already says) as lines to read, each naming the case it is about when its path ends in a case's id
 * or its place in the batch ("cases.2", "caseIds.…", "votes.1.agree"): "Lò Thị Mai: …".
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
