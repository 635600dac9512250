import { useQueries } from '@tanstack/react-query';
import type { OwnerQuality } from '../../../../common/quality/owner-view';
import { api } from '../../api';
import { Notice, Page, Spinner } from '../../components/ui';
import { usePrefs } from '../../prefs';
import { useMe } from '../../session';

const ownerQuality = (communityId: string) => api<OwnerQuality>(`/api/v1/portal/quality?communityId=${communityId}`);
const tone = (s: number) => (s >= 90 ? '#389e0d' : s >= 75 ? '#d48806' : '#cf1322');

/** One community's published quality: the latest month's score, twelve months as bars, the rectifications done. */
function CommunityQuality({ q, showName }: { q: OwnerQuality; showName: boolean }) {
  const { t, prefs } = usePrefs();
  if (!q.published) return <p className="muted card" data-testid="quality-unpublished">{t('quality.notPublished', { community: q.communityName })}</p>;
  const latest = [...q.months].reverse().find((m) => m.average !== null);
  return (
    <>
      <section className="card" data-testid="quality-score">
        {showName && <h2>{q.communityName}</h2>}
        {latest ? (
          <>
            <p className="small muted">{t('quality.latest', { month: latest.month })}</p>
            <p style={{ fontSize: '2.4em', fontWeight: 700, margin: '4px 0', color: tone(latest.average!) }}>{latest.average}</p>
            <p className="small muted">{t('quality.inspections', { n: latest.inspections })}</p>
          </>
        ) : (
          <p className="muted">{t('quality.noScore')}</p>
        )}
        <p className="small">{t('quality.explain')}</p>
      </section>
      <section className="card">
        <h2>{t('quality.months')}</h2>
        <ul role="list" style={{ listStyle: 'none', padding: 0, margin: 0 }} data-testid="quality-months">
          {q.months.map((m) => (
            <li key={m.month} style={{ display: 'flex', alignItems: 'center', gap: 8, minHeight: 28 }}>
              <span className="small" style={{ width: '4.5em', flex: 'none' }}>{m.month}</span>
              <span style={{ flex: 1, background: '#f0f0f0', borderRadius: 4, height: 12 }} aria-hidden="true">
                {m.average !== null && <span style={{ display: 'block', width: `${m.average}%`, height: 12, borderRadius: 4, background: tone(m.average) }} />}
              </span>
              <strong className="small" style={{ width: '2.5em', textAlign: 'right' }}>{m.average ?? '—'}</strong>
            </li>
          ))}
        </ul>
      </section>
      <section className="card">
        <h2>{t('quality.rectified')}</h2>
        {q.rectifications.length === 0 && <p className="muted small">{t('quality.rectifiedNone')}</p>}
        <ul className="quote-lines" data-testid="quality-rectified">
          {q.rectifications.map((r) => (
            <li key={r.id}>
              <span>
                {r.itemText[prefs.locale]}
                <span className="muted small block">
                  {r.place} · {t('quality.found', { date: r.foundOn })} · {t('quality.done', { date: r.doneOn })}
                </span>
              </span>
            </li>
          ))}
        </ul>
      </section>
    </>
  );
}

/** 服务品质公示: what the communities the owner lives in publish of their inspections and rectifications. */
export function QualityPage() {
  const { t } = usePrefs();
  const { data: me } = useMe();
  const communities = [...new Set((me?.units ?? []).filter((u) => u.state === 'approved').map((u) => u.communityId))];
  const queries = useQueries({ queries: communities.map((id) => ({ queryKey: ['portal', 'quality', id], queryFn: () => ownerQuality(id) })) });
  const error = queries.find((q) => q.error)?.error;
  return (
    <Page title={t('quality.title')}>
      {queries.some((q) => q.isPending) && <Spinner />}
      {error && <Notice tone="error" text={error.message} action={{ label: t('common.retry'), onClick: () => queries.forEach((q) => void q.refetch()) }} />}
      {queries.map((q) => (q.data ? <CommunityQuality key={q.data.communityId} q={q.data} showName={communities.length > 1} /> : null))}
    </Page>
  );
}
