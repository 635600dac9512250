import type { PortalMe } from '../../api';
import { Field } from '../../components/ui';
import { usePrefs } from '../../prefs';

/** Which of my approved homes: a select with several, the home's name with one. */
export function HomeChoice({ homes, unitId, onChange, error }: { homes: PortalMe['units']; unitId: string; onChange: (id: string) => void; error?: string }) {
  const { t } = usePrefs();
  if (homes.length === 1) return <p className="muted">{`${homes[0]!.communityName} ${homes[0]!.label}`}</p>;
  return (
    <Field label={t('gate.home')} error={error} htmlFor="unit">
      <select id="unit" className="input" value={unitId} onChange={(e) => onChange(e.target.value)}>
        {homes.map((h) => (
          <option key={h.unitId} value={h.unitId}>
            {h.communityName} {h.label}
          </option>
        ))}
      </select>
    </Field>
  );
}
