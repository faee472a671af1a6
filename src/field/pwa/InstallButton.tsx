// First bundle: "install the app" button, rendered only while the browser offers installation.
import { promptInstall, usePwaState } from './register';

export interface InstallButtonProps {
  class?: string;
}

export function InstallButton(props: InstallButtonProps) {
  const { canInstall } = usePwaState();
  if (!canInstall) return null;
  return (
    <button type="button" class={props.class} onClick={() => void promptInstall()}>
      Cài đặt ứng dụng
    </button>
  );
}
