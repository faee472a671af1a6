// /tham-dinh/bao-cao: the directive's dashboard and its printable period report ("Báo cáo kết quả"). The period
// and commune live in the page's query string; the figures come from GET /api/review/dashboard, scoped to the
// reviewer's area by the server.
import { useState } from 'preact/hooks';
import { dashboardApi, type DashboardReport } from '../../shared/dashboard-protocol';
import { PROVINCE_AREA, type SessionUser } from '../../shared/sync-protocol';
import { useLocationSearch } from '../table/query';
import { ErrorNotice } from '../ui/ErrorNotice';
import { useRemote } from '../ui/useRemote';
import { OfficialReport } from './OfficialReport';
import { PeriodForm } from './PeriodForm';
import { readSelection, selectionQuery } from './periods';
import { Report } from './Report';
import './dashboard.css';

export function DashboardScreen({ user }: { user: SessionUser }) {
  const choosesCommune = user.area === PROVINCE_AREA;
  const [search, go] = useLocationSearch();
  const selection = readSelection(search, choosesCommune);
  const query = selectionQuery(selection);
  const remote = useRemote<DashboardReport>(dashboardApi(query));
  const [showTables, setShowTables] = useState(false);

  return (
    <main id="main" class="screen review-screen dashboard">
      <h1>Báo cáo kết quả</h1>
      <PeriodForm selection={selection} choosesCommune={choosesCommune} onApply={(s) => go(selectionQuery(s))} />
      <div class="dash-toolbar no-print">
        <button type="button" class="button" onClick={() => print()} disabled={!remote.data}>In báo cáo</button>
        <label class="checkbox dash-toolbar__tables">
          <input type="checkbox" checked={showTables} onChange={(e) => setShowTables((e.currentTarget as HTMLInputElement).checked)} />
          <span>Hiện bảng số liệu của các biểu đồ</span>
        </label>
      </div>
      <OfficialReport query={query} />
      {remote.error !== undefined && <ErrorNotice error={remote.error} onRetry={() => void remote.reload()} />}
      {remote.loading && <p class="dash-loading no-print" role="status">Đang tính số liệu…</p>}
      {remote.data && <Report report={remote.data} showTables={showTables} />}
    </main>
  );
}
