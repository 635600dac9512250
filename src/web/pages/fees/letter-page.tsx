import { Link, useParams } from 'react-router';
import { Button, Flex, Result, Spin } from 'antd';
import { ArrowLeftOutlined, PrinterOutlined } from '@ant-design/icons';
import { useArrearsLetter } from '../../api/fee-owner';
import { useDocumentTitle } from '../../shared/use-document-title';
import { useFeatureI18n } from '../../shared/use-feature-i18n';
import { yuan } from './fee-messages';
import { FEE_OWNER_MESSAGES } from './owner-messages';
import './receipt.css';

/** A printable reminder letter of an account's overdue charges, with how to pay. A letter, nothing more. */
export function LetterPage() {
  const { accountId } = useParams();
  const { t } = useFeatureI18n(FEE_OWNER_MESSAGES);
  const { data: l, error, isPending } = useArrearsLetter(accountId);
  useDocumentTitle(t('letter.title'));
  if (isPending) return <Spin />;
  if (error || !l) return <Result status="404" title={error?.message} />;
  const p = l.payInfo;
  return (
    <Flex vertical gap={16}>
      <Flex gap={12} className="no-print">
        <Link to="/fees">
          <ArrowLeftOutlined /> {t('disc.back')}
        </Link>
        <Button type="primary" icon={<PrinterOutlined />} onClick={() => window.print()} data-testid="letter-print">
          {t('letter.print')}
        </Button>
      </Flex>
      <div className="fee-receipt fee-disclosure-sheet" data-testid="letter">
        <h2>{t('letter.title')}</h2>
        <p>{t('letter.dear', { unit: `${l.communityName} ${l.label}` })}</p>
        <p>{t('letter.body', { date: l.date, amount: yuan(l.arrearsFen) })}</p>
        <table>
          <thead>
            <tr>
              <th>{t('letter.item')}</th>
              <td>{t('letter.period')}</td>
              <td>{t('letter.dueOn')}</td>
              <td>{t('letter.open')}</td>
            </tr>
          </thead>
          <tbody>
            {l.lines.map((line, i) => (
              <tr key={i}>
                <th>{line.itemName ?? line.kind}</th>
                <td>{line.periodStart ? `${line.periodStart} ~ ${line.periodEnd ?? ''}` : ''}</td>
                <td>{line.dueOn}</td>
                <td>{yuan(line.openFen)}</td>
              </tr>
            ))}
            <tr className="total">
              <th>{t('letter.total')}</th>
              <td />
              <td />
              <td>{yuan(l.arrearsFen)}</td>
            </tr>
          </tbody>
        </table>
        <h3>{t('letter.howToPay')}</h3>
        {p.accountNo ? (
          <p>
            {p.bankName} {p.accountName} {p.accountNo}
            {p.referenceHint ? `（${p.referenceHint}）` : ''}
          </p>
        ) : null}
        <p>{p.payNote || t('letter.desk')}</p>
        <p className="fee-disclosure-foot">
          {t('letter.sign', { community: l.communityName })}
          <br />
          {l.date}
        </p>
      </div>
    </Flex>
  );
}
