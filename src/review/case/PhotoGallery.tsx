// The case's photos: thumbnails only (lazy), the full-size photo fetched when the reviewer opens it in a modal
// dialog (Escape, "Đóng" or a click outside closes it; the focus goes back to the thumbnail).
import { useEffect, useRef, useState } from 'preact/hooks';
import type { ReviewPhoto } from '../../shared/review-protocol';
import { api } from '../../shared/sync-protocol';

const THUMB_WIDTH = 160;
const photoName = (p: ReviewPhoto, i: number) => p.caption || `Ảnh ${i + 1}`;

function PhotoDialog({ photo, index, onClose }: { photo: ReviewPhoto; index: number; onClose: () => void }) {
  const dialog = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const opener = document.activeElement as HTMLElement | null;
    dialog.current?.showModal();
    return () => opener?.focus();
  }, []);
  const close = () => dialog.current?.close();
  return (
    <dialog ref={dialog} class="photo-dialog" aria-labelledby="photo-dialog-title" onClose={onClose}
      onClick={(e) => { if (e.target === dialog.current) close(); }}>
      <div class="photo-dialog__head">
        <h2 id="photo-dialog-title">{photoName(photo, index)}</h2>
        <button type="button" class="button button--small" onClick={close}>Đóng</button>
      </div>
      <img src={api.photo(photo.sha256)} alt={photoName(photo, index)} width={photo.width} height={photo.height} />
      <p class="hint">{photo.width} × {photo.height} điểm ảnh</p>
    </dialog>
  );
}

export function PhotoGallery({ photos }: { photos: readonly ReviewPhoto[] }) {
  const [open, setOpen] = useState<number>();
  if (photos.length === 0) return <p class="hint">Hồ sơ không có ảnh.</p>;
  const opened = open === undefined ? undefined : photos[open];
  return (
    <>
      <ul class="photo-grid">
        {photos.map((p, i) => (
          <li key={p.sha256} class="photo-card">
            {p.stored ? (
              <button type="button" class="photo-thumb" aria-label={`Xem ảnh lớn: ${photoName(p, i)}`} onClick={() => setOpen(i)}>
                <img src={api.photo(p.thumbSha256)} loading="lazy" alt="" width={THUMB_WIDTH}
                  height={Math.round((THUMB_WIDTH * p.height) / Math.max(1, p.width))} />
              </button>
            ) : (
              <p class="photo-card__placeholder review-missing-photo">Máy chủ chưa nhận được ảnh này</p>
            )}
            {p.caption && <p class="photo-card__meta">{p.caption}</p>}
          </li>
        ))}
      </ul>
      {opened && open !== undefined && <PhotoDialog key={open} photo={opened} index={open} onClose={() => setOpen(undefined)} />}
    </>
  );
}
