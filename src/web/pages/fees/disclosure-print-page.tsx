import { Link, useParams } from 'react-router';
import { Button, Flex, Result, Spin } from 'antd';
import { ArrowLeftOutlined, PrinterOutlined } from '@ant-design/icons';
import { useDisclosure } from '../../api/fee-owner';
import { useDocumentTitle } from '../../shared/use-document-title';
import { useFeatureI18n } from '../../shared/use-feature-i18n';
import { yuan } from './fee-messages';
import { FEE_OWNER_MESSAGES, type FeeOwnerMessageKey } from './owner-messages';
import './receipt.css';

const rate = (r: number | null) => (r === null ? '—' : `${(r * 100).toFixed(1)}%`);

/** A disclosure version laid out for the notice board (A4), as published. */
export function DisclosurePrintPage() {
  const { id } = useParams();
  const { t } = useFeatureI18n(FEE_OWNER_MESSAGES);
  const { data: d, error, isPending } = useDisclosure(id);
  useDocumentTitle(t('tab.disclosure'));
  if (isPending) return <Spin />;
  if (error || !d) return <Result status="404" title={error?.message} />;
  const f = d.figures;
  const label = (l: (typeof d.lines)[number]) => l.label || t(`cat.${l.category}` as FeeOwnerMessageKey);
  return (
    <Flex vertical gap={16}>
      <Flex gap={12} className="no-print">
        <Link to="/fees">
          <ArrowLeftOutlined /> {t('disc.back')}
        </Link>
        <Button type="primary" icon={<PrinterOutlined />} onClick={() => window.print()} data-testid="disclosure-print">
          {t('disc.print')}
        </Button>
      </Flex>
      <div className="fee-receipt fee-disclosure-sheet" data-testid="disclosure-sheet">
        <h2>{t('disc.sheetTitle', { community: d.communityName, period: `${d.period} ${t(`disc.kind.${d.periodKind}` as FeeOwnerMessageKey)}` })}</h2>
        <div className="fee-receipt-no">
          {d.periodStart} – {d.periodEnd}
        </div>
        {d.correctionReason ? <div className="fee-receipt-void">{t('disc.correction', { reason: d.correctionReason })}</div> : null}
        <h3>{t('disc.sheetIncome')}</h3>
        <table>
          <thead>
            <tr>
              <th>{t('disc.item')}</th>
              <td>{t('disc.billed')}</td>
              <td>{t('disc.collected')}</td>
            </tr>
          </thead>
          <tbody>
            {f.byItem.map((i) => (
              <tr key={i.itemId ?? 'other'}>
                <th>{i.itemName || t('cat.other')}</th>
                <td>{yuan(i.billedFen)}</td>
                <td>{yuan(i.collectedFen)}</td>
              </tr>
            ))}
            <tr className="total">
              <th>{t('disc.total')}</th>
              <td>{yuan(f.billedFen)}</td>
              <td>{yuan(f.collectedFen)}</td>
            </tr>
          </tbody>
        </table>
        <p>
          {t('disc.rate')} {rate(f.collectionRate)} · {t('disc.households')} {f.households.billed} / {f.households.paidInFull} · {t('disc.received')} {yuan(f.receivedFen)}（{t('disc.recovered')} {yuan(f.arrearsRecoveredFen)}）
        </p>
        <h3>{t('disc.sheetSpending')}</h3>
        <table>
          <tbody>
            {d.lines.filter((l) => l.kind === 'spending').map((l, i) => (
              <tr key={i}>
                <th>{label(l)}</th>
                <td>{yuan(l.amountFen)}</td>
              </tr>
            ))}
            <tr className="total">
              <th>{t('disc.total')}</th>
              <td>{yuan(d.spendingFen)}</td>
            </tr>
          </tbody>
        </table>
        <h3>{t('disc.sheetShared')}</h3>
        <table>
          <tbody>
            {d.lines.filter((l) => l.kind !== 'spending').map((l, i) => (
              <tr key={i}>
                <th>
                  {label(l)}（{t(l.kind === 'shared_income' ? 'disc.sharedIncome' : 'disc.sharedCost')}）
                </th>
                <td>{l.kind === 'shared_cost' ? `-${yuan(l.amountFen)}` : yuan(l.amountFen)}</td>
              </tr>
            ))}
            <tr className="total">
              <th>{t('disc.sharedNet')}</th>
              <td>{yuan(d.sharedNetFen)}</td>
            </tr>
          </tbody>
        </table>
        {d.note ? <p>{d.note}</p> : null}
        <p className="fee-disclosure-foot">{t('disc.footer', { version: d.version, date: d.publishedOn })}</p>
      </div>
    </Flex>
  );
}
