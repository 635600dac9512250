import { Link } from 'react-router';
import { Button, Flex, Skeleton, Typography } from 'antd';
import { RightOutlined } from '@ant-design/icons';
import { useDutyPosts, useMyRound } from '../../api/security';
import { RoundProgress, RoundStateTag } from './round-parts';
import { useSecurityI18n } from './use-security-i18n';

/*
 * Compact sections of the guard post screen (registered in src/web/pages/gate/post-cards.tsx,
 * which gives them their card and title): each shows the state at a glance and opens its page.
 */

/** The guard's patrol round: route, state, progress and the next checkpoint. */
export function PatrolRoundCard() {
  const { t, time } = useSecurityI18n();
  const { data: round, isPending } = useMyRound(null);
  const next = round?.visits.find((v) => v.status === 'pending');
  return (
    <Skeleton loading={isPending} active>
      <Flex vertical gap={6} data-testid="card-patrol-round">
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
    </Skeleton>
  );
}

/** The guard's post and any handover waiting for them. */
export function HandoverCard() {
  const { t, dateTime } = useSecurityI18n();
  const { data, isPending } = useDutyPosts();
  const mine = data?.items.find((p) => p.onDutyIsMe);
  const waiting = data?.items.find((p) => p.openHandover?.allowedActions.includes('takeOver'));
  return (
    <Skeleton loading={isPending} active>
      <Flex vertical gap={6} data-testid="card-handover">
        <Typography.Text>{mine ? t('card.myPost', { post: mine.name }) : t('card.noPost')}</Typography.Text>
        {mine?.onDutySince ? <Typography.Text type="secondary">{t('post.onDuty', { name: mine.onDutyName ?? '', since: dateTime(mine.onDutySince) })}</Typography.Text> : null}
        {waiting ? <Typography.Text type="warning">{t('card.waitingForMe', { post: waiting.name })}</Typography.Text> : null}
        <Link to="/handover">
          <Button block size="large">
            {t('card.openHandover')} <RightOutlined />
          </Button>
        </Link>
      </Flex>
    </Skeleton>
  );
}
