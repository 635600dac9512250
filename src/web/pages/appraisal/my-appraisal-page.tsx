import { useState } from 'react';
import { Alert, Card, DatePicker, Empty, Flex, List, Progress, Spin, Tag, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useMyAppraisal } from '../../api/appraisal';
import { useI18n } from '../../i18n/i18n-context';
import { useDocumentTitle } from '../../shared/use-document-title';
import { useAppraisalI18n } from './appraisal-page';

/** 我的考核: the staff member's own month on the phone: the score, its four parts and what they came from. */
export function MyAppraisalPage() {
  const { t, tl } = useAppraisalI18n();
  const shell = useI18n();
  useDocumentTitle(shell.t('nav.myAppraisal'));
  const [month, setMonth] = useState<Dayjs>(dayjs());
  const q = useMyAppraisal(month.format('YYYY-MM'));
  const e = q.data;
  const parts = e
    ? ([
        ['col.inspection', e.row.parts.inspection, e.row.weights.inspection],
        ['col.sla', e.row.parts.sla, e.row.weights.sla],
        ['col.rating', e.row.parts.rating, e.row.weights.rating],
        ['col.complaints', e.row.parts.complaints, e.row.weights.complaints],
      ] as const)
    : [];
  return (
    <Flex vertical gap={12} style={{ maxWidth: 520, margin: '0 auto' }} data-testid="my-appraisal">
      <Flex justify="space-between" align="center">
        <Typography.Title level={3} style={{ margin: 0 }}>
          {t('mine.title')}
        </Typography.Title>
        <DatePicker picker="month" allowClear={false} value={month} onChange={(v) => v && setMonth(v)} size="large" aria-label={t('month')} />
      </Flex>
      {q.error ? <Alert type="error" title={t('loadFailed', { message: q.error.message })} /> : null}
      {q.isPending ? <Spin /> : null}
      {e ? (
        <>
          <Card>
            <Flex align="center" gap={16}>
              <Progress type="circle" size={96} percent={e.row.final ?? 0} format={() => (e.row.final === null ? '—' : String(e.row.final))} />
              <Flex vertical>
                <Typography.Text type="secondary">{t('mine.total')}</Typography.Text>
                {e.row.final === null ? <Typography.Text>{t('mine.none')}</Typography.Text> : null}
                {e.row.incentivePoints ? <Tag color={e.row.incentivePoints > 0 ? 'green' : 'red'}>{t('col.incentive')} {e.row.incentivePoints > 0 ? `+${e.row.incentivePoints}` : e.row.incentivePoints}</Tag> : null}
              </Flex>
            </Flex>
          </Card>
          <Card size="small">
            {parts.map(([label, value, weight]) => (
              <Flex key={label} justify="space-between" style={{ padding: '8px 0' }}>
                <span>
                  {t(label)} <Typography.Text type="secondary">×{weight}%</Typography.Text>
                </span>
                {value === null ? <Typography.Text type="secondary">{t('noData')}</Typography.Text> : <Typography.Text strong>{value}</Typography.Text>}
              </Flex>
            ))}
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {t('partHint')}
            </Typography.Text>
          </Card>
          {e.inspections.length ? <List size="small" header={t('evidence.inspections', { n: e.inspections.length })} bordered dataSource={e.inspections} renderItem={(i) => <List.Item>{i.place} · {t('score', { n: i.score })} <Typography.Text type="secondary">{dayjs(i.at).format('MM-DD')}</Typography.Text></List.Item>} /> : null}
          {e.complaints.length ? <List size="small" header={t('evidence.complaints', { n: e.complaints.length })} bordered dataSource={e.complaints} renderItem={(c) => <List.Item>{c.number} <Typography.Text type="secondary">{dayjs(c.at).format('MM-DD')}</Typography.Text></List.Item>} /> : null}
          {e.limits.length ? <List size="small" header={t('evidence.limits', { met: e.row.counts.limitsMet, late: e.row.counts.limitsLate })} bordered dataSource={e.limits} renderItem={(l) => <List.Item>{l.number} {tl(l.limitName)} <Tag color={l.met ? 'green' : 'red'}>{l.met ? t('met') : t('late')}</Tag></List.Item>} /> : null}
          {e.incentives.length ? <List size="small" header={t('evidence.incentives', { n: e.incentives.length })} bordered dataSource={e.incentives} renderItem={(x) => <List.Item><Tag color={x.kind === 'reward' ? 'green' : 'red'}>{t(`kind.${x.kind}`)}</Tag>{x.reason}</List.Item>} /> : null}
          {!e.inspections.length && !e.complaints.length && !e.limits.length && !e.incentives.length ? <Empty description={t('mine.none')} /> : null}
        </>
      ) : null}
    </Flex>
  );
}
