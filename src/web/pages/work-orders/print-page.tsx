import { useEffect, useState } from 'react';
import { Link, useParams, useSearchParams } from 'react-router';
import { Button, Flex, Result, Segmented, Space, Spin } from 'antd';
import { ArrowLeftOutlined, PrinterOutlined } from '@ant-design/icons';
import { ApiError } from '../../api/client';
import { useWorkOrder } from '../../api/work-orders';
import { useSession } from '../../components/session';
import { NotFoundPage } from '../not-found/not-found-page';
import { useDocumentTitle } from '../../shared/use-document-title';
import { useWoI18n } from './use-wo-i18n';
import { formatWallClock } from '../../../common/due';
import { formatDateTime } from './work-order-format';
import './print-slip.css';

type PaperSize = 'A4' | 'A5';

/** A QR code (as a data URL) for the order page, made in the browser. */
function useQrCode(text: string): string | null {
  const [url, setUrl] = useState<string | null>(null);
  useEffect(() => {
    let live = true;
    void import('qrcode').then(({ default: QRCode }) =>
      QRCode.toDataURL(text, { margin: 1, width: 240, errorCorrectionLevel: 'M' }).then((data) => {
        if (live) setUrl(data);
      }),
    );
    return () => {
      live = false;
    };
  }, [text]);
  return url;
}

/**
 * 维修派工单: the printable dispatch slip. The console's menu and header are hidden in print, the
 * paper size is chosen here (A4 or A5), and `?print=1` opens the print dialog once the QR code is
 * ready (the order page's print button links here that way).
 */
export function PrintPage() {
  const { id } = useParams();
  const [params] = useSearchParams();
  const { t, tl, locale } = useWoI18n();
  const me = useSession();
  const { data: order, error, isPending } = useWorkOrder(id);
  const [paper, setPaper] = useState<PaperSize>('A5');
  const qr = useQrCode(`${window.location.origin}/work-orders/${id ?? ''}`);
  useDocumentTitle(order ? t('print.title', { number: order.number }) : t('print.heading'));
  const autoPrint = params.get('print') === '1';

  useEffect(() => {
    if (!autoPrint || !order || !qr) return;
    const timer = window.setTimeout(() => window.print(), 300);
    return () => window.clearTimeout(timer);
  }, [autoPrint, order, qr]);

  if (isPending) {
    return (
      <Flex justify="center" style={{ paddingBlock: 64 }}>
        <Spin size="large" />
      </Flex>
    );
  }
  if (error instanceof ApiError && (error.status === 404 || error.status === 400)) return <NotFoundPage />;
  if (!order) return <Result status="warning" title={t('common.loadFailed')} subTitle={error?.message} />;

  const promised = order.promise.limits;
  const row = (label: string, value: React.ReactNode) => (
    <tr>
      <th>{label}</th>
      <td>{value}</td>
    </tr>
  );

  return (
    <div className={`wo-print wo-print-${paper}`}>
      <style>{`@media print { @page { size: ${paper} portrait; margin: 10mm; } }`}</style>
      <Flex className="wo-print-toolbar" justify="space-between" align="center" wrap gap={8}>
        <Link to={`/work-orders/${order.id}`}>
          <ArrowLeftOutlined /> {t('print.back')}
        </Link>
        <Space wrap>
          <Segmented<PaperSize> value={paper} onChange={setPaper} options={['A5', 'A4']} />
          <Button type="primary" icon={<PrinterOutlined />} onClick={() => window.print()} data-testid="print-now">
            {t('print.print')}
          </Button>
        </Space>
      </Flex>
      <article className="wo-slip" data-testid="print-slip-sheet">
        <header className="wo-slip-head">
          <div>
            <div className="wo-slip-company">{me.organization?.name ?? ''}</div>
            <h1>{t('print.heading')}</h1>
            <div className="wo-slip-number">
              {t('field.number')}：<b>{order.number}</b>
            </div>
          </div>
          {qr ? (
            <figure className="wo-slip-qr">
              <img src={qr} alt={t('print.qr')} data-testid="print-qr" />
              <figcaption>{t('print.scan')}</figcaption>
            </figure>
          ) : null}
        </header>
        <table className="wo-slip-table">
          <tbody>
            {row(t('field.community'), order.community.name)}
            {row(t('field.unit'), order.unit?.label ?? t('common.publicArea'))}
            {row(t('field.reporter'), `${order.reporter.name ?? '—'}  ${order.reporter.phone ?? ''}`)}
            {row(t('field.category'), `${tl(order.categoryName, order.category)}${order.urgency === 'emergency' ? ` · ${t('urgency.emergency')}` : ''}${order.paid ? ` · ${t('field.paid')}` : ''}`)}
            {row(t('field.createdAt'), `${formatDateTime(order.createdAt, t)} · ${t(`channel.${order.channel}`)}`)}
            {row(t('field.assignee'), order.assignee?.name ?? '')}
            {row(t('field.appointment'), order.appointmentAt ? formatDateTime(order.appointmentAt, t) : '')}
            {row(t('field.description'), <span className="wo-slip-pre">{order.description}</span>)}
            {row(
              t('print.promised'),
              promised.length ? (
                <ul>
                  {promised.map((l) => (
                    <li key={l.limitKey}>{t('readback.promiseLine', { name: tl(l.name), at: formatWallClock(l.dueAt, new Date(), l.due.timeZone, locale) })}</li>
                  ))}
                </ul>
              ) : (
                '—'
              ),
            )}
            {row(t('print.diagnosis'), <div className="wo-slip-blank" />)}
          </tbody>
        </table>
        <h2>{t('print.materials')}</h2>
        <table className="wo-slip-grid">
          <thead>
            <tr>
              <th>{t('material.name')}</th>
              <th>{t('material.quantity')}</th>
              <th>{t('print.unitPrice')}</th>
              <th>{t('print.amount')}</th>
            </tr>
          </thead>
          <tbody>
            {[0, 1, 2, 3].map((n) => (
              <tr key={n}>
                <td />
                <td />
                <td />
                <td />
              </tr>
            ))}
          </tbody>
        </table>
        <div className="wo-slip-times">
          <span>{t('print.arrivedAt')}</span>
          <span>{t('print.finishedAt')}</span>
        </div>
        <div className="wo-slip-signs">
          <div className="wo-slip-sign">
            <div className="wo-slip-sign-box" />
            <div>{t('print.techSign')}</div>
          </div>
          <div className="wo-slip-sign">
            <div className="wo-slip-sign-box" />
            <div>{t('print.ownerSign')}</div>
          </div>
        </div>
        <footer className="wo-slip-foot">{t('print.footer')}</footer>
      </article>
    </div>
  );
}
