import { useRef, useState } from 'react';
import { portalApi } from '../api';
import { usePrefs } from '../prefs';

export const PHOTOS_MAX = 9;
const LONG_EDGE = 1600;

/** Shrinks a phone photo to at most 1600 px on its long edge as JPEG, so uploads stay quick on mobile data. */
async function shrink(file: File): Promise<Blob> {
  try {
    const bitmap = await createImageBitmap(file);
    const scale = Math.min(1, LONG_EDGE / Math.max(bitmap.width, bitmap.height));
    const canvas = document.createElement('canvas');
    canvas.width = Math.round(bitmap.width * scale);
    canvas.height = Math.round(bitmap.height * scale);
    canvas.getContext('2d')!.drawImage(bitmap, 0, 0, canvas.width, canvas.height);
    bitmap.close();
    const blob = await new Promise<Blob | null>((resolve) => canvas.toBlob(resolve, 'image/jpeg', 0.85));
    return blob ?? file;
  } catch {
    // A format the browser cannot draw (e.g. HEIC on some phones): the server reads it as it is.
    return file;
  }
}

export interface Photo {
  id: string;
  url: string;
}

/** Photos from the camera or the album, shrunk and uploaded at once; the ids go with the request. */
export function PhotoPicker({ photos, onChange, onBusy }: { photos: Photo[]; onChange: (p: Photo[]) => void; onBusy: (busy: boolean) => void }) {
  const { t } = usePrefs();
  const input = useRef<HTMLInputElement>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const add = async (files: FileList | null) => {
    if (!files?.length) return;
    setError(null);
    setBusy(true);
    onBusy(true);
    const added: Photo[] = [];
    try {
      for (const file of [...files].slice(0, PHOTOS_MAX - photos.length)) {
        const blob = await shrink(file);
        const { id } = await portalApi.upload(blob, 'photo', file.name.replace(/\.\w+$/, '') + '.jpg');
        added.push({ id, url: URL.createObjectURL(blob) });
      }
    } catch (err) {
      setError(err instanceof Error ? err.message : String(err));
    } finally {
      onChange([...photos, ...added]);
      setBusy(false);
      onBusy(false);
      if (input.current) input.current.value = '';
    }
  };

  return (
    <div>
      <div className="photos">
        {photos.map((p) => (
          <div key={p.id} className="photo">
            <img src={p.url} alt="" />
            <button type="button" className="photo-remove" aria-label={t('new.removePhoto')} onClick={() => onChange(photos.filter((x) => x.id !== p.id))}>
              ×
            </button>
          </div>
        ))}
        {photos.length < PHOTOS_MAX && (
          <label className="photo photo-add">
            <input ref={input} type="file" accept="image/*" multiple onChange={(e) => void add(e.target.files)} disabled={busy} />
            <span aria-hidden="true">＋</span>
            <span className="small">{busy ? t('new.uploading') : t('new.addPhoto')}</span>
          </label>
        )}
      </div>
      {error && (
        <p className="field-message" role="alert">
          {error}
        </p>
      )}
    </div>
  );
}
