// The council's meeting (Hội đồng Thi đua – Khen thưởng): date, place, chair, members present of the total, and
// for each case the vote "tán thành n / N" (N left empty: the members present). Saved with PUT …/council while
// the batch is a draft; shown read-only afterwards.
import { useState } from 'preact/hooks';
import { batchApi, type BatchDetail, type CouncilMeeting } from '../../shared/batch-protocol';
import { CouncilSchema } from '../../shared/batch-schemas';
import { formatDmy } from '../../shared/dates';
import { describedBy, DateField, FieldError, focusFirstInvalid, TextField } from '../../ui/fields';
import { sendJson } from '../api';
import { schemaIssues } from '../ui/schema-issues';
import { useSend } from './send';

type Counts = { agree: string; voters: string };
interface Draft { date: string; place: string; chair: string; present: string; total: string; votes: Record<string, Counts> }

const text = (n: number | undefined) => (n === undefined ? '' : String(n));
/** A count as typed: a number when it is one, else the text, for the schema to name what is wrong. */
const countOf = (typed: string): number | string => (/^\d+$/.test(typed.trim()) ? Number(typed.trim()) : typed.trim());

function draftOf(batch: BatchDetail): Draft {
  const m = batch.council;
  return {
    date: m?.date ?? '', place: m?.place ?? '', chair: m?.chair ?? '', present: text(m?.present), total: text(m?.total),
    votes: Object.fromEntries(batch.cases.map((c) => [c.caseId, { agree: text(c.vote?.agree), voters: text(c.vote?.voters) }])),
  };
}

function requestOf(batch: BatchDetail, d: Draft) {
  return {
    meeting: { date: d.date, place: d.place, chair: d.chair, present: countOf(d.present), total: countOf(d.total) },
    votes: batch.cases.map((c) => {
      const typed = d.votes[c.caseId] ?? { agree: '', voters: '' };
      return { caseId: c.caseId, agree: countOf(typed.agree), voters: countOf(typed.voters.trim() || d.present) };
    }),
  };
}

export function CouncilView({ meeting }: { meeting: CouncilMeeting | null }) {
  if (!meeting) return <p class="hint">Chưa ghi kết quả họp Hội đồng.</p>;
  return (
    <dl class="summary">
      <dt>Ngày họp</dt><dd>{formatDmy(meeting.date)}</dd>
      <dt>Địa điểm</dt><dd>{meeting.place || '—'}</dd>
      <dt>Chủ trì</dt><dd>{meeting.chair}</dd>
      <dt>Thành viên có mặt</dt><dd>{meeting.present} / {meeting.total}</dd>
    </dl>
  );
}

function VoteCell({ id, name, value, error, placeholder, onInput }: {
  id: string; name: string; value: string; error: string | undefined; placeholder?: string; onInput: (v: string) => void;
}) {
  return (
    <span class="review-vote-cell">
      <input id={id} type="text" inputMode="numeric" maxLength={3} size={3} value={value} aria-label={name} placeholder={placeholder}
        aria-invalid={error ? true : undefined} aria-describedby={describedBy(id, error)}
        onInput={(e) => onInput((e.currentTarget as HTMLInputElement).value)} />
      <FieldError id={id} error={error} />
    </span>
  );
}

export function CouncilForm({ batch, onSaved }: { batch: BatchDetail; onSaved: (text: string) => Promise<void> }) {
  const [draft, setDraft] = useState<Draft>(() => draftOf(batch));
  const send = useSend();
  const e = send.errors;
  const set = (key: Exclude<keyof Draft, 'votes'>) => (value: string) => setDraft({ ...draft, [key]: value });
  const setVote = (caseId: string, key: keyof Counts, value: string) => {
    const current = draft.votes[caseId] ?? { agree: '', voters: '' };
    setDraft({ ...draft, votes: { ...draft.votes, [caseId]: { ...current, [key]: value } } });
  };

  const save = async (event: Event) => {
    event.preventDefault();
    const form = event.currentTarget as HTMLFormElement;
    const request = requestOf(batch, draft);
    const issues = schemaIssues(CouncilSchema, request);
    if (issues.length > 0) {
      send.refuse({ message: 'Kết quả họp còn mục cần sửa.', issues });
      focusFirstInvalid(form);
      return;
    }
    if (await send.run(() => sendJson('PUT', batchApi.council(batch.id), request))) await onSaved('Đã lưu kết quả họp Hội đồng.');
    else focusFirstInvalid(form);
  };

  return (
    <form class="review-batch-form" aria-label="Kết quả họp Hội đồng" noValidate onSubmit={(ev) => void save(ev)}>
      <div class="review-batch-grid">
        <DateField id="c-date" label="Ngày họp" hint="dd/mm/yyyy" required value={draft.date} error={e['meeting.date']} onInput={set('date')} />
        <TextField id="c-place" label="Địa điểm họp" maxLength={200} value={draft.place} error={e['meeting.place']} onInput={set('place')} />
        <TextField id="c-chair" label="Người chủ trì" required maxLength={100} value={draft.chair} error={e['meeting.chair']} onInput={set('chair')} />
        <TextField id="c-present" label="Số thành viên có mặt" required inputMode="numeric" maxLength={3} value={draft.present}
          error={e['meeting.present']} onInput={set('present')} />
        <TextField id="c-total" label="Tổng số thành viên Hội đồng" required inputMode="numeric" maxLength={3} value={draft.total}
          error={e['meeting.total']} onInput={set('total')} />
      </div>
      <table class="review-table review-votes">
        <caption>Biểu quyết từng hồ sơ: số phiếu tán thành / số người biểu quyết (để trống: bằng số thành viên có mặt)</caption>
        <thead><tr><th scope="col">Hồ sơ</th><th scope="col">Tán thành</th><th scope="col">Số người biểu quyết</th></tr></thead>
        <tbody>
          {batch.cases.map((c, index) => {
            const typed = draft.votes[c.caseId] ?? { agree: '', voters: '' };
            return (
              <tr key={c.caseId}>
                <th scope="row">{c.subjectName}</th>
                <td data-label="Tán thành">
                  <VoteCell id={`v-${index}-agree`} name={`Số phiếu tán thành: ${c.subjectName}`} value={typed.agree}
                    error={e[`votes.${index}.agree`]} onInput={(v) => setVote(c.caseId, 'agree', v)} />
                </td>
                <td data-label="Số người biểu quyết">
                  <VoteCell id={`v-${index}-voters`} name={`Số người biểu quyết: ${c.subjectName}`} value={typed.voters}
                    placeholder={draft.present} error={e[`votes.${index}.voters`] ?? e[`votes.${index}.caseId`] ?? e[`votes.${index}`]}
                    onInput={(v) => setVote(c.caseId, 'voters', v)} />
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
      {send.failure && <p class="error" role="alert">{send.failure.message}</p>}
      <div class="form-actions">
        <button type="submit" class="button button--primary" disabled={send.busy}>{send.busy ? 'Đang lưu…' : 'Lưu kết quả họp'}</button>
      </div>
    </form>
  );
}
