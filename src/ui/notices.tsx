// Short messages that outlive a navigation ("Đã lưu trên máy — hồ sơ đang chờ gửi"), read out by screen readers.
import { useEffect, useState } from 'preact/hooks';

type Notice = { id: number; text: string; kind: 'info' | 'error' };
let notices: Notice[] = [];
let nextId = 1;
const listeners = new Set<(n: Notice[]) => void>();
const emit = () => listeners.forEach((l) => l(notices));

export function announce(text: string, kind: Notice['kind'] = 'info'): void {
  const notice = { id: nextId++, text, kind };
  notices = [...notices, notice];
  emit();
  setTimeout(() => { notices = notices.filter((n) => n !== notice); emit(); }, kind === 'error' ? 12_000 : 6_000);
}

export function Notices() {
  const [list, setList] = useState(notices);
  useEffect(() => { listeners.add(setList); return () => void listeners.delete(setList); }, []);
  return (
    <div class="toasts" role="status" aria-live="polite">
      {list.map((n) => <p key={n.id} class={`toast toast--${n.kind}`}>{n.text}</p>)}
    </div>
  );
}
