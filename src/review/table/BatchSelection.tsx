// Choosing proposed cases in the table for a proposal batch (đợt đề nghị): a checkbox per row the reviewer may
// batch, "Chọn tất cả … hồ sơ phù hợp" (every proposed case the filters match; when pages are not loaded yet the
// server gathers them from the filters, BatchCasesSelection's { query }), and "Lập đợt đề nghị", which makes the draft and opens it. A refusal (cases
// of two authorities, a case already in an open batch) shows the server's message and the cases it names; the
// selection stays as it was.
import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import {
  authorityOfLevel, batchApi, batchAreaFor, mayManageBatch, type BatchCasesSelection, type BatchDetail,
} from '../../shared/batch-protocol';
import type { ReviewListItem } from '../../shared/review-protocol';
import type { SessionUser } from '../../shared/sync-protocol';
import { formatCount } from '../../shared/format';
import { reviewPaths } from '../../ui/paths';
import { navigate } from '../../ui/router';
import { issuesOf, messageOf, postJson } from '../api';
import { useLists } from '../ui/lists';
import type { RowSelection } from './CaseTable';

type Chosen = { all: false; ids: ReadonlySet<string> } | { all: true };
const NONE: Chosen = { all: false, ids: new Set() };

/** Whether this reviewer may put this row in a batch: a proposed case whose batch they may manage. */
function useSelectable(user: SessionUser): (row: ReviewListItem) => boolean {
  const forms = useLists().commendationForms;
  return useMemo(() => {
    const levels = new Map(forms.map((f) => [f.id, f.level]));
    return (row: ReviewListItem) => {
      if (row.status !== 'proposed') return false;
      const authority = authorityOfLevel(levels.get(row.formId ?? ''));
      return mayManageBatch(user, { authority, area: batchAreaFor(authority, row.communeCode) });
    };
  }, [forms, user]);
}

/** The selection for the table's rows (undefined when this reviewer may batch none of them) and its bar. */
export function useBatchSelection(user: SessionUser, query: string, rows: readonly ReviewListItem[]) {
  const selectable = useSelectable(user);
  const [chosen, setChosen] = useState<Chosen>(NONE);
  useEffect(() => setChosen(NONE), [query]);
  const any = rows.some(selectable);
  const ids = chosen.all ? new Set(rows.filter(selectable).map((r) => r.id)) : chosen.ids;
  const selection: RowSelection | undefined = !any ? undefined : {
    selectable,
    chosen: ids,
    onToggle: (toggled, checked) => {
      const next = new Set(chosen.all ? ids : chosen.ids);
      for (const id of toggled) { if (checked) next.add(id); else next.delete(id); }
      setChosen({ all: false, ids: next });
    },
  };
  return { selection, chosen, setChosen, any };
}

interface BarProps {
  query: string;
  /** Only when the status filter is "proposed" does "all matching" mean the cases a batch takes. */
  proposedFilter: boolean;
  rows: readonly ReviewListItem[];
  /** Every matching case is loaded (no further page): their count is known. */
  complete: boolean;
  state: ReturnType<typeof useBatchSelection>;
}

interface Refusal { message: string; cases: string[] }

export function BatchBar({ query, proposedFilter, rows, complete, state }: BarProps) {
  const { chosen, setChosen, selection } = state;
  const [busy, setBusy] = useState(false);
  const [refusal, setRefusal] = useState<Refusal>();
  const alert = useRef<HTMLDivElement>(null);
  useEffect(() => { setRefusal(undefined); }, [query]);
  useEffect(() => { if (refusal) alert.current?.focus(); }, [refusal]);
  if (!selection) return null;

  const matching = rows.filter(selection.selectable).length;
  const count = chosen.all ? (complete ? matching : undefined) : chosen.ids.size;
  const nothing = !chosen.all && chosen.ids.size === 0;

  const create = async () => {
    if (nothing || busy) return;
    // With every matching row loaded, "all" is exactly the rows that can be ticked (a commune reviewer's table
    // may list provincial proposals too); with pages not loaded, the server gathers them from the filters.
    const body: BatchCasesSelection = chosen.all && !complete ? { query } : { caseIds: [...selection.chosen] };
    setBusy(true);
    setRefusal(undefined);
    try {
      const batch = await postJson<BatchDetail>(batchApi.list(), body);
      navigate(reviewPaths.batch(batch.id));
    } catch (error) {
      // The server names the differing cases in its message; per-case issues ("caseIds.3") add the row's name.
      const message = messageOf(error);
      const names = new Map(rows.map((r) => [r.id, r.subjectName]));
      const sent = 'caseIds' in body ? body.caseIds : [];
      const cases = issuesOf(error).filter((issue) => issue.message !== message).map((issue) => {
        const name = names.get(sent[Number(issue.path.split('.')[1])] ?? '');
        return name ? `${name}: ${issue.message}` : issue.message;
      });
      setRefusal({ message, cases: [...new Set(cases)] });
      setBusy(false);
    }
  };

  return (
    <div class="review-batch-bar" role="group" aria-label="Lập đợt đề nghị khen thưởng">
      <p class="review-batch-bar__count" role="status">
        {chosen.all
          ? count === undefined ? 'Đã chọn tất cả hồ sơ đề nghị khớp bộ lọc (kể cả các trang chưa tải)' : `Đã chọn tất cả ${formatCount(count)} hồ sơ phù hợp`
          : `Đã chọn ${formatCount(chosen.ids.size)} hồ sơ`}
      </p>
      {proposedFilter && !chosen.all && (
        <button type="button" class="button button--small" onClick={() => setChosen({ all: true })}>
          {complete ? `Chọn tất cả ${formatCount(matching)} hồ sơ phù hợp` : 'Chọn tất cả hồ sơ phù hợp (kể cả các trang chưa tải)'}
        </button>
      )}
      {!nothing && (
        <button type="button" class="button button--small" onClick={() => setChosen(NONE)}>Bỏ chọn</button>
      )}
      <button type="button" class="button button--primary" disabled={nothing || busy} onClick={() => void create()}>
        {busy ? 'Đang lập…' : 'Lập đợt đề nghị'}
      </button>
      {refusal && (
        <div ref={alert} tabIndex={-1} class="notice notice--error review-batch-bar__refusal" role="alert">
          <p>{refusal.message}</p>
          {refusal.cases.length > 0 && <ul>{refusal.cases.map((c) => <li key={c}>{c}</li>)}</ul>}
        </div>
      )}
    </div>
  );
}
