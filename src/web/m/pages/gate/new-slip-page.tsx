import { useQueryClient } from '@tanstack/react-query';
import { useMemo, useState, type FormEvent } from 'react';
import { useNavigate } from 'react-router';
import { useFormErrors } from '../../components/gate-ui';
import { Field, Notice, Page } from '../../components/ui';
import { gateApi } from '../../gate-api';
import { usePrefs } from '../../prefs';
import { useMe } from '../../session';
import { HomeChoice } from './home-choice';

interface Row {
  key: number;
  name: string;
  quantity: string;
  note: string;
}

const MAX_ROWS = 30;
let nextKey = 1;
const emptyRow = (): Row => ({ key: nextKey++, name: '', quantity: '1', note: '' });

/** Issue a goods-release slip: the goods row by row, who carries them, plate and a note. */
export function NewSlipPage() {
  const { t } = usePrefs();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const { data: me } = useMe();
  const homes = useMemo(() => me?.units.filter((u) => u.state === 'approved') ?? [], [me]);
  const [unitId, setUnitId] = useState(homes[0]?.unitId ?? '');
  const [rows, setRows] = useState<Row[]>(() => [emptyRow()]);
  const [carrierName, setCarrierName] = useState('');
  const [carrierPhone, setCarrierPhone] = useState('');
  const [plate, setPlate] = useState('');
  const [note, setNote] = useState('');
  const [busy, setBusy] = useState(false);
  const { errors, setErrors, message, setMessage, fail, clear } = useFormErrors();

  const update = (key: number, patch: Partial<Row>) => setRows((rs) => rs.map((r) => (r.key === key ? { ...r, ...patch } : r)));

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setMessage(null);
    const problems: Record<string, string> = {};
    if (!unitId) problems.unitId = t('common.required');
    rows.forEach((r, i) => {
      if (!r.name.trim()) problems[`items.${i}.name`] = t('common.required');
      const q = Number(r.quantity);
      if (!Number.isInteger(q) || q < 1 || q > 999) problems[`items.${i}.quantity`] = t('common.required');
    });
    if (!carrierName.trim()) problems.carrierName = t('common.required');
    setErrors(problems);
    if (Object.keys(problems).length) return;
    setBusy(true);
    try {
      const slip = await gateApi.createSlip({
        unitId,
        items: rows.map((r) => ({ name: r.name.trim(), quantity: Number(r.quantity), ...(r.note.trim() ? { note: r.note.trim() } : {}) })),
        carrierName: carrierName.trim(),
        ...(carrierPhone.trim() ? { carrierPhone: carrierPhone.trim() } : {}),
        ...(plate.trim() ? { plate: plate.trim() } : {}),
        ...(note.trim() ? { note: note.trim() } : {}),
      });
      await queryClient.invalidateQueries({ queryKey: ['portal', 'slips'] });
      navigate(`/slips/${slip.id}`, { replace: true, state: { created: true } });
    } catch (err) {
      fail(err);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Page title={t('slip.new')}>
      <form className="card form" onSubmit={submit} noValidate>
        <HomeChoice homes={homes} unitId={unitId} onChange={setUnitId} error={errors.unitId} />
        <h2>{t('slip.items')}</h2>
        {errors.items && <p className="field-message">{errors.items}</p>}
        {rows.map((r, i) => (
          <fieldset key={r.key} className="goods-row">
            <legend>{t('slip.row', { n: i + 1 })}</legend>
            <Field label={t('slip.itemName')} error={errors[`items.${i}.name`]} htmlFor={`item-${r.key}`}>
              <input id={`item-${r.key}`} className="input" maxLength={60} placeholder={t('slip.itemNamePlaceholder')} value={r.name} onChange={(e) => (clear(`items.${i}.name`), update(r.key, { name: e.target.value }))} />
            </Field>
            <Field label={t('slip.quantity')} error={errors[`items.${i}.quantity`]} htmlFor={`qty-${r.key}`}>
              <input id={`qty-${r.key}`} className="input" type="number" inputMode="numeric" min={1} max={999} value={r.quantity} onChange={(e) => (clear(`items.${i}.quantity`), update(r.key, { quantity: e.target.value }))} />
            </Field>
            <Field label={t('slip.itemNote')} error={errors[`items.${i}.note`]} htmlFor={`note-${r.key}`}>
              <input id={`note-${r.key}`} className="input" maxLength={100} value={r.note} onChange={(e) => (clear(`items.${i}.note`), update(r.key, { note: e.target.value }))} />
            </Field>
            {rows.length > 1 && (
              <button type="button" className="btn btn-danger" onClick={() => setRows((rs) => rs.filter((x) => x.key !== r.key))}>
                {t('slip.removeRow')}
              </button>
            )}
          </fieldset>
        ))}
        {rows.length < MAX_ROWS && (
          <button type="button" className="btn btn-secondary btn-block" onClick={() => setRows((rs) => [...rs, emptyRow()])}>
            {t('slip.addRow')}
          </button>
        )}
        <Field label={t('slip.carrierName')} error={errors.carrierName} htmlFor="carrier-name">
          <input id="carrier-name" className="input" maxLength={40} value={carrierName} onChange={(e) => (clear('carrierName'), setCarrierName(e.target.value))} />
        </Field>
        <Field label={t('slip.carrierPhone') + t('gate.optional')} error={errors.carrierPhone} htmlFor="carrier-phone">
          <input id="carrier-phone" className="input" type="tel" inputMode="numeric" maxLength={11} value={carrierPhone} onChange={(e) => (clear('carrierPhone'), setCarrierPhone(e.target.value))} />
        </Field>
        <Field label={t('gate.plate') + t('gate.optional')} error={errors.plate} htmlFor="slip-plate">
          <input id="slip-plate" className="input" maxLength={9} placeholder={t('gate.platePlaceholder')} value={plate} onChange={(e) => (clear('plate'), setPlate(e.target.value))} />
        </Field>
        <Field label={t('slip.note') + t('gate.optional')} error={errors.note} htmlFor="slip-note">
          <textarea id="slip-note" className="input" rows={2} maxLength={200} value={note} onChange={(e) => (clear('note'), setNote(e.target.value))} />
        </Field>
        {message && <Notice tone="error" text={message} />}
        <button type="submit" className="btn btn-primary btn-block" disabled={busy}>
          {busy ? t('common.submitting') : t('slip.submit')}
        </button>
      </form>
    </Page>
  );
}
