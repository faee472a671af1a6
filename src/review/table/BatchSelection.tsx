// Choosing proposed cases in the table for a proposal batch (đợt đề nghị): a checkbox per row the reviewer may
// batch, "Chọn tất cả … hồ sơ phù hợp" (every proposed case the filters match; when pages are not loaded yet the
// server gathers them from the filters, BatchCasesSelection's { query }), and "Lập đợt đề nghị", which makes the
// draft and opens it — or "Thêm vào đợt", which adds the chosen cases to a draft of the area. A refusal (cases of
// two authorities, a case already in an open batch) shows the server's message and the cases it names; the
// selection stays as it was.
import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import {
  authorityOfLevel, batchApi, batchAreaFor, mayManageBatch, type BatchCasesSelection, type BatchDetail, type BatchSummary,
} from '../../shared/batch-protocol';
import type { ReviewListItem } from '../../shared/review-protocol';
import type { SessionUser } from '../../shared/sync-protocol';
import { formatCount } from '../../shared/format';
import { Select } from '../../ui/fields';
import { reviewPaths } from '../../ui/paths';
import { navigate } from '../../ui/router';
import { getJson, issuesOf, messageOf, postJson } from '../api';
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
  const ids = chosen.all ? new Set(rows.filter(selectable).map((r) => r.id)) : chosen.ids;
  const selection: RowSelection | undefined = !rows.some(selectable) ? undefined : {
    selectable,
    chosen: ids,
    onToggle: (toggled, checked) => {
      const next = new Set(chosen.all ? ids : chosen.ids);
      for (const id of toggled) { if (checked) next.add(id); else next.delete(id); }
      setChosen({ all: false, ids: next });
    },
  };
  return { selection, chosen, setChosen };
}

/** The drafts of the reviewer's area (a selection may join one), asked for once the table offers a selection. */
function useDrafts(wanted: boolean): BatchSummary[] {
  const [drafts, setDrafts] = useState<BatchSummary[]>([]);
  useEffect(() => {
    if (!wanted) return undefined;
    const controller = new AbortController();
    getJson<BatchSummary[]>(batchApi.list('status=draft'), controller.signal).then(setDrafts, () => setDrafts([]));
    return () => controller.abort();
  }, [wanted]);
  return drafts;
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
  const drafts = useDrafts(!!selection);
  const [target, setTarget] = useState('');
  if (!selection) return null;

  const matching = rows.filter(selection.selectable).length;
  const count = chosen.all ? (complete ? matching : undefined) : chosen.ids.size;
  const nothing = !chosen.all && chosen.ids.size === 0;

  /** Makes a new batch of the chosen cases, or (`batchId`) adds them to a draft; then opens that batch. */
  const gather = async (batchId?: string) => {
    if (nothing || busy) return;
    // With every matching row loaded, "all" is exactly the rows that can be ticked (a commune reviewer's table
    // may list provincial proposals too); with pages not loaded, the server gathers them from the filters.
    const body: BatchCasesSelection = chosen.all && !complete ? { query } : { caseIds: [...selection.chosen] };
    setBusy(true);
    setRefusal(undefined);
    try {
      const batch = await postJson<BatchDetail>(batchId ? batchApi.cases(batchId) : batchApi.list(), body);
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
      <button type="button" class="button button--primary" disabled={nothing || busy} onClick={() => void gather()}>
        {busy ? 'Đang gửi…' : 'Lập đợt đề nghị'}
      </button>
      {drafts.length > 0 && (
        <span class="review-batch-bar__add">
          <label for="add-to-batch">Hoặc thêm vào đợt đang soạn</label>
          <Select id="add-to-batch" value={target} onChange={setTarget} emptyChoice="— Chọn đợt —"
            choices={drafts.map((d) => ({ value: d.id, label: `${d.number || '…'}/${d.symbol} (${formatCount(d.caseCount)} hồ sơ)` }))} />
          <button type="button" class="button button--small" disabled={nothing || busy || !target} onClick={() => void gather(target)}>
            Thêm vào đợt
          </button>
        </span>
      )}
      {refusal && (
        <div ref={alert} tabIndex={-1} class="notice notice--error review-batch-bar__refusal" role="alert">
          <p>{refusal.message}</p>
          {refusal.cases.length > 0 && <ul>{refusal.cases.map((c) => <li key={c}>{c}</li>)}</ul>}
        </div>
      )}
    </div>
  );
}
