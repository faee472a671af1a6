// A button's work that ends in one line to show ("Đã xuất 3 hồ sơ…" or the error's Vietnamese message), with the
// button disabled meanwhile: the storage screen's export/import/persist and the in-app warning's export.
import { useState } from 'preact/hooks';

export type TaskResult = { kind: 'info' | 'error'; text: string } | null;

/** `after`: called once the work has ended, either way. */
export function useTask(after?: () => void) {
  const [result, setResult] = useState<TaskResult>(null);
  const [busy, setBusy] = useState(false);
  const run = async (work: () => Promise<string>) => {
    setBusy(true);
    setResult(null);
    try {
      setResult({ kind: 'info', text: await work() });
    } catch (error) {
      setResult({ kind: 'error', text: error instanceof Error ? error.message : String(error) });
    } finally {
      setBusy(false);
      after?.();
    }
  };
  return { busy, result, run };
}

export function TaskResultLine({ result }: { result: TaskResult }) {
  return result && <p class={`notice notice--${result.kind}`} role={result.kind === 'error' ? 'alert' : 'status'}>{result.text}</p>;
}
