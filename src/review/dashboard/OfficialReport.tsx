// The official Báo cáo of the figures on screen: what the board writes on it (its number, the signer) and the
// links to its DOCX and its print page, with the report's period and commune.
import { useState } from 'preact/hooks';
import { officialReportApi } from '../../shared/dashboard-protocol';
import { TextField } from '../../ui/fields';

export function OfficialReport({ query }: { query: string }) {
  const [number, setNumber] = useState('');
  const [signerTitle, setSignerTitle] = useState('Chủ tịch');
  const [signerName, setSignerName] = useState('');
  const params = new URLSearchParams(query);
  for (const [key, value] of [['number', number], ['signerTitle', signerTitle], ['signerName', signerName]] as const) {
    if (value.trim()) params.set(key, value.trim());
  }
  const full = params.toString();
  return (
    <details class="section dash-official no-print">
      <summary>Văn bản báo cáo (theo mẫu Nghị định 30/2020/NĐ-CP)</summary>
      <div class="dash-period__grid">
        <TextField id="o-number" label="Số báo cáo" hint="Để trống: điền tay" maxLength={10} value={number} onInput={setNumber} />
        <TextField id="o-title" label="Chức vụ người ký" maxLength={60} value={signerTitle} onInput={setSignerTitle} />
        <TextField id="o-name" label="Họ tên người ký" maxLength={60} value={signerName} onInput={setSignerName} />
      </div>
      <p class="dash-official__links">
        <a class="button" href={officialReportApi('docx', full)} download>Tải văn bản báo cáo (DOCX)</a>
        <a class="button" href={officialReportApi('html', full)} target="_blank" rel="noopener">Bản in văn bản báo cáo</a>
      </p>
    </details>
  );
}
