import { telHref } from '../../../common/registry';
import type { PortalMe } from '../api';
import { usePrefs } from '../prefs';
import { useMe } from '../session';

/**
 * "Call us", wherever the portal tells the owner to call or to ask the service desk: the text,
 * then the community's service hotline as a big tap-to-call button (one per community when the
 * person's homes are in several and `communityId` does not say which). The hotline is set per
 * community in the console and comes with the person's homes (`/portal/me`). Where the company
 * has set none, the owner reads that plainly, instead of a button that dials nothing.
 */
export function CallUs({ text, communityId, tone = 'info' }: { text: string; communityId?: string; tone?: 'info' | 'warning' }) {
  const { t } = usePrefs();
  const { data: me } = useMe();
  const lines = hotlinesOf(me, communityId);
  return (
    <div className={`notice notice-${tone} call-us`} role="status" data-testid="call-us">
      <p>{text}</p>
      {lines.some((l) => l.hotline) ? (
        lines.map((l) =>
          l.hotline ? (
            <a key={l.communityId} className="btn btn-primary btn-block call-button" href={telHref(l.hotline)} data-testid="call-hotline">
              {lines.length > 1 ? t('call.buttonOf', { community: l.communityName, number: l.hotline }) : t('call.button', { number: l.hotline })}
            </a>
          ) : null,
        )
      ) : (
        <p className="small call-none" data-testid="no-hotline">
          {t('call.none')}
        </p>
      )}
    </div>
  );
}

/**
 * The hotlines the person may call, one per community: the given community's, else those of their
 * homes (approved ones first, then homes being checked or not approved: those owners have questions too).
 */
export function hotlinesOf(me: PortalMe | null | undefined, communityId?: string): { communityId: string; communityName: string; hotline: string | null }[] {
  const all = [...(me?.units ?? [])].sort((a, b) => Number(b.state === 'approved') - Number(a.state === 'approved'));
  // A community the person has no home in (a request filed for them elsewhere): their own homes' hotlines.
  const units = communityId && all.some((u) => u.communityId === communityId) ? all.filter((u) => u.communityId === communityId) : all;
  const seen = new Map<string, { communityId: string; communityName: string; hotline: string | null }>();
  for (const u of units) {
    if (!seen.has(u.communityId)) seen.set(u.communityId, { communityId: u.communityId, communityName: u.communityName, hotline: u.hotline });
  }
  return [...seen.values()];
}
