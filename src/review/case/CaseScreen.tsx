// /tham-dinh/ho-so/:id — the whole case for the reviewer: every field, the photos, the revisions, the
// timeline, and the actions the server allows now. A case erased at its subject's request (410) shows only that.
import { useEffect, useRef, useState } from 'preact/hooks';
import { reviewApi, type ErasureReceipt, type ReviewCase } from '../../shared/review-protocol';
import type { SessionUser } from '../../shared/sync-protocol';
import { fieldRows } from '../../ui/case-rows';
import { onLinkClick } from '../../ui/router';
import { ReviewError } from '../api';
import { ErrorNotice } from '../ui/ErrorNotice';
import { commendationText, dateTimeOf } from '../ui/format';
import { StatusBadge } from '../ui/StatusBadge';
import { useRemote } from '../ui/useRemote';
import { useLists } from '../ui/lists';
import { tablePath } from '../table/query';
import { PhotoGallery } from './PhotoGallery';
import { Revisions } from './Revisions';
import { SubjectRights } from './SubjectRights';
import { Timeline } from './Timeline';
import { TransitionPanel } from './TransitionPanel';

function Head({ detail }: { detail: ReviewCase }) {
  const c = detail.case;
  const commendation = commendationText(useLists(), c);
  return (
    <>
      <p class="review-status"><span>Trạng thái:</span> <StatusBadge status={c.status} /></p>
      <p class="hint">
        Nhận lúc {dateTimeOf(c.receivedAt)} · phiên bản {c.revision}{c.owner ? ` · người báo cáo: ${c.owner}` : ''}
      </p>
      {commendation && <p><strong>Khen thưởng:</strong> {commendation}</p>}
    </>
  );
}

/** Erased: nothing of the case is shown, only that it was erased (and when, right after this reviewer did it). */
function Erased({ receipt }: { receipt: ErasureReceipt | undefined }) {
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), []);
  return (
    <>
      <h1 ref={heading} tabIndex={-1}>Hồ sơ đã được xoá</h1>
      <p class="notice notice--info" role="status">
        Dữ liệu cá nhân của hồ sơ này đã được xoá theo yêu cầu của người được nêu tên{receipt ? ` lúc ${dateTimeOf(receipt.erasedAt)}` : ''}.
        Chỉ còn mã hồ sơ và nhật ký xoá; điện thoại của người báo cáo sẽ xoá bản sao ở lần đồng bộ sau.
      </p>
    </>
  );
}

export function CaseScreen({ id, user }: { id: string; user: SessionUser }) {
  const remote = useRemote<ReviewCase>(reviewApi.case(id));
  const heading = useRef<HTMLHeadingElement>(null);
  const [erasure, setErasure] = useState<{ receipt: ErasureReceipt | undefined }>();
  const gone = remote.error instanceof ReviewError && remote.error.status === 410;
  const detail = erasure || gone ? undefined : remote.data;
  const lists = useLists();
  const loadedOnce = !!detail;

  // Arriving from the list, the reader starts at the case's name.
  useEffect(() => { if (loadedOnce) heading.current?.focus(); }, [loadedOnce]);

  return (
    <main id="main" class="screen review-screen">
      <p><a href={tablePath()} onClick={onLinkClick}>← Danh sách hồ sơ</a></p>
      {(erasure || gone) && <Erased receipt={erasure?.receipt} />}
      {!detail && !remote.error && !erasure && <p class="loading" role="status">Đang tải hồ sơ…</p>}
      {!detail && !!remote.error && !gone && !erasure && <><h1>Hồ sơ</h1><ErrorNotice error={remote.error} onRetry={() => void remote.reload()} /></>}
      {detail && (
        <>
          <h1 ref={heading} tabIndex={-1}>{detail.case.subjectName}</h1>
          <Head detail={detail} />
          {!!remote.error && <ErrorNotice error={remote.error} onRetry={() => void remote.reload()} />}
          <div class="review-case">
            <div class="review-case__main">
              <section class="section" aria-labelledby="fields-title">
                <h2 id="fields-title">Nội dung hồ sơ</h2>
                <dl class="summary">
                  {fieldRows(detail.case.fields, lists).map(([label, value]) => [
                    <dt key={`t-${label}`}>{label}</dt>,
                    <dd key={`d-${label}`}>{value}</dd>,
                  ])}
                </dl>
              </section>
              <section class="section" aria-labelledby="photos-title">
                <h2 id="photos-title">Ảnh ({detail.photos.length})</h2>
                <PhotoGallery photos={detail.photos} />
              </section>
              <Revisions caseId={id} revisions={detail.revisions} current={detail.case.revision} fields={detail.case.fields} />
            </div>
            <div class="review-case__side">
              <TransitionPanel detail={detail} reload={remote.reload} />
              <SubjectRights user={user} head={detail.case} onErased={(receipt) => setErasure({ receipt })} />
              <Timeline entries={detail.timeline} />
            </div>
          </div>
        </>
      )}
    </main>
  );
}
