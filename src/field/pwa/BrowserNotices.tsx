// What the case list says where the app runs somewhere cases are at risk (./browser-context.ts decides where):
// inside Zalo, Facebook… (before the first case, then while unsent cases live there) and in an iPhone's browser
// (how to add the app to the home screen). A lazy chunk: an ordinary Chrome never downloads it.
import { useEffect, useRef, useState } from 'preact/hooks';
import { appDb, UNSENT_STATUSES } from '../../db/database';
import { getSetting, setSetting } from '../../db/settings';
import { useLiveQuery } from '../hooks/useLiveQuery';
import { saveUnsentToFile } from '../storage/export-file';
import { useTask, TaskResultLine } from '../hooks/useTask';
import { IN_APP_NOTICE_SEEN, type BrowserContextKind } from './browser-context';
import { chromeIntentUrl, inAppNames } from './open-elsewhere';

const HOME_SCREEN_GUIDE_DISMISSED = 'homeScreenGuideDismissed';

type InApp = Extract<BrowserContextKind, { kind: 'in-app' }>;

export interface BrowserNoticesProps {
  here: Exclude<BrowserContextKind, { kind: 'ordinary' }>;
  /** "Ghi hồ sơ mới" was pressed in an in-app browser whose notice was never answered. */
  asking: boolean;
  onRecordHere: () => void;
}

export function BrowserNotices({ here, asking, onRecordHere }: BrowserNoticesProps) {
  const unsent = useLiveQuery(() => appDb().cases.where('status').anyOf(UNSENT_STATUSES).count(), []);
  if (here.kind === 'ios-browser') return <HomeScreenGuide safari={here.safari} unsent={unsent ?? 0} />;
  if (asking) {
    return <InAppSaveNotice here={here} onRecordHere={() => void setSetting(appDb(), IN_APP_NOTICE_SEEN, true).then(onRecordHere)} />;
  }
  return unsent ? <InAppWarning here={here} unsent={unsent} /> : null;
}

const appName = (here: InApp) => inAppNames[here.app];

function InAppSaveNotice({ here, onRecordHere }: { here: InApp; onRecordHere: () => void }) {
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), []);
  return (
    <section class="section notice--warn" role="dialog" aria-labelledby="in-app-h">
      <h2 id="in-app-h" tabIndex={-1} ref={heading}>
        {here.app === 'webview' ? 'Bạn đang mở Gương Sáng trong trình duyệt riêng của một ứng dụng' : `Bạn đang mở Gương Sáng trong ${appName(here)}`}
      </h2>
      <p>
        Hồ sơ ghi ở đây chỉ nằm trong trình duyệt riêng của {appName(here)}: mở bằng Chrome sẽ không thấy, và hồ sơ
        có thể mất khi {appName(here)} xoá dữ liệu (dọn bộ nhớ, cập nhật hoặc cài lại ứng dụng).
      </p>
      <p><strong>Nên mở địa chỉ này bằng Chrome rồi ghi hồ sơ ở đó.</strong></p>
      <OpenElsewhere here={here} />
      <div class="form-actions">
        <button type="button" class="button button--secondary" onClick={onRecordHere}>Vẫn ghi ở đây</button>
      </div>
    </section>
  );
}

function InAppWarning({ here, unsent }: { here: InApp; unsent: number }) {
  const { busy, result, run } = useTask();
  return (
    <section class="notice notice--warn" aria-labelledby="in-app-warning-h">
      <h2 id="in-app-warning-h">{unsent} hồ sơ chưa gửi đang nằm trong trình duyệt của {appName(here)}</h2>
      <p>
        Nếu {appName(here)} xoá dữ liệu, các hồ sơ này sẽ mất. Hãy gửi ngay khi có mạng, hoặc xuất ra tệp rồi mở
        Gương Sáng bằng Chrome và nhập tệp đó ở mục “Bộ nhớ”.
      </p>
      <div class="form-actions">
        <button type="button" class="button button--primary" disabled={busy} onClick={() => void run(saveUnsentToFile)}>Xuất ra tệp</button>
      </div>
      <TaskResultLine result={result} />
      <OpenElsewhere here={here} />
    </section>
  );
}

/** On Android, Chrome's intent link; elsewhere the app's own "open in browser" and a plain new-window link; always
 *  the address to copy, since some apps ignore both. */
function OpenElsewhere({ here }: { here: InApp }) {
  const href = location.href;
  return (
    <>
      {here.android
        ? <p><a class="button button--primary" href={chromeIntentUrl(href)}>Mở bằng Chrome</a></p>
        : (
          <>
            <p>Bấm nút ••• hoặc nút chia sẻ của {appName(here)}, rồi chọn “Mở bằng trình duyệt” (hoặc “Mở trong Safari”).</p>
            <p><a class="button button--secondary" href={href} target="_blank" rel="noopener">Mở bằng trình duyệt</a></p>
          </>
        )}
      <CopyLink href={href} />
    </>
  );
}

function CopyLink({ href }: { href: string }) {
  const input = useRef<HTMLInputElement>(null);
  const [copied, setCopied] = useState<boolean | null>(null);
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(href);
      setCopied(true);
    } catch {
      // No clipboard API in some in-app browsers: the old way, on the selected address.
      input.current?.select();
      setCopied(document.execCommand('copy'));
    }
  };
  return (
    <div class="field">
      <label for="page-address">Đường dẫn</label>
      <div class="row">
        <input id="page-address" type="url" readOnly value={href} onFocus={(e) => e.currentTarget.select()} ref={input} />
        <button type="button" class="button button--secondary" onClick={() => void copy()}>Chép đường dẫn</button>
      </div>
      {copied !== null && (
        <p class="hint" role="status">
          {copied ? 'Đã chép đường dẫn. Mở Chrome và dán vào thanh địa chỉ.' : 'Không chép được: hãy giữ ngón tay lên đường dẫn để chép.'}
        </p>
      )}
    </div>
  );
}

function HomeScreenGuide({ safari, unsent }: { safari: boolean; unsent: number }) {
  const dismissed = useLiveQuery(async () => (await getSetting<boolean>(appDb(), HOME_SCREEN_GUIDE_DISMISSED)) === true, []);
  const [reopened, setReopened] = useState(false);
  if (dismissed === undefined) return null; // still reading the setting
  if (dismissed && !reopened) {
    if (!unsent) return null;
    return (
      <p class="notice notice--warn" role="note">
        {unsent} hồ sơ chưa gửi: hãy mở Gương Sáng khi có mạng để gửi. Safari có thể xoá hồ sơ sau 7 ngày không dùng
        nếu chưa thêm vào Màn hình chính. <button type="button" class="button button--small button--secondary" onClick={() => setReopened(true)}>Xem cách thêm</button>
      </p>
    );
  }
  return (
    <section class="section notice--warn" aria-labelledby="home-screen-h">
      <h2 id="home-screen-h">Thêm Gương Sáng vào Màn hình chính</h2>
      <ol>
        {!safari && <li>Mở địa chỉ này bằng Safari (chép đường dẫn ở thanh địa chỉ).</li>}
        <li>Bấm nút Chia sẻ (hình vuông có mũi tên lên) ở thanh dưới của Safari.</li>
        <li>Kéo xuống, chọn “Thêm vào MH chính”, rồi bấm “Thêm”.</li>
        <li>Từ nay mở Gương Sáng bằng biểu tượng trên Màn hình chính.</li>
      </ol>
      <p>
        Trên iPhone, hồ sơ chưa gửi chỉ được gửi khi bạn mở Gương Sáng lúc có mạng: máy không tự gửi khi ứng dụng đã
        đóng.
      </p>
      <p>Safari có thể xoá dữ liệu của trang, kể cả hồ sơ chưa gửi, sau 7 ngày không mở; thêm vào Màn hình chính thì không bị xoá như vậy.</p>
      <div class="form-actions">
        <button type="button" class="button button--secondary" onClick={() => { setReopened(false); void setSetting(appDb(), HOME_SCREEN_GUIDE_DISMISSED, true); }}>Đã hiểu</button>
      </div>
    </section>
  );
}
