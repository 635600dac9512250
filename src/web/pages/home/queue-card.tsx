import { InboxOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Alert, Card, Col, Row, Skeleton, Space, Typography, theme } from 'antd';
import { Link } from 'react-router';
import type { WorkQueueCounts } from '../../../common/work-queues';
import { apiRequest } from '../../api/client';
import { useI18n } from '../../i18n/i18n-context';
import { ALARM_QUEUES, QUEUE_TEXTS } from './queue-texts';

const TITLE = { 'zh-CN': '待办', 'en-US': 'Waiting for you' } as const;
const FAILED = { 'zh-CN': '待办数量加载失败，请稍后刷新', 'en-US': 'The counts could not be loaded; refresh later' } as const;

/** The caller's work queues from the API, each count a link to the order list with that queue. */
export function useWorkQueues() {
  return useQuery({
    // Under 'work-orders', so every step taken anywhere refreshes the counts.
    queryKey: ['work-orders', 'queues'],
    queryFn: ({ signal }) => apiRequest<WorkQueueCounts>('/api/v1/work-orders/queues', { signal }),
    staleTime: 30_000,
    refetchInterval: 60_000,
  });
}

/** Tiles of the caller's queues: name, count (red when an alarm queue holds any), what it means. */
export function QueueCard({ queues }: { queues: ReturnType<typeof useWorkQueues> }) {
  const { locale } = useI18n();
  const { token } = theme.useToken();
  const texts = QUEUE_TEXTS[locale];
  return (
    <Card title={<Space><InboxOutlined />{TITLE[locale]}</Space>} data-testid="home-queues">
      {queues.isPending ? (
        <Skeleton active paragraph={{ rows: 2 }} />
      ) : queues.isError ? (
        <Alert type="error" showIcon title={FAILED[locale]} />
      ) : (
        <Row gutter={[12, 12]}>
          {queues.data.queues.map(({ queue, count }) => {
            const alarm = ALARM_QUEUES.has(queue) && count > 0;
            return (
              <Col key={queue} xs={12} md={8} xl={6}>
                <Link
                  to={`/work-orders?queue=${queue}`}
                  data-testid={`queue-${queue}`}
                  aria-label={`${texts[queue].name} ${count}`}
                  style={{
                    display: 'block',
                    height: '100%',
                    padding: '12px 14px',
                    borderRadius: token.borderRadiusLG,
                    border: `1px solid ${alarm ? token.colorErrorBorder : token.colorBorderSecondary}`,
                    background: alarm ? token.colorErrorBg : token.colorFillQuaternary,
                    color: token.colorText,
                  }}
                >
                  <Typography.Text type="secondary" style={{ fontSize: 14 }}>{texts[queue].name}</Typography.Text>
                  <div style={{ fontSize: 30, fontWeight: 600, lineHeight: 1.3, color: alarm ? token.colorError : token.colorText }}>{count}</div>
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>{texts[queue].hint}</Typography.Text>
                </Link>
              </Col>
            );
          })}
        </Row>
      )}
    </Card>
  );
}
