import { Button, Flex, Result, Spin } from 'antd';
import { ArrowLeftOutlined, PrinterOutlined } from '@ant-design/icons';
import { Link, useParams } from 'react-router';
import { ApiError } from '../../api/client';
import { attachmentUrl } from '../../api/work-orders';
import { qrUrl, usePass, useSlip } from '../../api/gate';
import { NotFoundPage } from '../not-found/not-found-page';
import { useDocumentTitle } from '../../shared/use-document-title';
import { useGateI18n } from './use-gate-i18n';
import './print.css';

function Toolbar() {
  const { t } = useGateI18n();
  return (
    <Flex className="gate-print-toolbar" justify="space-between" align="center">
      <Link to="/gate">
        <ArrowLeftOutlined /> {t('common.back')}
      </Link>
      <Button type="primary" icon={<PrinterOutlined />} onClick={() => window.print()}>
        {t('print.print')}
      </Button>
    </Flex>
  );
}

function Loading({ error, pending }: { error: Error | null; pending: boolean }) {
  const { t } = useGateI18n();
  if (pending) {
    return (
      <Flex justify="center" style={{ paddingBlock: 64 }}>
        <Spin size="large" />
      </Flex>
    );
  }
  if (error instanceof ApiError && (error.status === 404 || error.status === 400)) return <NotFoundPage />;
  return <Result status="warning" title={t('common.loadFailed')} subTitle={error?.message} />;
}

/** 访客通行证: the printable pass with its QR code and short code, for a visitor without a phone. */
export function PassPrintPage() {
  const { id } = useParams();
  const { t, tl, dt } = useGateI18n();
  const { data: pass, error, isPending } = usePass(id);
  useDocumentTitle(t('print.passTitle'));
  if (!pass) return <Loading error={error} pending={isPending} />;
  const row = (label: string, value: React.ReactNode) => (
    <tr>
      <th>{label}</th>
      <td>{value}</td>
    </tr>
  );
  return (
    <div>
      <Toolbar />
      <div className="gate-sheet" data-testid="pass-sheet">
        <h1>{t('print.passTitle')}</h1>
        <div className="gate-sheet-sub">{pass.communityName}</div>
        <table>
          <tbody>
            {row(t('logs.visitor'), `${pass.visitorName}${pass.partySize > 1 ? ` ×${pass.partySize}` : ''}`)}
            {row(t('pass.host'), pass.unitLabel)}
            {row(t('pass.window'), `${dt(pass.validFrom)} – ${dt(pass.validUntil)}`)}
            {pass.plate ? row(t('pass.plate'), pass.plate) : null}
            {row(t('logs.state'), tl(pass.state.name))}
          </tbody>
        </table>
        <img className="gate-qr" src={qrUrl('passes', pass.id)} alt={t('print.scan')} />
        <div className="gate-code">{pass.code}</div>
        <div style={{ textAlign: 'center' }}>{t('print.scan')}</div>
      </div>
    </div>
  );
}

/** 物品放行条: the printable slip with its goods, the owner's authorisation and the release record. */
export function SlipPrintPage() {
  const { id } = useParams();
  const { t, tl, dt } = useGateI18n();
  const { data: slip, error, isPending } = useSlip(id);
  useDocumentTitle(t('print.slipTitle'));
  if (!slip) return <Loading error={error} pending={isPending} />;
  return (
    <div>
      <Toolbar />
      <div className="gate-sheet" data-testid="slip-sheet">
        <h1>{t('print.slipTitle')}</h1>
        <div className="gate-sheet-sub">
          {slip.communityName} · {slip.unitLabel} · {t('slip.code')} {slip.code}
        </div>
        <table>
          <thead>
            <tr>
              <th>{t('slip.item')}</th>
              <th style={{ width: '14%' }}>{t('slip.quantity')}</th>
              <th>{t('slip.note')}</th>
            </tr>
          </thead>
          <tbody>
            {slip.items.map((item, i) => (
              <tr key={i}>
                <td>{item.name}</td>
                <td>{item.quantity}</td>
                <td>{item.note ?? ''}</td>
              </tr>
            ))}
          </tbody>
        </table>
        <table style={{ marginTop: 8 }}>
          <tbody>
            <tr>
              <th>{t('slip.carrier')}</th>
              <td>
                {slip.carrierName}
                {slip.plate ? ` · ${slip.plate}` : ''}
              </td>
            </tr>
            <tr>
              <th>{t('slip.issuedBy')}</th>
              <td>
                {slip.issuedBy.name} · {dt(slip.createdAt)}
                {slip.confirmation ? ` · ${t(`channel.${slip.confirmation.channel}` as 'channel.phone')}：${slip.confirmation.confirmedBy}` : ''}
              </td>
            </tr>
            <tr>
              <th>{t('slip.validUntil')}</th>
              <td>{dt(slip.validUntil)}</td>
            </tr>
            <tr>
              <th>{t('logs.state')}</th>
              <td>{tl(slip.state.name)}</td>
            </tr>
            <tr>
              <th>{t('print.releaseRecord')}</th>
              <td className="gate-sign">
                {slip.release ? (
                  <>
                    {dt(slip.release.at)} · {slip.release.by.name}
                    {slip.release.signatureId ? (
                      <img src={attachmentUrl(slip.release.signatureId)} alt={t('print.guardSign')} style={{ height: 40, display: 'block' }} />
                    ) : null}
                  </>
                ) : null}
              </td>
            </tr>
          </tbody>
        </table>
        <img className="gate-qr" src={qrUrl('slips', slip.id)} alt={t('print.scan')} />
        <div style={{ textAlign: 'center' }}>{t('print.scan')}</div>
      </div>
    </div>
  );
}
