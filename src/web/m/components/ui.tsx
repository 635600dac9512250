import { useEffect, type ReactNode } from 'react';
import { Link, useNavigate } from 'react-router';
import { usePrefs } from '../prefs';

/** A page: a header with the title (and a back button except on the home page), then the content. */
export function Page({ title, back = true, children }: { title: string; back?: boolean; children: ReactNode }) {
  const navigate = useNavigate();
  const { t } = usePrefs();
  useEffect(() => {
    document.title = `${title} · ${t('app.title')}`;
  }, [title, t]);
  return (
    <div className="page">
      <header className="bar">
        {back ? (
          <button type="button" className="bar-back" onClick={() => (history.length > 1 ? navigate(-1) : navigate('/'))} aria-label={t('common.back')}>
            ‹ <span>{t('common.back')}</span>
          </button>
        ) : (
          <span className="bar-spacer" />
        )}
        <h1>{title}</h1>
        <span className="bar-spacer" />
      </header>
      <main className="content">{children}</main>
    </div>
  );
}

export function Spinner() {
  const { t } = usePrefs();
  return (
    <div className="spinner" role="status">
      <span className="spinner-dot" aria-hidden="true" />
      {t('common.loading')}
    </div>
  );
}

/** A message block with an optional action (retry, go home). */
export function Notice({ text, tone = 'info', action }: { text: string; tone?: 'info' | 'error' | 'success' | 'warning'; action?: { label: string; onClick?: () => void; to?: string } }) {
  return (
    <div className={`notice notice-${tone}`} role={tone === 'error' ? 'alert' : 'status'}>
      <p>{text}</p>
      {action?.to && (
        <Link className="btn btn-secondary" to={action.to}>
          {action.label}
        </Link>
      )}
      {action?.onClick && (
        <button type="button" className="btn btn-secondary" onClick={action.onClick}>
          {action.label}
        </button>
      )}
    </div>
  );
}

/** A labelled form field with its error message under it. */
export function Field({ label, error, hint, htmlFor, children }: { label: string; error?: string; hint?: string; htmlFor?: string; children: ReactNode }) {
  return (
    <div className={`field${error ? ' field-error' : ''}`}>
      <label className="field-label" htmlFor={htmlFor}>
        {label}
      </label>
      {children}
      {hint && !error && <p className="field-hint">{hint}</p>}
      {error && (
        <p className="field-message" role="alert">
          {error}
        </p>
      )}
    </div>
  );
}

/** A row of large choice buttons (one of a few options). */
export function Choice<T extends string>({ value, options, onChange, label }: { value: T | null; options: { value: T; label: string }[]; onChange: (v: T) => void; label: string }) {
  return (
    <div className="choice" role="radiogroup" aria-label={label}>
      {options.map((o) => (
        <button key={o.value} type="button" role="radio" aria-checked={value === o.value} className={value === o.value ? 'choice-on' : ''} onClick={() => onChange(o.value)}>
          {o.label}
        </button>
      ))}
    </div>
  );
}
