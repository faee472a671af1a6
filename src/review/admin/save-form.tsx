// A settings form's save: checked first (the messages beside the fields, focus on the first to fix), then sent;
// the server's 422 issues land beside the fields too, and its message (or the success) shows under the form.
import type { ComponentChildren } from 'preact';
import { useState } from 'preact/hooks';
import { fieldErrors, focusFirstInvalid } from '../../ui/fields';
import { issuesOf, messageOf } from '../api';
import type { Errors } from './ui';

interface Notice { text: string; error?: boolean }

/** `check` finds what to fix before sending; `send` saves and answers the success message. */
export function useSave(root: { readonly current: HTMLElement | null }, check: () => Errors, send: () => Promise<string>) {
  const [errors, setErrors] = useState<Errors>({});
  const [notice, setNotice] = useState<Notice | null>(null);
  const [busy, setBusy] = useState(false);
  const submit = async (event: Event) => {
    event.preventDefault();
    if (busy) return;
    const found = check();
    setErrors(found);
    setNotice(null);
    if (Object.keys(found).length > 0) return focusFirstInvalid(root.current);
    setBusy(true);
    try {
      setNotice({ text: await send() });
    } catch (error) {
      setErrors(fieldErrors(issuesOf(error)));
      setNotice({ text: messageOf(error), error: true });
      focusFirstInvalid(root.current);
    } finally {
      setBusy(false);
    }
  };
  return { errors, setErrors, notice, busy, submit };
}

/**
 * Under the form: the success in a polite live region, a refusal as an alert, then the submit button (focusable
 * while busy: aria-disabled) and any other actions.
 */
export function SaveActions(props: { notice: Notice | null; busy: boolean; label: string; children?: ComponentChildren }) {
  const { notice } = props;
  return (
    <>
      <div class="admin-live" role="status">
        {notice && !notice.error && <p class="notice notice--info">{notice.text}</p>}
      </div>
      {notice?.error && <p class="notice notice--error" role="alert">{notice.text}</p>}
      <div class="form-actions">
        <button type="submit" class="button button--primary" aria-disabled={props.busy || undefined}>{props.busy ? 'Đang lưu…' : props.label}</button>
        {props.children}
      </div>
    </>
  );
}
