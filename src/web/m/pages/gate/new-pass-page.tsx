import { useQueryClient } from '@tanstack/react-query';
import { useMemo, useState, type FormEvent } from 'react';
import { useNavigate } from 'react-router';
import { useFormErrors } from '../../components/gate-ui';
import { Field, Notice, Page } from '../../components/ui';
import { gateApi } from '../../gate-api';
import { usePrefs } from '../../prefs';
import { useMe } from '../../session';
import { HomeChoice } from './home-choice';

/** A `datetime-local` value `hours` from now, in the phone's zone (minutes rounded down to 5). */
function localIn(hours: number): string {
  const d = new Date(Date.now() + hours * 3_600_000);
  d.setMinutes(d.getMinutes() - (d.getMinutes() % 5), 0, 0);
  return new Date(d.getTime() - d.getTimezoneOffset() * 60_000).toISOString().slice(0, 16);
}

/** Pre-register a visitor: name, phone, plate, and the window (today, now to four hours later). */
export function NewPassPage() {
  const { t } = usePrefs();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const { data: me } = useMe();
  const homes = useMemo(() => me?.units.filter((u) => u.state === 'approved') ?? [], [me]);
  const [unitId, setUnitId] = useState(homes[0]?.unitId ?? '');
  const [name, setName] = useState('');
  const [phone, setPhone] = useState('');
  const [plate, setPlate] = useState('');
  const [from, setFrom] = useState(() => localIn(0));
  const [until, setUntil] = useState(() => localIn(4));
  const [busy, setBusy] = useState(false);
  const { errors, setErrors, message, setMessage, fail, clear } = useFormErrors();

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setMessage(null);
    const problems: Record<string, string> = {};
    if (!unitId) problems.unitId = t('common.required');
    if (!name.trim()) problems.visitorName = t('common.required');
    if (!from) problems.validFrom = t('common.required');
    if (!until) problems.validUntil = t('common.required');
    else if (from && new Date(until) <= new Date(from)) problems.validUntil = t('pass.untilAfterFrom');
    setErrors(problems);
    if (Object.keys(problems).length) return;
    setBusy(true);
    try {
      const pass = await gateApi.createPass({
        unitId,
        visitorName: name.trim(),
        ...(phone.trim() ? { visitorPhone: phone.trim() } : {}),
        ...(plate.trim() ? { plate: plate.trim() } : {}),
        validFrom: new Date(from).toISOString(),
        validUntil: new Date(until).toISOString(),
      });
      await queryClient.invalidateQueries({ queryKey: ['portal', 'passes'] });
      navigate(`/passes/${pass.id}`, { replace: true, state: { created: true } });
    } catch (err) {
      fail(err);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Page title={t('pass.new')}>
      <form className="card form" onSubmit={submit} noValidate>
        <HomeChoice homes={homes} unitId={unitId} onChange={setUnitId} error={errors.unitId} />
        <Field label={t('pass.visitorName')} error={errors.visitorName} htmlFor="visitor-name">
          <input id="visitor-name" className="input" maxLength={40} autoComplete="off" value={name} onChange={(e) => (clear('visitorName'), setName(e.target.value))} />
        </Field>
        <Field label={t('pass.visitorPhone') + t('gate.optional')} error={errors.visitorPhone} htmlFor="visitor-phone">
          <input id="visitor-phone" className="input" type="tel" inputMode="numeric" maxLength={11} value={phone} onChange={(e) => (clear('visitorPhone'), setPhone(e.target.value))} />
        </Field>
        <Field label={t('gate.plate') + t('gate.optional')} error={errors.plate} htmlFor="plate">
          <input id="plate" className="input" maxLength={9} placeholder={t('gate.platePlaceholder')} value={plate} onChange={(e) => (clear('plate'), setPlate(e.target.value))} />
        </Field>
        <Field label={t('pass.from')} error={errors.validFrom} htmlFor="valid-from">
          <input id="valid-from" className="input" type="datetime-local" value={from} onChange={(e) => (clear('validFrom'), setFrom(e.target.value))} />
        </Field>
        <Field label={t('pass.until')} error={errors.validUntil} htmlFor="valid-until">
          <input id="valid-until" className="input" type="datetime-local" min={from} value={until} onChange={(e) => (clear('validUntil'), setUntil(e.target.value))} />
        </Field>
        {message && <Notice tone="error" text={message} />}
        <button type="submit" className="btn btn-primary btn-block" disabled={busy}>
          {busy ? t('common.submitting') : t('pass.submit')}
        </button>
      </form>
    </Page>
  );
}
