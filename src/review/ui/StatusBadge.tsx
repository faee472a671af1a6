import { serverStatusNames, type ServerStatus } from '../../shared/sync-protocol';

export function StatusBadge({ status }: { status: ServerStatus }) {
  return <span class={`badge badge--${status}`}>{serverStatusNames[status]}</span>;
}
