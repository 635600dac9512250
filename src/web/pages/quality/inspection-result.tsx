import { Link } from 'react-router';
import { Card, Flex, List, Progress, Space, Tag, Timeline, Typography } from 'antd';
import type { InspectionTemplate } from '../../../common/quality/template';
import type { InspectionDetail } from '../../api/quality';
import { shortDateTime, useQualityI18n } from './use-quality-i18n';

const scoreColor = (s: number | null) => (s === null ? undefined : s >= 90 ? '#52c41a' : s >= 75 ? '#faad14' : '#ff4d4f');

/**
 * A submitted inspection: its score (as re-inspections left it) and each category's, its
 * rectifications with their state, and its history (submitted, each re-scoring).
 */
export function InspectionResult({ detail }: { detail: InspectionDetail }) {
  const { t, tl } = useQualityI18n();
  const template = detail.template as unknown as InspectionTemplate;
  return (
    <Space orientation="vertical" size={12} style={{ width: '100%' }} data-testid="inspection-result">
      <Card size="small">
        <Flex align="center" gap={16}>
          <Progress type="circle" size={72} percent={detail.score ?? 0} strokeColor={scoreColor(detail.score)} format={() => (detail.score === null ? '—' : String(detail.score))} />
          <Flex vertical>
            <Typography.Text strong data-testid="inspection-score">
              {t('inspect.result', { score: detail.score ?? '—' })}
            </Typography.Text>
            <Typography.Text type="secondary">
              {tl(detail.templateName)} · {detail.place} · {detail.number}
            </Typography.Text>
          </Flex>
        </Flex>
        <Flex vertical gap={4} style={{ marginTop: 12 }}>
          {template.categories.map((c) => {
            const s = detail.categoryScores[c.key];
            return s === undefined ? null : (
              <Flex key={c.key} justify="space-between" gap={8}>
                <span>{tl(c.name)}</span>
                <span style={{ color: scoreColor(s) }}>{s === null ? '—' : s}</span>
              </Flex>
            );
          })}
        </Flex>
      </Card>
      {detail.rectifications.length ? (
        <Card size="small" title={t('inspect.rectifications')}>
          <List
            dataSource={detail.rectifications}
            renderItem={(r) => (
              <List.Item>
                <Link to={`/quality/rectifications/${r.id}`} style={{ width: '100%' }}>
                  <Flex justify="space-between" gap={8}>
                    <span>{tl(r.itemText)}</span>
                    <Tag color={r.stateType === 'closed' ? 'success' : r.stateType === 'waiting' ? 'processing' : 'warning'}>{tl(r.stateName)}</Tag>
                  </Flex>
                </Link>
              </List.Item>
            )}
          />
        </Card>
      ) : null}
      <Card size="small" title={t('inspect.history')}>
        <Timeline
          items={detail.timeline.map((e) => ({
            key: e.id,
            content: (
              <Flex vertical>
                <span>
                  {e.action === 'rescored'
                    ? t('inspect.rescored', { from: String(e.data.from ?? '—'), to: String(e.data.to ?? '—') })
                    : e.action === 'created'
                      ? t('inspect.created')
                      : tl(e.actionName) || e.action}
                </span>
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {shortDateTime(e.at)} {e.actor?.name ?? ''}
                </Typography.Text>
              </Flex>
            ),
          }))}
        />
      </Card>
    </Space>
  );
}
