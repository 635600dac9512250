import { useEffect, useState } from 'react';
import { Link, useParams } from 'react-router';
import { Button, Flex, Result, Segmented, Spin } from 'antd';
import { ArrowLeftOutlined, PrinterOutlined } from '@ant-design/icons';
import { useFeeActions, usePayment } from '../../api/fees';
import { useDocumentTitle } from '../../shared/use-document-title';
import { useFeatureI18n } from '../../shared/use-feature-i18n';
import { FEE_MESSAGES, yuan, type FeeMessageKey } from './fee-messages';
import './receipt.css';

type Paper = 'A5' | '80mm';

function useQrCode(text: string | null): string | null {
  const [url, setUrl] = useState<string | null>(null);
  useEffect(() => {
    if (!text) return;
    let live = true;
    void import('qrcode').then(({ default: QRCode }) =>
      QRCode.toDataURL(text, { margin: 1, width: 200, errorCorrectionLevel: 'M' }).then((data) => {
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
 * 收款收据: printable at A5 or on an 80 mm thermal roll. Every print is recorded; every print
 * after the first says 副本 (copy). The QR code opens the public verification page (/r/{code}).
 */
export function ReceiptPage() {
  const { id } = useParams();
  const { t } = useFeatureI18n(FEE_MESSAGES);
  const { data: p, error, isPending } = usePayment(id);
  const { print } = useFeeActions();
  const [paper, setPaper] = useState<Paper>('A5');
  const [printCount, setPrintCount] = useState<number | null>(null);
  const qr = useQrCode(p ? `${window.location.origin}/r/${p.verifyCode}` : null);
  useDocumentTitle(p ? `${t('receipt.heading')} ${p.receiptNo}` : t('receipt.heading'));
  // Each print is recorded first; the page then shows what the paper says (副本 after the first).
  const doPrint = () =>
    print.mutate(p!.id, {
      onSuccess: (r) => {
        setPrintCount(r.printCount);
        window.setTimeout(() => window.print(), 200);
      },
    });

  if (isPending) return <Spin size="large" />;
  if (!p) return <Result status="warning" title={error?.message} />;
  const copy = printCount !== null ? printCount > 1 : p.printCount >= 1;
  return (
    <Flex vertical gap={16} align="center">
      <Flex gap={12} className="no-print" style={{ alignSelf: 'stretch' }}>
        <Link to="/fees">
          <Button icon={<ArrowLeftOutlined />}>{t('receipt.back')}</Button>
        </Link>
        <Segmented<Paper> value={paper} onChange={setPaper} options={['A5', '80mm']} data-testid="receipt-paper" />
        <Button type="primary" icon={<PrinterOutlined />} onClick={doPrint} loading={print.isPending} data-testid="receipt-print">
          {t('receipt.printButton')}
        </Button>
      </Flex>
      <div className={`fee-receipt fee-receipt-${paper === 'A5' ? 'a5' : 'thermal'}`} data-testid="receipt">
        <h2>
          {t('receipt.heading')}
          {copy ? <span className="fee-receipt-copy" data-testid="receipt-copy">（{t('receipt.copy')}）</span> : null}
        </h2>
        <div className="fee-receipt-no">{p.receiptNo}</div>
        {p.status === 'void' ? <div className="fee-receipt-void" data-testid="receipt-void">{t('receipt.voided', { reason: p.voidReason ?? '' })}</div> : null}
        <table>
          <tbody>
            <tr><th>{t('receipt.unit')}</th><td>{p.accountLabel}</td></tr>
            {p.payerName ? <tr><th>{t('receipt.payer')}</th><td>{p.payerName}</td></tr> : null}
            <tr><th>{t('receipt.paidAt')}</th><td>{new Date(p.paidAt).toLocaleString()}</td></tr>
            <tr><th>{t('receipt.cashier')}</th><td>{p.cashierName}</td></tr>
          </tbody>
        </table>
        <h3>{t('receipt.settled')}</h3>
        <table>
          <tbody>
            {p.allocations.map((a) => (
              <tr key={a.chargeId}><th>{a.itemName ?? ''} {a.periodStart ? `${a.periodStart}~${a.periodEnd ?? ''}` : ''}</th><td className="num">{yuan(a.amountFen)}</td></tr>
            ))}
            {p.prepaymentFen ? <tr><th>{t('receipt.prepaid')}</th><td className="num">{yuan(p.prepaymentFen)}</td></tr> : null}
          </tbody>
        </table>
        <h3>{t('receipt.lines')}</h3>
        <table>
          <tbody>
            {p.lines.map((l, i) => (
              <tr key={i}>
                <th>{t(`method.${l.method}` as FeeMessageKey)} {l.reference ?? ''}{l.tenderedFen && l.changeFen ? ` · ${t('receipt.tendered', { amount: yuan(l.tenderedFen) })} · ${t('pay.change', { amount: yuan(l.changeFen) })}` : ''}</th>
                <td className="num">{yuan(l.amountFen)}</td>
              </tr>
            ))}
            <tr className="total"><th>{t('receipt.total')}</th><td className="num">{yuan(p.totalFen)}</td></tr>
          </tbody>
        </table>
        {qr ? (
          <div className="fee-receipt-qr">
            <img src={qr} alt="" />
            <div>{t('receipt.verify')}</div>
          </div>
        ) : null}
      </div>
    </Flex>
  );
}
