import { useRef, useState, type ReactNode } from 'react';
import type { ActionDescription, RecordDescription, RecordType } from '../../../common/work/records';
import { SignaturePad, type SignaturePadHandle } from '../../components/signature-pad';
import { presenceProblem, resolveSignatures, shownRecords, stepBody, type FormValues, type PendingSignature } from '../../shared/step-form/step-values';
import { ApiError, portalApi, type WorkOrderDetail } from '../api';
import { usePrefs } from '../prefs';
import { PhotoPicker, type Photo } from './photo-picker';
import { Choice, Field, Notice } from './ui';

/** Record types a resident's step can ask for here; a step asking for others is taken at the service desk. */
const PORTAL_TYPES: ReadonlySet<RecordType> = new Set(['text', 'number', 'money', 'datetime', 'date', 'choice', 'boolean', 'photo', 'signature', 'consent']);

/** Whether the portal can draw every record of a step. */
export function portalCanTake(action: ActionDescription): boolean {
  return action.records.every((r) => PORTAL_TYPES.has(r.type));
}

/** A 1–N whole-number rating (e.g. 1–5 for the return visit) is tapped as stars. */
const isRating = (r: RecordDescription) => r.type === 'number' && (r.decimals ?? 0) === 0 && r.min === 1 && r.max !== undefined && r.max <= 10;

type Act = (action: string, body: Record<string, unknown>) => Promise<void>;

/** One record as a plain input with large text and 44 px targets. */
function RecordInput({ record, value, onChange, error }: { record: RecordDescription; value: unknown; onChange: (v: unknown) => void; error?: string }) {
  const { t, prefs } = usePrefs();
  const pad = useRef<SignaturePadHandle>(null);
  const [inked, setInked] = useState(false);
  const label = record.label[prefs.locale] || record.label['zh-CN'];
  const hint = record.hint ? record.hint[prefs.locale] || record.hint['zh-CN'] : undefined;
  const id = `step-${record.name}`;
  const field = (control: ReactNode, htmlFor?: string) => (
    <Field label={label} hint={hint} error={error} htmlFor={htmlFor}>
      {control}
    </Field>
  );
  switch (record.type) {
    case 'text':
      return field(
        record.multiline || (record.maxLength ?? 1000) > 100 ? (
          <textarea id={id} className="input" rows={3} maxLength={record.maxLength ?? 1000} value={(value as string) ?? ''} onChange={(e) => onChange(e.target.value)} />
        ) : (
          <input id={id} className="input" maxLength={record.maxLength} value={(value as string) ?? ''} onChange={(e) => onChange(e.target.value)} />
        ),
        id,
      );
    case 'number':
      if (isRating(record)) {
        const score = typeof value === 'number' ? value : 0;
        return field(
          <div className="stars" role="radiogroup" aria-label={label}>
            {Array.from({ length: record.max! }, (_, i) => i + 1).map((n) => (
              <button key={n} type="button" role="radio" aria-checked={score === n} aria-label={t('rate.stars', { n })} className={n <= score ? 'star star-on' : 'star'} onClick={() => onChange(n)}>
                ★
              </button>
            ))}
          </div>,
        );
      }
      return field(
        <input id={id} className="input" type="number" inputMode="decimal" min={record.min} max={record.max} value={typeof value === 'number' ? value : ''} onChange={(e) => onChange(e.target.value === '' ? undefined : Number(e.target.value))} />,
        id,
      );
    case 'money':
      return field(
        <input id={id} className="input" type="number" inputMode="decimal" step="0.01" min={0} value={typeof value === 'number' ? value : ''} onChange={(e) => onChange(e.target.value === '' ? undefined : Number(e.target.value))} />,
        id,
      );
    case 'datetime':
    case 'date':
      // Native pickers; the value becomes an ISO instant (datetime) or the day as typed (date).
      return field(
        <input
          id={id}
          className="input"
          type={record.type === 'date' ? 'date' : 'datetime-local'}
          value={(value as { raw?: string } | undefined)?.raw ?? ''}
          onChange={(e) => {
            const raw = e.target.value;
            onChange(raw ? { raw, toISOString: () => new Date(raw).toISOString(), format: () => raw.slice(0, 10) } : undefined);
          }}
        />,
        id,
      );
    case 'choice':
      return field(<Choice label={label} value={(value as string) ?? null} onChange={onChange} options={(record.options ?? []).map((o) => ({ value: o.key, label: o.label[prefs.locale] || o.label['zh-CN'] }))} />);
    case 'boolean':
      return field(
        <Choice
          label={label}
          value={value === true ? 'yes' : value === false ? 'no' : null}
          onChange={(v) => onChange(v === 'yes')}
          options={[
            { value: 'yes', label: t('step.yes') },
            { value: 'no', label: t('step.no') },
          ]}
        />,
      );
    case 'photo':
      return field(<PhotoPicker photos={(value as Photo[] | undefined) ?? []} onChange={(p) => onChange(p)} onBusy={() => undefined} />);
    case 'signature':
      return field(
        <>
          <SignaturePad
            ref={pad}
            label={label}
            height={180}
            onInkChange={(ink) => {
              setInked(ink);
              onChange(ink ? ({ kind: 'pending-signature', toPng: () => pad.current?.toPng() ?? Promise.resolve(null) } satisfies PendingSignature) : undefined);
            }}
          />
          {inked && (
            <button type="button" className="btn btn-link" onClick={() => pad.current?.clear()}>
              {t('accept.clear')}
            </button>
          )}
        </>,
      );
    case 'consent':
      return (
        <Field label={label} hint={hint} error={error}>
          <label className="consent">
            <input type="checkbox" checked={value === true} onChange={(e) => onChange(e.target.checked)} />
            <span>{t('step.agree')}</span>
          </label>
        </Field>
      );
    default:
      return null;
  }
}

/** The form values as the body helper takes them (photos as their ids). */
function formValues(values: FormValues, action: ActionDescription): FormValues {
  const out: FormValues = { ...values };
  for (const r of action.records) if (r.type === 'photo' && Array.isArray(values[r.name])) out[r.name] = (values[r.name] as Photo[]).map((p) => p.id);
  return out;
}

/**
 * A step the resident takes (answer a quote, accept with a signature, rate, cancel), drawn from
 * the step's description in the standard: its fields, labels and which are required. `open`
 * shows the fields at once; otherwise a button opens them (cancelling is not the first thing
 * offered on a fresh request).
 */
export function StepPanel({ action, act, open: startOpen, children }: { action: ActionDescription; act: Act; open: boolean; children?: ReactNode }) {
  const { t, prefs } = usePrefs();
  const [open, setOpen] = useState(startOpen);
  const [values, setValues] = useState<FormValues>({});
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [message, setMessage] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const name = action.name[prefs.locale] || action.name['zh-CN'];
  const current = formValues(values, action);
  const shown = shownRecords(action, current);

  if (!open) {
    return (
      <button type="button" className="btn btn-secondary btn-block" onClick={() => setOpen(true)} data-testid={`step-open-${action.key}`}>
        {name}
      </button>
    );
  }

  // A field's message goes once the resident changes it.
  const change = (name: string, v: unknown) => {
    setValues((old) => ({ ...old, [name]: v }));
    setErrors(({ [name]: _gone, ...rest }) => rest);
  };

  const submit = async () => {
    const problems: Record<string, string> = {};
    for (const r of shown) {
      const p = presenceProblem(r, current[r.name]);
      if (p) problems[r.name] = p.key === 'consent' ? t('step.mustAgree') : t('common.required');
    }
    setErrors(problems);
    setMessage(null);
    if (Object.keys(problems).length) return;
    setBusy(true);
    try {
      const body = await resolveSignatures(stepBody(action, current), async (png) => (await portalApi.upload(png, 'signature', 'signature.png')).id);
      await act(action.key, body);
    } catch (err) {
      if (err instanceof ApiError) {
        // Messages about the step's fields go under them; anything else above the button.
        const own = Object.fromEntries(Object.entries(err.fields).map(([path, text]) => [path.split('.')[0]!, text]));
        setErrors(own);
        const elsewhere = Object.entries(own).filter(([k]) => !shown.some((r) => r.name === k));
        setMessage(elsewhere.length ? elsewhere.map(([, m]) => m).join(' ') : Object.keys(own).length ? null : err.message);
      } else setMessage(err instanceof Error ? err.message : String(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className="card panel panel-action" data-testid={`step-panel-${action.key}`}>
      <h2>{name}</h2>
      {children}
      {shown.map((r) => (
        <RecordInput key={r.name} record={r} value={values[r.name]} error={errors[r.name]} onChange={(v) => change(r.name, v)} />
      ))}
      {message && <Notice tone="error" text={message} />}
      <div className="actions">
        <button type="button" className="btn btn-primary btn-block" disabled={busy} onClick={() => void submit()} data-testid={`step-submit-${action.key}`}>
          {busy ? t('common.submitting') : t('step.submit', { action: name })}
        </button>
        {!startOpen && (
          <button type="button" className="btn btn-link" onClick={() => setOpen(false)}>
            {t('common.cancel')}
          </button>
        )}
      </div>
    </section>
  );
}

/** The quote the owner answers, shown in the step that answers it. */
export function QuoteSummary({ order }: { order: WorkOrderDetail }) {
  const { t } = usePrefs();
  const quote = order.quote;
  if (!quote) return null;
  const basis = quote.priceBasis?.startsWith('price_list:') ? t('quote.priceList') : quote.priceBasis;
  return (
    <>
      <ul className="quote-lines">
        {quote.items.map((i, n) => (
          <li key={n}>
            <span>
              {i.name}
              {i.quantity > 1 ? ` × ${i.quantity}` : ''}
            </span>
            <span>{(i.amount / 100).toFixed(2)}</span>
          </li>
        ))}
      </ul>
      <p className="quote-total">{t('quote.total', { amount: (quote.totalAmount / 100).toFixed(2) })}</p>
      {quote.diagnosis && <p className="small">{t('quote.cause', { text: quote.diagnosis })}</p>}
      {basis && <p className="small">{t('quote.basis', { text: basis })}</p>}
    </>
  );
}
