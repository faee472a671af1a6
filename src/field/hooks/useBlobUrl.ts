// An object URL for a stored photo, revoked when the component lets go of it.
import { useEffect, useState } from 'preact/hooks';
import { appDb } from '../../db/database';
import { getBlob } from '../../db/cases';

export function useBlobUrl(sha256: string | undefined): string | undefined {
  const [url, setUrl] = useState<string>();
  useEffect(() => {
    if (!sha256) return;
    let made: string | undefined;
    let cancelled = false;
    void getBlob(appDb(), sha256).then((blob) => {
      if (!blob || cancelled) return;
      made = URL.createObjectURL(blob);
      setUrl(made);
    });
    return () => {
      cancelled = true;
      if (made) URL.revokeObjectURL(made);
    };
  }, [sha256]);
  return url;
}
