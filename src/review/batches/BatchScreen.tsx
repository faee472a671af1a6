// /tham-dinh/dot-de-nghi/:id — one proposal batch: its document header, its cases, the council's meeting and
// votes, "Trình" and "Rút", the generated documents, and once submitted the decision for the whole batch. Only
// a draft is edited; a submitted, decided or withdrawn batch shows read-only (a submitted one may still be
// withdrawn with a reason, and gets its decision). Who may act follows mayManageBatch; the server checks again.
import { useEffect, useRef, useState } from 'preact/hooks';
import {
  authorityNames, batchApi, batchStatusNames, mayManageBatch, type BatchDetail,
} from '../../shared/batch-protocol';
import { formatDmy } from '../../shared/dates';
import { areaLabel } from '../../shared/reference';
import type { SessionUser } from '../../shared/sync-protocol';
import { reviewPaths } from '../../ui/paths';
import { onLinkClick } from '../../ui/router';
import { ErrorNotice } from '../ui/ErrorNotice';
import { dateTimeOf } from '../ui/format';
import { useRemote } from '../ui/useRemote';
import { NoticePanel } from '../batch-notice/NoticePanel';
import { CertificateLinks } from '../certificates/CertificateLinks';
import { BatchActions } from './BatchActions';
import { BatchCases } from './BatchCases';
import { BatchDocuments } from './BatchDocuments';
import { BatchLog } from './BatchLog';
import { CouncilForm, CouncilView } from './CouncilForm';
import { DecisionForm, DecisionView } from './DecisionForm';
import { HeaderForm, HeaderView } from './HeaderForm';
import type { ComponentChildren } from 'preact';

export const batchTitle = (b: Pick<BatchDetail, 'number' | 'symbol'>): string => `Đợt đề nghị số ${b.number || '…'}/${b.symbol}`;

function Section({ id, title, children }: { id: string; title: string; children: ComponentChildren }) {
  return (
    <section class="section" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>{title}</h2>
      {children}
    </section>
  );
}

function StateNote({ batch, manages }: { batch: BatchDetail; manages: boolean }) {
  if (batch.status === 'withdrawn') {
    return <p class="notice notice--warn">Đợt đề nghị đã rút{batch.withdrawnReason ? `. Lý do: ${batch.withdrawnReason}` : ''}</p>;
  }
  if (batch.status === 'submitted') {
    return <p class="notice notice--info">Đợt đề nghị đã trình{batch.submittedAt ? ` lúc ${dateTimeOf(batch.submittedAt)}` : ''}: chỉ đọc, chỉ có thể rút lại (nêu lý do) hoặc ghi nhận quyết định.</p>;
  }
  if (batch.status === 'decided') {
    const d = batch.decision;
    return <p class="notice notice--info">Đợt đề nghị đã có {d ? `Quyết định số ${d.number} ngày ${formatDmy(d.date)} của ${d.authority}` : 'quyết định khen thưởng'}.</p>;
  }
  return manages ? null : <p class="hint">Tài khoản của bạn chỉ xem được đợt đề nghị này.</p>;
}

function Batch({ batch, user, reload }: { batch: BatchDetail; user: SessionUser; reload: () => Promise<void> }) {
  const [notice, setNotice] = useState<string>();
  const noticeRef = useRef<HTMLParagraphElement>(null);
  useEffect(() => { if (notice) noticeRef.current?.focus(); }, [notice]);
  const manages = mayManageBatch(user, batch);
  const editable = manages && batch.status === 'draft';
  const done = async (text: string) => {
    await reload();
    setNotice(text);
  };
  const caseKey = batch.cases.map((c) => c.caseId).join();

  return (
    <>
      <p class="review-status">
        <span>Trạng thái:</span> <span class={`badge badge--batch-${batch.status}`}>{batchStatusNames[batch.status]}</span>
      </p>
      <p class="hint">
        Gửi {authorityNames[batch.authority]} · {areaLabel(batch.area)} · {batch.caseCount} hồ sơ · lập lúc {dateTimeOf(batch.createdAt)}
      </p>
      {notice && <p ref={noticeRef} tabIndex={-1} class="notice notice--info" role="status">{notice}</p>}
      <StateNote batch={batch} manages={manages} />
      <Section id="batch-header" title="Phần đầu văn bản">
        {editable ? <HeaderForm batch={batch} onSaved={done} /> : <HeaderView header={batch.header} />}
      </Section>
      <Section id="batch-cases" title={`Hồ sơ trong đợt (${batch.cases.length})`}>
        <BatchCases batch={batch} editable={editable} onChanged={done} />
      </Section>
      <Section id="batch-council" title="Họp Hội đồng Thi đua – Khen thưởng">
        {editable ? <CouncilForm key={caseKey} batch={batch} onSaved={done} /> : <CouncilView meeting={batch.council} />}
      </Section>
      <Section id="batch-documents" title="Văn bản của hồ sơ đề nghị">
        <BatchDocuments batch={batch} />
      </Section>
      <NoticePanel batch={batch} manages={manages} onChanged={reload} />
      {manages && (batch.status === 'draft' || batch.status === 'submitted') && (
        <Section id="batch-actions" title={batch.status === 'draft' ? 'Trình hoặc rút đợt đề nghị' : 'Rút đợt đề nghị'}>
          <BatchActions batch={batch} onDone={done} />
        </Section>
      )}
      {(batch.decision || (manages && batch.status === 'submitted')) && (
        <Section id="batch-decision" title="Quyết định khen thưởng">
          {batch.decision ? <DecisionView decision={batch.decision} /> : <DecisionForm batch={batch} onSaved={done} />}
        </Section>
      )}
      {manages && <CertificateLinks batch={batch} />}
      <BatchLog events={batch.events ?? []} />
    </>
  );
}

export function BatchScreen({ id, user }: { id: string; user: SessionUser }) {
  const remote = useRemote<BatchDetail>(batchApi.batch(id));
  const heading = useRef<HTMLHeadingElement>(null);
  const batch = remote.data;
  const loadedOnce = !!batch;
  useEffect(() => { if (loadedOnce) heading.current?.focus(); }, [loadedOnce]);

  return (
    <main id="main" class="screen review-screen review-batch">
      <p><a href={reviewPaths.batches} onClick={onLinkClick}>← Các đợt đề nghị</a></p>
      {!batch && !remote.error && <p class="loading" role="status">Đang tải đợt đề nghị…</p>}
      {!batch && !!remote.error && <><h1>Đợt đề nghị</h1><ErrorNotice error={remote.error} onRetry={() => void remote.reload()} /></>}
      {batch && (
        <>
          <h1 ref={heading} tabIndex={-1}>{batchTitle(batch)}</h1>
          {!!remote.error && <ErrorNotice error={remote.error} onRetry={() => void remote.reload()} />}
          <Batch batch={batch} user={user} reload={remote.reload} />
        </>
      )}
    </main>
  );
}
