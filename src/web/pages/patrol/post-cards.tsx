import { Link } from 'react-router';
import { Button, Card, Flex, Typography } from 'antd';
import { RightOutlined } from '@ant-design/icons';
import { useDutyPosts, useMyRound } from '../../api/security';
import { RoundProgress, RoundStateTag } from './round-parts';
import { useSecurityI18n } from './use-security-i18n';

/*
 * Compact cards for the guard post screen (src/web/pages/gate/post-cards.ts registers them):
 * each shows the state at a glance and opens its full page.
 */

/** The guard's patrol round: route, state, progress and the next checkpoint. */
export function PatrolRoundCard() {
  const { t, time } = useSecurityI18n();
  const { data: round, isPending } = useMyRound(null);
  const next = round?.visits.find((v) => v.status === 'pending');
  return (
    <Card size="small" title={t('card.round')} loading={isPending} data-testid="card-patrol-round">
      <Flex vertical gap={6}>
        {round ? (
          <>
            <Flex justify="space-between" align="center" gap={8}>
              <Typography.Text strong>
                {round.routeName} {time(round.startsAt)}
              </Typography.Text>
              <RoundStateTag round={round} />
            </Flex>
            <RoundProgress round={round} />
            {next ? (
              <Typography.Text>
                {t('round.next')}：{next.name}（{time(next.expectedAt)}）
              </Typography.Text>
            ) : null}
          </>
        ) : (
          <Typography.Text type="secondary">{t('round.none')}</Typography.Text>
        )}
        <Link to="/patrol">
          <Button block size="large">
            {t('card.openRound')} <RightOutlined />
          </Button>
        </Link>
      </Flex>
    </Card>
  );
}

/** The guard's post and any handover waiting for them. */
export function HandoverCard() {
  const { t, dateTime } = useSecurityI18n();
  const { data, isPending } = useDutyPosts();
  const mine = data?.items.find((p) => p.onDutyIsMe);
  const waiting = data?.items.find((p) => p.openHandover?.allowedActions.includes('takeOver'));
  return (
    <Card size="small" title={t('card.handover')} loading={isPending} data-testid="card-handover">
      <Flex vertical gap={6}>
        <Typography.Text>{mine ? t('card.myPost', { post: mine.name }) : t('card.noPost')}</Typography.Text>
        {mine?.onDutySince ? <Typography.Text type="secondary">{t('post.onDuty', { name: mine.onDutyName ?? '', since: dateTime(mine.onDutySince) })}</Typography.Text> : null}
        {waiting ? <Typography.Text type="warning">{t('card.waitingForMe', { post: waiting.name })}</Typography.Text> : null}
        <Link to="/handover">
          <Button block size="large">
            {t('card.openHandover')} <RightOutlined />
          </Button>
        </Link>
      </Flex>
    </Card>
  );
}
