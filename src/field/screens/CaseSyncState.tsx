// Where a finished case stands with the server: why the last try to send it failed, the receipt, the appraisal
// state and reviewers' notes (readable offline), the server's reason for refusing it, or — when it changed on both
// sides — both versions to choose.
import type { LocalCase } from '../../db/database';
import { formatDateTime } from '../../shared/dates';
import { serverStatusNames } from '../../shared/sync-protocol';
import { keepMine, takeServers } from '../../db/reporter-choices';
import { appDb } from '../../db/database';
import { outboxEntry } from '../../db/outbox';
import { useLiveQuery } from '../hooks/useLiveQuery';
import { announce } from '../../ui/notices';
import { useReferenceLists } from '../lists/useReferenceLists';
import { fieldRows } from '../../ui/case-rows';

export function CaseSyncState({ record }: { record: LocalCase }) {
  const { receipt, problem, serverCopy } = record;
  // The case's own arrival is the receipt; the board's actions and comments are the notes.
  const notes = (record.notes ?? []).filter((n) => n.status !== 'received' || n.comment);
  return (
    <>
      {record.status === 'queued' && <QueuedState />}
      {receipt && record.status === 'sent' && (
        <div class="receipt" role="status">
          <p><strong>Đã gửi</strong> lúc {formatDateTime(Date.parse(receipt.receivedAt))}</p>
          <p>Máy chủ đã nhận phiên bản số {receipt.revision}; ảnh đã xác nhận {receipt.photosConfirmed}/{receipt.photosTotal}.</p>
          <p>Tình trạng: <strong>{serverStatusNames[record.serverStatus ?? receipt.status]}</strong></p>
        </div>
      )}
      {notes.length > 0 && (
        <section aria-labelledby="notes-h">
          <h2 id="notes-h">Ý kiến của Hội đồng</h2>
          <ul class="notes">
            {notes.map((n) => (
              <li key={n.seq}>
                <p><strong>{serverStatusNames[n.status]}</strong> · {formatDateTime(Date.parse(n.at))}{n.actor ? ` · ${n.actor}` : ''}</p>
                {n.comment && <p>{n.comment}</p>}
              </li>
            ))}
          </ul>
        </section>
      )}
      {problem && record.status === 'parked' && (
        <div class="notice notice--error" role="alert">
          <p><strong>Máy chủ chưa nhận hồ sơ này:</strong> {problem.message}</p>
          {problem.issues?.map((i) => <p key={i.path}>{i.message}</p>)}
          <p>Bấm “Sửa lại” để sửa rồi hoàn tất lại.</p>
          {/* Refused for a time the phone's clock stamped: ticking again stamps it by the server's clock. */}
          {problem.issues?.some((i) => /consent\w*At$/.test(i.path)) && <p>Với ô đồng ý: bỏ chọn rồi chọn lại để ghi lại thời điểm.</p>}
        </div>
      )}
      {record.status === 'conflict' && serverCopy && <ConflictChooser record={record} />}
    </>
  );
}

/** Waiting to be sent; when a try failed (no network, the server busy, the account's storage full), why. */
function QueuedState() {
  return <p class="hint">Hồ sơ đã lưu trên máy và sẽ tự gửi khi có mạng.</p>;
}

/** Why the last try to send a queued case failed. Read after the case itself, so it goes at the end of the screen. */
export function QueuedProblem({ record }: { record: LocalCase }) {
  const lastError = useLiveQuery(async () => (record.status === 'queued' && (await outboxEntry(appDb(), record.id))?.lastError) || null, [record.id, record.status]);
  return lastError ? <p class="notice notice--warn" role="status">Lần gửi trước chưa được: {lastError}</p> : null;
}

function ConflictChooser({ record }: { record: LocalCase }) {
  const server = record.serverCopy!;
  const lists = useReferenceLists();
  const mine = fieldRows(record.fields, lists);
  const theirs = new Map(fieldRows(server.fields, lists));
  const choose = async (action: typeof keepMine, message: string) => {
    try {
      await action(appDb(), record.id);
      announce(message);
    } catch (e) {
      announce(e instanceof Error ? e.message : String(e), 'error');
    }
  };
  return (
    <section class="notice notice--warn" aria-labelledby="conflict-h">
      <h2 id="conflict-h">Hồ sơ đã được sửa ở cả hai nơi</h2>
      <p>Bản trên máy chủ (phiên bản {server.revision}, {formatDateTime(Date.parse(server.updatedAt))}) khác bản trên máy này. Chọn bản giữ lại:</p>
      <div class="compare">
        <section aria-label="Khác biệt">
          <dl class="summary">
            {mine.filter(([label, value]) => theirs.get(label) !== value).map(([label, value]) => [
              <dt key={`l-${label}`}>{label}</dt>,
              <dd key={`v-${label}`}><span class="changed">Máy này: {value || '—'}</span><br />Máy chủ: {theirs.get(label) || '—'}</dd>,
            ])}
          </dl>
        </section>
      </div>
      <div class="form-actions">
        <button type="button" class="button button--primary" onClick={() => void choose(keepMine, 'Sẽ gửi bản trên máy này.')}>Giữ bản trên máy này</button>
        <button type="button" class="button button--secondary" onClick={() => void choose(takeServers, 'Đã dùng bản trên máy chủ.')}>Dùng bản trên máy chủ</button>
      </div>
    </section>
  );
}
