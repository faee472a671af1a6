// PLACES KEPT FOR OTHER PARTS OF THE BATCH SCREEN, mounted by the lead when they land (issue #10):
//   NoticeSlot        the public notice panel ("Dân chủ, công khai", src/review/batch-notice/): post a submitted
//                     batch for public comment, see the comments;
//   CertificatesSlot  "In giấy khen" (certificate printing) for a decided batch.
// Each receives the batch as the screen shows it and `reload`, to show the batch again after an action. Until
// then they render nothing.
import type { BatchDetail } from '../../shared/batch-protocol';

export interface BatchSlotProps { batch: BatchDetail; reload: () => Promise<void> }

export function NoticeSlot(_props: BatchSlotProps) {
  return null;
}

export function CertificatesSlot(_props: BatchSlotProps) {
  return null;
}
