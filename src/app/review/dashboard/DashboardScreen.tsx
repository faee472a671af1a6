// Placeholder until the dashboard lands (being built now); replaced, not kept.
import type { SessionUser } from '../../../shared/sync-protocol';

export function DashboardScreen(_: { user: SessionUser }) {
  return <main id="main" class="screen"><h1>Báo cáo</h1><p>Đang xây dựng.</p></main>;
}
