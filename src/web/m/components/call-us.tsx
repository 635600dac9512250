import { telHref } from '../../../common/registry';
import type { PortalMe } from '../api';
import { usePrefs } from '../prefs';

/**
 * The service hotline of a community with tap-to-call, wherever the portal says "call us". When
 * the company has not set a hotline only the text shows (no number to dial is better than a wrong one).
 */
export function CallUs({ text, hotline, tone = 'info' }: { text: string; hotline: string | null | undefined; tone?: 'info' | 'warning' }) {
  const { t } = usePrefs();
  return (
    <div className={`notice notice-${tone} call-us`} role="status">
      <p>{text}</p>
      {hotline ? (
        <a className="btn btn-primary btn-block call-button" href={telHref(hotline)} data-testid="call-hotline">
          {t('call.button', { number: hotline })}
        </a>
      ) : null}
    </div>
  );
}

/** The hotlines of the person's communities (approved homes first), one per community. */
export function hotlinesOf(me: PortalMe | null | undefined): { communityName: string; hotline: string }[] {
  const seen = new Map<string, { communityName: string; hotline: string }>();
  for (const u of me?.units ?? []) {
    if (u.hotline && u.state !== 'rejected' && !seen.has(u.communityId)) seen.set(u.communityId, { communityName: u.communityName, hotline: u.hotline });
  }
  return [...seen.values()];
}
