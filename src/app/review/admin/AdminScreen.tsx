// Placeholder until the administration screens land (being built now); replaced, not kept.
import type { SessionUser } from '../../../shared/sync-protocol';

export function AdminScreen(_: { user: SessionUser }) {
  return <main id="main" class="screen"><h1>Quản trị</h1><p>Đang xây dựng.</p></main>;
}
