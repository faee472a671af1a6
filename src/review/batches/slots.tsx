// PLACES KEPT FOR OTHER PARTS OF THE BATCH SCREEN (issue #10), mounted by the lead when they land:
//   NoticeSlot        the public notice panel ("Dân chủ, công khai", src/review/batch-notice/), e.g.
//                     <NoticePanel batch={batch} onChanged={reload} />;
//   CertificatesSlot  "In giấy khen" (certificate printing, src/review/certificates/), e.g.
//                     <CertificateLinks batch={batch} />.
// Each gets the batch as the screen shows it, whether this user may act on it (mayManageBatch), and `reload`,
// which shows the batch again after an action. Until then they render nothing.
import type { BatchDetail } from '../../shared/batch-protocol';

export interface BatchSlotProps { batch: BatchDetail; manages: boolean; reload: () => Promise<void> }

export function NoticeSlot(_props: BatchSlotProps) {
  return null;
}

export function CertificatesSlot(_props: BatchSlotProps) {
  return null;
}
