// /tham-dinh/ho-so/:id — the whole case for the reviewer: every field, the photos, the revisions, the
// timeline, and the actions the server allows now.
import { useEffect, useRef } from 'preact/hooks';
import { reviewApi, type ReviewCase } from '../../shared/review-protocol';
import { fieldRows } from '../../ui/case-rows';
import { onLinkClick } from '../../ui/router';
import { ErrorNotice } from '../ui/ErrorNotice';
import { commendationText, dateTimeOf } from '../ui/format';
import { StatusBadge } from '../ui/StatusBadge';
import { useRemote } from '../ui/useRemote';
import { useLists } from '../ui/lists';
import { tablePath } from '../table/query';
import { PhotoGallery } from './PhotoGallery';
import { Revisions } from './Revisions';
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

export function CaseScreen({ id }: { id: string }) {
  const remote = useRemote<ReviewCase>(reviewApi.case(id));
  const heading = useRef<HTMLHeadingElement>(null);
  const detail = remote.data;
  const lists = useLists();
  const loadedOnce = !!detail;

  // Arriving from the list, the reader starts at the case's name.
  useEffect(() => { if (loadedOnce) heading.current?.focus(); }, [loadedOnce]);

  return (
    <main id="main" class="screen review-screen">
      <p><a href={tablePath()} onClick={onLinkClick}>← Danh sách hồ sơ</a></p>
      {!detail && !remote.error && <p class="loading" role="status">Đang tải hồ sơ…</p>}
      {!detail && !!remote.error && <><h1>Hồ sơ</h1><ErrorNotice error={remote.error} onRetry={() => void remote.reload()} /></>}
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
              <Timeline entries={detail.timeline} />
            </div>
          </div>
        </>
      )}
    </main>
  );
}
