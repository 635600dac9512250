import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useMemo, useState, type FormEvent } from 'react';
import { useNavigate, useParams } from 'react-router';
import { ApiError, portalApi } from '../api';
import { PhotoPicker, PHOTOS_MAX, type Photo } from '../components/photo-picker';
import { CallUs } from '../components/call-us';
import { Choice, Field, Notice, Page, Spinner } from '../components/ui';
import { usePrefs } from '../prefs';
import { useMe } from '../session';

/** `datetime-local` value -> ISO instant in the phone's zone. */
const toInstant = (local: string) => new Date(local).toISOString();
const localNow = () => {
  const d = new Date(Date.now() - new Date().getTimezoneOffset() * 60_000);
  return d.toISOString().slice(0, 16);
};

/** File a repair or a complaint: home, category from the standard, description, photos, preferred time. */
export function NewRequestPage() {
  const { kind: rawKind } = useParams();
  const kind = rawKind === 'complaint' ? 'complaint' : 'repair';
  const { t, prefs } = usePrefs();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const { data: me } = useMe();
  const homes = useMemo(() => me?.units.filter((u) => u.state === 'approved') ?? [], [me]);
  const [unitId, setUnitId] = useState(homes[0]?.unitId ?? '');
  const home = homes.find((h) => h.unitId === unitId) ?? null;
  const categories = useQuery({ queryKey: ['portal', 'categories', home?.communityId], queryFn: () => portalApi.categories(home!.communityId), enabled: !!home });
  const [category, setCategory] = useState<string | null>(null);
  const [description, setDescription] = useState('');
  const [photos, setPhotos] = useState<Photo[]>([]);
  const [uploading, setUploading] = useState(false);
  const [preferred, setPreferred] = useState('');
  const [anonymous, setAnonymous] = useState(false);
  const [paid, setPaid] = useState(false);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [message, setMessage] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  // One key per filled-in form: a retry after a dropped connection returns the first answer.
  const [idempotencyKey] = useState(() => crypto.randomUUID());

  const list = categories.data?.[kind] ?? [];
  const chosen = list.find((c) => c.key === category);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setMessage(null);
    const problems: Record<string, string> = {};
    if (!home) problems.unitId = t('common.required');
    if (!category) problems.category = t('common.required');
    if (!description.trim()) problems.description = t('common.required');
    setErrors(problems);
    if (Object.keys(problems).length) return;
    setBusy(true);
    try {
      const order = await portalApi.create(
        {
          kind,
          communityId: home!.communityId,
          unitId: home!.unitId,
          channel: 'app',
          category,
          description: description.trim(),
          photoIds: photos.map((p) => p.id),
          ...(kind === 'repair' && preferred ? { preferredAt: toInstant(preferred) } : {}),
          ...(kind === 'repair' ? { paid } : {}),
          ...(kind === 'complaint' ? { source: 'app', anonymous } : {}),
        },
        idempotencyKey,
      );
      await queryClient.invalidateQueries({ queryKey: ['portal', 'orders'] });
      navigate(`/requests/${order.id}`, { replace: true, state: { created: order.number } });
    } catch (err) {
      if (err instanceof ApiError) {
        setErrors(err.fields);
        setMessage(err.message);
      } else setMessage(String(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Page title={t(kind === 'repair' ? 'new.repairTitle' : 'new.complaintTitle')}>
      <form className="card form" onSubmit={submit} noValidate>
        {homes.length > 1 && (
          <Field label={t('new.home')} error={errors.unitId} htmlFor="unit">
            <select id="unit" className="input" value={unitId} onChange={(e) => (setUnitId(e.target.value), setCategory(null))}>
              {homes.map((h) => (
                <option key={h.unitId} value={h.unitId}>
                  {h.communityName} {h.label}
                </option>
              ))}
            </select>
          </Field>
        )}
        {homes.length === 1 && <p className="muted">{`${home?.communityName} ${home?.label}`}</p>}
        <Field label={t('new.category')} error={errors.category}>
          {categories.isPending ? (
            <Spinner />
          ) : categories.error ? (
            <Notice tone="error" text={categories.error.message} action={{ label: t('common.retry'), onClick: () => void categories.refetch() }} />
          ) : (
            <Choice label={t('new.category')} value={category} onChange={setCategory} options={list.map((c) => ({ value: c.key, label: c.name[prefs.locale] }))} />
          )}
        </Field>
        {chosen?.emergency && <CallUs tone="warning" text={t('new.emergencyNote')} communityId={home?.communityId} />}
        <Field label={t('new.description')} error={errors.description} htmlFor="description">
          <textarea id="description" className="input" rows={4} maxLength={2000} placeholder={t('new.descriptionPlaceholder')} value={description} onChange={(e) => setDescription(e.target.value)} />
        </Field>
        <Field label={t('new.photos', { max: PHOTOS_MAX })} error={errors.photoIds}>
          <PhotoPicker photos={photos} onChange={setPhotos} onBusy={setUploading} />
        </Field>
        {kind === 'repair' && (
          <Field label={t('new.preferred')} hint={t('new.preferredHint')} error={errors.preferredAt} htmlFor="preferred">
            <input id="preferred" className="input" type="datetime-local" min={localNow()} value={preferred} onChange={(e) => setPreferred(e.target.value)} />
          </Field>
        )}
        {kind === 'repair' && (
          <label className="check">
            <input type="checkbox" checked={paid} onChange={(e) => setPaid(e.target.checked)} />
            {t('new.paid')}
          </label>
        )}
        {kind === 'complaint' && (
          <label className="check">
            <input type="checkbox" checked={anonymous} onChange={(e) => setAnonymous(e.target.checked)} />
            {t('new.anonymous')}
          </label>
        )}
        {message && <Notice tone="error" text={message} />}
        <button type="submit" className="btn btn-primary btn-block" disabled={busy || uploading}>
          {busy ? t('common.submitting') : uploading ? t('new.uploading') : t('new.submit')}
        </button>
      </form>
    </Page>
  );
}
