import { useQuery } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { Link, Navigate, useNavigate } from 'react-router';
import { ApiError, portalApi, type DirectoryItem } from '../api';
import { Choice, Field, Notice, Page, Spinner } from '../components/ui';
import { usePrefs } from '../prefs';
import { useMe, useSetMe } from '../session';

type Relation = 'owner' | 'family' | 'tenant';

function Picker({ id, label, items, value, onChange, error, disabled }: { id: string; label: string; items: DirectoryItem[] | undefined; value: string; onChange: (v: string) => void; error?: string; disabled?: boolean }) {
  const { t } = usePrefs();
  return (
    <Field label={label} error={error} htmlFor={id}>
      <select id={id} className="input" value={value} disabled={disabled || !items} onChange={(e) => onChange(e.target.value)}>
        <option value="">{t('register.choose')}</option>
        {(items ?? []).map((i) => (
          <option key={i.id} value={i.id}>
            {i.name}
          </option>
        ))}
      </select>
    </Field>
  );
}

/**
 * Community → building → unit, then name (first time only) and relation. The lists carry names
 * and numbers only, never who lives where.
 */
function UnitForm({ withName }: { withName: boolean }) {
  const { t } = usePrefs();
  const navigate = useNavigate();
  const setMe = useSetMe();
  const [name, setName] = useState('');
  const [communityId, setCommunityId] = useState('');
  const [buildingId, setBuildingId] = useState('');
  const [unitId, setUnitId] = useState('');
  const [relation, setRelation] = useState<Relation | null>(null);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [message, setMessage] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const communities = useQuery({ queryKey: ['portal', 'communities'], queryFn: portalApi.communities });
  const buildings = useQuery({ queryKey: ['portal', 'buildings', communityId], queryFn: () => portalApi.buildings(communityId), enabled: !!communityId });
  const units = useQuery({ queryKey: ['portal', 'units', buildingId], queryFn: () => portalApi.units(buildingId), enabled: !!buildingId });

  if (communities.isPending) return <Spinner />;
  if (communities.error) return <Notice tone="error" text={communities.error.message} action={{ label: t('common.retry'), onClick: () => void communities.refetch() }} />;
  if (!communities.data.items.length) return <Notice text={t('register.noCommunities')} />;

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setMessage(null);
    const problems: Record<string, string> = {};
    if (withName && !name.trim()) problems.name = t('common.required');
    if (!communityId) problems.communityId = t('common.required');
    if (!buildingId) problems.buildingId = t('common.required');
    if (!unitId) problems.unitId = t('common.required');
    if (!relation) problems.relation = t('common.required');
    setErrors(problems);
    if (Object.keys(problems).length) return;
    setBusy(true);
    try {
      const me = withName ? await portalApi.register({ name: name.trim(), unitId, relation: relation! }) : await portalApi.requestUnit({ unitId, relation: relation! });
      setMe(me);
      navigate('/', { replace: true });
    } catch (err) {
      if (err instanceof ApiError) {
        setErrors(err.fields);
        if (!Object.keys(err.fields).length) setMessage(err.message);
      } else setMessage(String(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <form className="card form" onSubmit={submit} noValidate>
      <p className="muted">{t('register.intro')}</p>
      {withName && (
        <Field label={t('register.name')} error={errors.name} htmlFor="name">
          <input id="name" className="input" autoComplete="name" maxLength={50} value={name} onChange={(e) => setName(e.target.value)} />
        </Field>
      )}
      <Picker id="community" label={t('register.community')} items={communities.data.items} value={communityId} error={errors.communityId} onChange={(v) => (setCommunityId(v), setBuildingId(''), setUnitId(''))} />
      <Picker id="building" label={t('register.building')} items={buildings.data?.items} value={buildingId} error={errors.buildingId} disabled={!communityId} onChange={(v) => (setBuildingId(v), setUnitId(''))} />
      <Picker id="unit" label={t('register.unit')} items={units.data?.items} value={unitId} error={errors.unitId} disabled={!buildingId} onChange={setUnitId} />
      <Field label={t('register.relation')} error={errors.relation}>
        <Choice
          label={t('register.relation')}
          value={relation}
          onChange={setRelation}
          options={(['owner', 'family', 'tenant'] as const).map((r) => ({ value: r, label: t(`relation.${r}`) }))}
        />
      </Field>
      {message && <Notice tone="error" text={message} />}
      <button type="submit" className="btn btn-primary btn-block" disabled={busy}>
        {busy ? t('common.submitting') : t('register.submit')}
      </button>
    </form>
  );
}

/** First registration of a person signed in by code. */
export function RegisterPage() {
  const { t } = usePrefs();
  const { data: me } = useMe();
  if (me?.registered) return <Navigate to="/" replace />;
  return (
    <Page title={t('register.title')} back={false}>
      <UnitForm withName />
      <Link to="/settings" className="link-button">
        {t('register.otherPhone')}
      </Link>
    </Page>
  );
}

/** A registered resident asks for a further home. */
export function AddUnitPage() {
  const { t } = usePrefs();
  return (
    <Page title={t('register.addTitle')}>
      <UnitForm withName={false} />
    </Page>
  );
}
