// Photos of a draft: taken with the camera or picked from the gallery, shrunk in a worker (no EXIF, ≤1600 px),
// saved with the case in one transaction, captioned and removable.
import { useRef, useState } from 'preact/hooks';
import { appDb, type LocalCase } from '../../db/database';
import { addPhoto, caseBytes, removePhoto, setPhotoCaption } from '../../db/cases';
import { CASE_LIMITS } from '../../shared/case-limits';
import type { PhotoRef } from '../../shared/case-schema';
import { formatBytes } from '../../shared/format';
import { processPhoto } from '../../photos/client';
import { useBlobUrl } from '../hooks/useBlobUrl';

interface Props { record: LocalCase; error?: string; onSaved: () => void }

export function PhotoSection({ record, error, onSaved }: Props) {
  const [busy, setBusy] = useState<{ done: number; total: number } | null>(null);
  const [problems, setProblems] = useState<string[]>([]);
  const photos = record.fields.photos;
  const full = photos.length >= CASE_LIMITS.photos;

  const onFiles = async (input: HTMLInputElement) => {
    const files = [...(input.files ?? [])];
    input.value = '';
    if (files.length === 0) return;
    const found: string[] = [];
    setProblems([]);
    for (const [i, file] of files.entries()) {
      setBusy({ done: i, total: files.length });
      try {
        const processed = await processPhoto(file);
        await addPhoto(appDb(), record.id, processed);
        onSaved();
      } catch (e) {
        found.push(`${file.name || 'Ảnh'}: ${e instanceof Error ? e.message : String(e)}`);
      }
    }
    setBusy(null);
    setProblems(found);
  };

  return (
    <fieldset class="section" id="photos" tabIndex={-1} data-to-fix={error ? true : undefined}>
      <legend>Ảnh ({photos.length}/{CASE_LIMITS.photos})</legend>
      <div class="photo-actions">
        <FilePicker id="photo-camera" label="Chụp ảnh" capture disabled={full || !!busy} onFiles={onFiles} />
        <FilePicker id="photo-gallery" label="Chọn ảnh có sẵn" multiple disabled={full || !!busy} onFiles={onFiles} />
      </div>
      <p class="hint" aria-live="polite">
        {busy ? `Đang thu nhỏ ảnh ${busy.done + 1}/${busy.total}…` : `Tổng dung lượng: ${formatBytes(caseBytes(record))}`}
      </p>
      {problems.length > 0 && (
        <div class="notice notice--error" role="alert">
          {problems.map((p) => <p key={p}>{p}</p>)}
        </div>
      )}
      {error && <p class="error" role="alert">{error}</p>}
      <ul class="photo-grid">
        {photos.map((p, i) => <PhotoCard key={p.sha256} caseId={record.id} photo={p} index={i} />)}
      </ul>
    </fieldset>
  );
}

function FilePicker(props: { id: string; label: string; capture?: boolean; multiple?: boolean; disabled: boolean; onFiles: (input: HTMLInputElement) => void }) {
  return (
    <label class={`button button--secondary${props.disabled ? ' is-disabled' : ''}`} for={props.id}>
      {props.label}
      <input
        id={props.id} type="file" accept="image/*" class="visually-hidden"
        capture={props.capture ? 'environment' : undefined} multiple={props.multiple} disabled={props.disabled}
        onChange={(e) => props.onFiles(e.currentTarget as HTMLInputElement)}
      />
    </label>
  );
}

function PhotoCard({ caseId, photo, index }: { caseId: string; photo: PhotoRef; index: number }) {
  const url = useBlobUrl(photo.thumbSha256);
  const [caption, setCaption] = useState(photo.caption);
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const save = (text: string) => {
    clearTimeout(timer.current);
    if (text !== photo.caption) void setPhotoCaption(appDb(), caseId, photo.sha256, text).catch(() => undefined);
  };
  const captionId = `caption-${photo.sha256.slice(0, 12)}`;
  return (
    <li class="photo-card">
      {url ? <img src={url} alt={caption || `Ảnh ${index + 1}`} width={160} height={Math.round((160 * photo.height) / photo.width)} /> : <div class="photo-card__placeholder" />}
      <p class="photo-card__meta">{photo.width}×{photo.height} · {formatBytes(photo.bytes)}</p>
      <label for={captionId}>Chú thích ảnh {index + 1}</label>
      <input
        id={captionId} type="text" value={caption} maxLength={CASE_LIMITS.caption}
        onInput={(e) => {
          const text = (e.currentTarget as HTMLInputElement).value;
          setCaption(text);
          clearTimeout(timer.current);
          timer.current = setTimeout(() => save(text), 300);
        }}
        onBlur={() => save(caption)}
      />
      <button type="button" class="button button--danger button--small" onClick={() => void removePhoto(appDb(), caseId, photo.sha256)}>
        Xoá ảnh {index + 1}
      </button>
    </li>
  );
}
