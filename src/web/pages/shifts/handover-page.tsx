import { useState } from 'react';
import { Alert, App, Button, Card, Empty, Flex, Modal, Space, Spin, Tag, Typography } from 'antd';
import { EditOutlined, HistoryOutlined, PlusOutlined, UserOutlined } from '@ant-design/icons';
import { useDutyPost, useDutyPosts, usePostActions, type DutyPost } from '../../api/security';
import { useSession } from '../../components/session';
import { useDocumentTitle } from '../../shared/use-document-title';
import type { SecurityMessageKey } from '../patrol/security-messages';
import { useSecurityI18n } from '../patrol/use-security-i18n';
import { HandoverCloses } from '../fees/handover-closes';
import { HandoverForm } from './handover-form';
import { PostForm } from './post-form';

function History({ postId, onClose }: { postId: string; onClose: () => void }) {
  const { t, dateTime } = useSecurityI18n();
  const { data, isPending, error } = useDutyPost(postId);
  return (
    <Modal open title={data ? `${t('post.history')} · ${data.name}` : t('post.history')} onCancel={onClose} footer={null} width={data?.kind === 'fee' ? 760 : 560} destroyOnHidden>
      {error ? <Alert type="error" title={error.message} /> : null}
      {isPending ? <Spin /> : null}
      {data ? (
        <Flex vertical data-testid="handover-history">
          {data.history.length === 0 ? <Empty description={t('handover.noHistory')} /> : null}
          {data.history.map((h) => (
            <Flex key={h.id} style={{ padding: '10px 0', borderBottom: '1px solid #f0f0f0' }}>
              <Flex vertical gap={2} style={{ width: '100%' }}>
                <Flex justify="space-between" wrap gap={8}>
                  <Typography.Text strong>{h.incomingName ? t('handover.row', { from: h.outgoingName, to: h.incomingName }) : t('handover.pendingRow', { from: h.outgoingName })}</Typography.Text>
                  <Typography.Text type="secondary">{dateTime(h.takenAt ?? h.handedAt)}</Typography.Text>
                </Flex>
                {h.openMatters ? <Typography.Text>{t('handover.matters', { text: h.openMatters })}</Typography.Text> : null}
                {h.outgoingCounts
                  .filter((c) => c.note)
                  .map((c) => (
                    <Typography.Text key={`out-${c.key}`} type="warning">
                      {t('handover.short', { name: c.name, expected: c.expected, out: c.count, note: c.note ?? '' })}
                    </Typography.Text>
                  ))}
                {(h.incomingCounts ?? [])
                  .filter((c) => c.note)
                  .map((c) => (
                    <Typography.Text key={`in-${c.key}`} type="warning">
                      {t('handover.diff', { name: c.name, out: h.outgoingCounts.find((o) => o.key === c.key)?.count ?? c.expected, in: c.count, note: c.note ?? '' })}
                    </Typography.Text>
                  ))}
                <HandoverCloses included={h.included} />
              </Flex>
            </Flex>
          ))}
        </Flex>
      ) : null}
    </Modal>
  );
}

type Side = 'out' | 'in' | 'history' | 'edit';

export function PostCard({ post, onOpen }: { post: DutyPost; onOpen: (side: Side) => void }) {
  const { t, dateTime } = useSecurityI18n();
  const { message } = App.useApp();
  const { startDuty } = usePostActions();
  const waiting = post.openHandover;
  return (
    <Card styles={{ body: { padding: 14 } }} data-testid={`post-${post.name}`}>
      <Flex vertical gap={8}>
        <Flex justify="space-between" align="center" gap={8}>
          <Typography.Text strong style={{ fontSize: 18 }}>
            {post.name}
          </Typography.Text>
          <Flex gap={4}>
            {post.onDutyIsMe ? <Tag color="blue">{t('post.me')}</Tag> : null}
            <Tag>{t(`post.kind.${post.kind}` as SecurityMessageKey)}</Tag>
          </Flex>
        </Flex>
        <Typography.Text data-testid="post-on-duty">
          <UserOutlined /> {post.onDutyName ? t('post.onDuty', { name: post.onDutyName, since: dateTime(post.onDutySince) }) : t('post.vacant')}
        </Typography.Text>
        {waiting ? <Alert type="warning" showIcon title={t('post.waiting', { name: waiting.outgoingName, at: dateTime(waiting.handedAt) })} /> : null}
        <Flex gap={8} wrap>
          {post.allowedActions.includes('startDuty') ? (
            <Button size="large" type="primary" loading={startDuty.isPending} onClick={() => startDuty.mutate(post.id, { onSuccess: () => message.success(t('post.started', { name: post.name })), onError: (e) => message.error(e.message) })} data-testid="post-start">
              {t('post.startDuty')}
            </Button>
          ) : null}
          {post.allowedActions.includes('handOver') ? (
            <Button size="large" type="primary" onClick={() => onOpen('out')} data-testid="post-hand-over">
              {t('post.handOver')}
            </Button>
          ) : null}
          {waiting?.allowedActions.includes('takeOver') ? (
            <Button size="large" type="primary" onClick={() => onOpen('in')} data-testid="post-take-over">
              {t('post.takeOver')}
            </Button>
          ) : null}
          <Button size="large" icon={<HistoryOutlined />} onClick={() => onOpen('history')} data-testid="post-history">
            {t('post.history')}
          </Button>
          {post.allowedActions.includes('configure') ? (
            <Button size="large" icon={<EditOutlined />} onClick={() => onOpen('edit')} data-testid="post-edit">
              {t('setup.editPostButton')}
            </Button>
          ) : null}
        </Flex>
      </Flex>
    </Card>
  );
}

/**
 * 交接班: the posts of the guard's community, who is on duty, and the handover of both sides
 * (count, open matters, signature) on a phone; the history of each post.
 */
export function HandoverPage() {
  const { t } = useSecurityI18n();
  useDocumentTitle(t('post.title'));
  const { data, isPending, error } = useDutyPosts();
  const me = useSession();
  const canSetUp = me.roles.some((r) => r === 'project_manager' || r === 'company_admin');
  const [open, setOpen] = useState<{ post: DutyPost; side: Side } | null>(null);
  const [creating, setCreating] = useState(false);
  const posts = [...(data?.items ?? [])].sort((a, b) => Number(b.onDutyIsMe || Boolean(b.openHandover?.allowedActions.length)) - Number(a.onDutyIsMe || Boolean(a.openHandover?.allowedActions.length)));
  return (
    <Space orientation="vertical" size={12} style={{ width: '100%', maxWidth: 640 }}>
      <Flex justify="space-between" align="center" gap={8} wrap>
        <Typography.Title level={3} style={{ margin: 0 }}>
          {t('post.title')}
        </Typography.Title>
        {canSetUp ? (
          <Button icon={<PlusOutlined />} onClick={() => setCreating(true)} data-testid="post-new">
            {t('setup.newPost')}
          </Button>
        ) : null}
      </Flex>
      {error ? <Alert type="error" title={t('common.loadFailed', { message: error.message })} /> : null}
      {isPending ? (
        <Flex justify="center" style={{ padding: 48 }}>
          <Spin size="large" />
        </Flex>
      ) : posts.length ? (
        posts.map((post) => <PostCard key={post.id} post={post} onOpen={(side) => setOpen({ post, side })} />)
      ) : (
        <Empty description={t('post.empty')} />
      )}
      {creating ? <PostForm onClose={() => setCreating(false)} /> : null}
      {open?.side === 'edit' ? <PostForm post={open.post} onClose={() => setOpen(null)} /> : null}
      {open && (open.side === 'out' || open.side === 'in') ? <HandoverForm post={open.post} side={open.side} onClose={() => setOpen(null)} /> : null}
      {open?.side === 'history' ? <History postId={open.post.id} onClose={() => setOpen(null)} /> : null}
    </Space>
  );
}
