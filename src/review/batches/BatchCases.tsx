// The cases of a batch: who, commune, the form proposed, the council's vote and, after the decision, each
// case's outcome. While the batch is a draft each case can be taken out of it (DELETE …/cases/{caseId}).
import { batchApi, type BatchCase, type BatchDetail } from '../../shared/batch-protocol';
import { communeLabel, subjectKindNames, type SubjectKind } from '../../shared/reference';
import { serverStatusNames } from '../../shared/sync-protocol';
import { reviewPaths } from '../../ui/paths';
import { onLinkClick } from '../../ui/router';
import { deleteAt } from '../api';
import { formName } from '../ui/format';
import { useLists } from '../ui/lists';
import { useSend } from './send';

function Outcome({ c }: { c: BatchCase }) {
  if (!c.outcome) return <>—</>;
  if (c.outcome.commended) return <span class="badge badge--commended">Được khen thưởng</span>;
  return (
    <>
      <span class="badge badge--rejected">Không được khen thưởng</span>
      <p class="hint">{c.outcome.comment} (trở về: {serverStatusNames[c.outcome.returnTo]})</p>
    </>
  );
}

export function BatchCases({ batch, editable, onChanged }: { batch: BatchDetail; editable: boolean; onChanged: (text: string) => Promise<void> }) {
  const lists = useLists();
  const send = useSend();
  const draft = editable;
  const decided = batch.status === 'decided';

  const remove = async (c: BatchCase) => {
    if (await send.run(() => deleteAt(batchApi.case(batch.id, c.caseId)))) await onChanged(`Đã bỏ “${c.subjectName}” khỏi đợt đề nghị.`);
  };

  return (
    <>
      {send.failure && <p class="notice notice--error" role="alert">{send.failure.message}</p>}
      <table class="review-table review-batch-cases">
        <caption class="visually-hidden">Các hồ sơ của đợt đề nghị</caption>
        <thead>
          <tr>
            <th scope="col">STT</th>
            <th scope="col">Người, tập thể</th>
            <th scope="col">Xã, phường</th>
            <th scope="col">Hình thức đề nghị</th>
            <th scope="col">Biểu quyết</th>
            {decided && <th scope="col">Kết quả</th>}
            {draft && <th scope="col"><span class="visually-hidden">Thao tác</span></th>}
          </tr>
        </thead>
        <tbody>
          {batch.cases.map((c, index) => (
            <tr key={c.caseId}>
              <td data-label="STT">{index + 1}</td>
              <td data-label="Người, tập thể" class="review-table__name">
                <a href={reviewPaths.case(c.caseId)} onClick={onLinkClick}>{c.subjectName}</a>
                <span class="hint"> ({subjectKindNames[c.subjectKind as SubjectKind] ?? c.subjectKind})</span>
              </td>
              <td data-label="Xã, phường">{communeLabel(c.communeCode)}</td>
              <td data-label="Hình thức đề nghị">{formName(lists, c.formId)}</td>
              <td data-label="Biểu quyết">{c.vote ? `Tán thành ${c.vote.agree} / ${c.vote.voters}` : '—'}</td>
              {decided && <td data-label="Kết quả"><Outcome c={c} /></td>}
              {draft && (
                <td data-label="Thao tác">
                  <button type="button" class="button button--small button--danger" disabled={send.busy}
                    aria-label={`Bỏ khỏi đợt: ${c.subjectName}`} onClick={() => void remove(c)}>Bỏ khỏi đợt</button>
                </td>
              )}
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}
