import { useRef, useState, type ReactNode } from 'react';
import { SignaturePad, type SignaturePadHandle } from '../../components/signature-pad';
import { ApiError, portalApi, type WorkOrderDetail } from '../api';
import { usePrefs } from '../prefs';
import { Choice, Field, Notice } from './ui';

type Act = (action: string, body: Record<string, unknown>) => Promise<void>;

/** Runs an action, collecting per-field messages and the overall message of a refusal. */
function useActionState(act: Act) {
  const [busy, setBusy] = useState(false);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [message, setMessage] = useState<string | null>(null);
  const run = async (action: string, body: Record<string, unknown> | (() => Promise<Record<string, unknown>>)) => {
    setBusy(true);
    setErrors({});
    setMessage(null);
    try {
      await act(action, typeof body === 'function' ? await body() : body);
    } catch (err) {
      if (err instanceof ApiError) {
        setErrors(err.fields);
        setMessage(err.message);
      } else setMessage(err instanceof Error ? err.message : String(err));
    } finally {
      setBusy(false);
    }
  };
  return { busy, errors, message, setErrors, run };
}

function Panel({ title, tone = 'action', children }: { title: string; tone?: 'action' | 'plain'; children: ReactNode }) {
  return (
    <section className={`card panel panel-${tone}`}>
      <h2>{title}</h2>
      {children}
    </section>
  );
}

/** A reason box that opens under a secondary button (decline, send back, cancel). */
function ReasonStep({ open, label, error, value, onChange }: { open: boolean; label: string; error?: string; value: string; onChange: (v: string) => void }) {
  if (!open) return null;
  return (
    <Field label={label} error={error} htmlFor="reason">
      <textarea id="reason" className="input" rows={3} maxLength={1000} value={value} onChange={(e) => onChange(e.target.value)} autoFocus />
    </Field>
  );
}

/** A paid repair's quote: agree (work starts) or decline with a reason. */
export function QuotePanel({ order, act }: { order: WorkOrderDetail; act: Act }) {
  const { t } = usePrefs();
  const s = useActionState(act);
  const [declining, setDeclining] = useState(false);
  const [reason, setReason] = useState('');
  const quote = order.quote;
  const basis = quote?.priceBasis?.startsWith('price_list:') ? t('quote.priceList') : quote?.priceBasis;
  return (
    <Panel title={t('quote.title')}>
      <p>{t('quote.explain')}</p>
      {quote && (
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
      )}
      <ReasonStep open={declining} label={t('quote.declineReason')} error={s.errors.reason} value={reason} onChange={setReason} />
      {s.message && <Notice tone="error" text={s.message} />}
      {!declining ? (
        <div className="actions">
          <button type="button" className="btn btn-primary btn-block" disabled={s.busy} onClick={() => void s.run('consent', { approved: true })}>
            {t('quote.approve')}
          </button>
          <button type="button" className="btn btn-secondary btn-block" disabled={s.busy} onClick={() => setDeclining(true)}>
            {t('quote.decline')}
          </button>
        </div>
      ) : (
        <div className="actions">
          <button type="button" className="btn btn-danger btn-block" disabled={s.busy} onClick={() => (reason.trim() ? void s.run('consent', { approved: false, reason: reason.trim() }) : s.setErrors({ reason: t('common.required') }))}>
            {t('quote.decline')}
          </button>
          <button type="button" className="btn btn-link" onClick={() => setDeclining(false)}>
            {t('common.cancel')}
          </button>
        </div>
      )}
    </Panel>
  );
}

/** Finished work: sign with a finger to accept, or send it back with a reason. */
export function AcceptPanel({ order, act }: { order: WorkOrderDetail; act: Act }) {
  const { t } = usePrefs();
  const s = useActionState(act);
  const pad = useRef<SignaturePadHandle>(null);
  const [inked, setInked] = useState(false);
  const [sendingBack, setSendingBack] = useState(false);
  const [reason, setReason] = useState('');
  const accept = async () => {
    const png = await pad.current?.toPng();
    if (!png) return s.setErrors({ signatureId: t('accept.needSignature') });
    await s.run('confirm', async () => {
      const { id } = await portalApi.upload(png, 'signature', 'signature.png');
      return { approved: true, signatureId: id };
    });
  };
  return (
    <Panel title={t('accept.title')}>
      <p>{t('accept.explain')}</p>
      {order.completion?.note && <p className="small">{t('accept.workDone', { text: order.completion.note })}</p>}
      {!sendingBack && (
        <Field label={t('accept.sign')} error={s.errors.signatureId}>
          <SignaturePad ref={pad} label={t('accept.signArea')} height={180} onInkChange={setInked} />
          {inked && (
            <button type="button" className="btn btn-link" onClick={() => pad.current?.clear()}>
              {t('accept.clear')}
            </button>
          )}
        </Field>
      )}
      <ReasonStep open={sendingBack} label={t('accept.sendBackReason')} error={s.errors.reason} value={reason} onChange={setReason} />
      {s.message && <Notice tone="error" text={s.message} />}
      {!sendingBack ? (
        <div className="actions">
          <button type="button" className="btn btn-primary btn-block" disabled={s.busy} onClick={() => void accept()}>
            {t('accept.confirm')}
          </button>
          <button type="button" className="btn btn-secondary btn-block" disabled={s.busy} onClick={() => setSendingBack(true)}>
            {t('accept.sendBack')}
          </button>
        </div>
      ) : (
        <div className="actions">
          <button type="button" className="btn btn-danger btn-block" disabled={s.busy} onClick={() => (reason.trim() ? void s.run('confirm', { approved: false, reason: reason.trim() }) : s.setErrors({ reason: t('common.required') }))}>
            {t('accept.sendBackSubmit')}
          </button>
          <button type="button" className="btn btn-link" onClick={() => setSendingBack(false)}>
            {t('common.cancel')}
          </button>
        </div>
      )}
    </Panel>
  );
}

/** The owner's rating, which the standards take as the return visit: 1–5 stars and a comment. */
export function RatePanel({ order, act }: { order: WorkOrderDetail; act: Act }) {
  const { t } = usePrefs();
  const s = useActionState(act);
  const [score, setScore] = useState(0);
  const [comment, setComment] = useState('');
  const [satisfied, setSatisfied] = useState<'yes' | 'no' | null>(null);
  const [reason, setReason] = useState('');
  const complaint = order.kind === 'complaint';
  const submit = () => {
    const problems: Record<string, string> = {};
    if (!score) problems.score = t('rate.needScore');
    if (complaint && !satisfied) problems.satisfied = t('common.required');
    if (complaint && satisfied === 'no' && !reason.trim()) problems.reason = t('common.required');
    if (Object.keys(problems).length) return s.setErrors(problems);
    void s.run('return-visit', {
      score,
      ...(comment.trim() ? { comment: comment.trim() } : {}),
      ...(complaint ? { satisfied: satisfied === 'yes', ...(satisfied === 'no' ? { reason: reason.trim() } : {}) } : {}),
    });
  };
  return (
    <Panel title={t('rate.title')}>
      {complaint && (
        <Field label={t('rate.satisfied')} error={s.errors.satisfied}>
          <Choice label={t('rate.satisfied')} value={satisfied} onChange={setSatisfied} options={[{ value: 'yes', label: t('rate.yes') }, { value: 'no', label: t('rate.no') }]} />
        </Field>
      )}
      {complaint && satisfied === 'no' && <ReasonStep open label={t('rate.whyNot')} error={s.errors.reason} value={reason} onChange={setReason} />}
      <Field label={t('rate.title')} error={s.errors.score}>
        <div className="stars" role="radiogroup" aria-label={t('rate.title')}>
          {[1, 2, 3, 4, 5].map((n) => (
            <button key={n} type="button" role="radio" aria-checked={score === n} aria-label={t('rate.stars', { n })} className={n <= score ? 'star star-on' : 'star'} onClick={() => setScore(n)}>
              ★
            </button>
          ))}
        </div>
      </Field>
      <Field label={t('rate.comment')} error={s.errors.comment} htmlFor="comment">
        <textarea id="comment" className="input" rows={3} maxLength={1000} value={comment} onChange={(e) => setComment(e.target.value)} />
      </Field>
      {s.message && <Notice tone="error" text={s.message} />}
      <button type="button" className="btn btn-primary btn-block" disabled={s.busy} onClick={submit}>
        {t('rate.submit')}
      </button>
    </Panel>
  );
}

/** Cancel a request that is still open, with a reason. */
export function CancelPanel({ act }: { act: Act }) {
  const { t } = usePrefs();
  const s = useActionState(act);
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState('');
  if (!open) {
    return (
      <button type="button" className="btn btn-secondary btn-block" onClick={() => setOpen(true)}>
        {t('cancel.open')}
      </button>
    );
  }
  return (
    <Panel title={t('cancel.open')} tone="plain">
      <ReasonStep open label={t('cancel.reason')} error={s.errors.reason} value={reason} onChange={setReason} />
      {s.message && <Notice tone="error" text={s.message} />}
      <div className="actions">
        <button type="button" className="btn btn-danger btn-block" disabled={s.busy} onClick={() => (reason.trim() ? void s.run('cancel', { reason: reason.trim() }) : s.setErrors({ reason: t('common.required') }))}>
          {t('cancel.submit')}
        </button>
        <button type="button" className="btn btn-link" onClick={() => setOpen(false)}>
          {t('common.cancel')}
        </button>
      </div>
    </Panel>
  );
}
