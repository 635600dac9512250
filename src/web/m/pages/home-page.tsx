import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import { portalApi } from '../api';
import { CallUs } from '../components/call-us';
import { OrderCard } from '../components/order-card';
import { Notice, Page, Spinner } from '../components/ui';
import { usePrefs } from '../prefs';
import { quickActionsFor } from '../registry';
import { InboxLink } from './inbox/inbox-link';
import { useMe } from '../session';

/** Home: my homes with their approval state, the shortcuts, and what is being handled now. */
export function HomePage() {
  const { t } = usePrefs();
  const { data: me } = useMe();
  const approved = !!me?.units.some((u) => u.state === 'approved');
  const open = useQuery({ queryKey: ['portal', 'orders', 'active', 1], queryFn: () => portalApi.orders({ active: 'true' }), enabled: approved });
  if (!me) return <Spinner />;

  return (
    <Page title={t('app.title')} back={false}>
      <p className="hello">{t('home.hello', { name: me.resident?.name ?? me.user.displayName })}</p>
      <InboxLink />

      <section className="section" aria-labelledby="homes">
        <div className="section-head">
          <h2 id="homes">{t('home.myHomes')}</h2>
          <Link to="/units/new" className="link-button">
            ＋ {t('home.addHome')}
          </Link>
        </div>
        {me.units.length === 0 && <Notice text={t('home.noHome')} action={{ label: t('home.addHome'), to: '/units/new' }} />}
        {me.units.map((u) => (
          <div key={`${u.unitId}-${u.state}`} className="card unit-card">
            <div>
              <strong>{u.label}</strong>
              <p className="muted small">
                {u.communityName} · {t(`relation.${u.relation}`)}
              </p>
              {u.reason && <p className="small warn-text">{t('unit.reason', { reason: u.reason })}</p>}
            </div>
            <span className={`badge badge-${u.state === 'approved' ? 'green' : u.state === 'pending' ? 'orange' : 'red'}`}>{t(`unit.${u.state}`)}</span>
          </div>
        ))}
        {me.units
          .filter((u) => u.state === 'rejected')
          .slice(0, 1)
          .map((u) => (
            <CallUs key="rejected" tone="warning" text={t('unit.rejectedCall')} communityId={u.communityId} />
          ))}
        {!approved && me.units.some((u) => u.state === 'pending') && <Notice tone="warning" text={t('home.waitApproval')} />}
      </section>

      <section className="section" aria-labelledby="quick">
        <h2 id="quick">{t('home.quick')}</h2>
        <nav className="quick-grid">
          {quickActionsFor(me).map((a) => (
            <Link key={a.to} to={a.to} className="quick">
              <span className="quick-icon" aria-hidden="true">
                {a.icon}
              </span>
              {t(a.labelKey)}
            </Link>
          ))}
        </nav>
      </section>

      {approved && (
        <section className="section" aria-labelledby="open">
          <div className="section-head">
            <h2 id="open">{t('home.openRequests')}</h2>
            <Link to="/requests" className="link-button">
              {t('home.allRequests')} ›
            </Link>
          </div>
          {open.isPending && <Spinner />}
          {open.error && <Notice tone="error" text={open.error.message} action={{ label: t('common.retry'), onClick: () => void open.refetch() }} />}
          {open.data?.items.length === 0 && <p className="muted empty">{t('home.noOpen')}</p>}
          {open.data?.items.map((o) => <OrderCard key={o.id} order={o} />)}
        </section>
      )}
      {me.units.length > 0 && (
        <section className="section" aria-labelledby="hotline">
          <h2 id="hotline">{t('home.hotline')}</h2>
          <CallUs text={t('home.hotlineNote')} />
        </section>
      )}
    </Page>
  );
}
