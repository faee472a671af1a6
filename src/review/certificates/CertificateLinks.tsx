// "In giấy khen" on the batch screen (for those who may manage the batch): for a decided
// batch, its commended cases' certificates on pre-printed blanks or on plain paper, and each form's test print to
// check the blanks' alignment first. Each opens the server's print page in a new tab, printed with the browser.
import {
  CERTIFICATE_PRINTS, certificateApi, certificatePrintNames,
} from '../../shared/certificate-protocol';
import type { BatchDetail } from '../../shared/batch-protocol';
import { entryName } from '../../shared/reference';
import { useLists } from '../ui/lists';

export function CertificateLinks({ batch }: { batch: BatchDetail }) {
  const forms = useLists().commendationForms;
  if (batch.status !== 'decided') {
    return <p class="hint">In giấy khen sau khi đã ghi số và ngày của quyết định khen thưởng.</p>;
  }
  const commended = batch.cases.filter((c) => c.outcome?.commended === true);
  if (commended.length === 0) return <p class="hint">Đợt này không có hồ sơ nào được khen thưởng nên không có giấy khen để in.</p>;
  const formIds = [...new Set(commended.map((c) => c.formId))];
  return (
    <section aria-labelledby="certificates-title">
      <h2 id="certificates-title">In giấy khen</h2>
      <p>{commended.length} giấy khen, mỗi trang một giấy (khổ A4 ngang), cho các hồ sơ được khen thưởng.</p>
      <ul class="review-batch-documents">
        {CERTIFICATE_PRINTS.map((print) => (
          <li key={print}>
            <a class="button button--small" href={certificateApi.batch(batch.id, print)} target="_blank" rel="noopener">
              {certificatePrintNames[print]}
            </a>
          </li>
        ))}
      </ul>
      <p class="hint">Trước khi in lên phôi, in thử một trang lưới căn chỉnh trên giấy trắng và đặt lên phôi để kiểm tra:</p>
      <ul>
        {formIds.map((formId) => (
          <li key={formId}>
            <a href={certificateApi.testPrint(formId)} target="_blank" rel="noopener">In thử: {entryName(forms, formId) || formId}</a>
          </li>
        ))}
      </ul>
    </section>
  );
}
