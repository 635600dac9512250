import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { App, Button, Drawer, Flex, Form, Input, InputNumber, Select } from 'antd';
import { POST_KINDS, type PostInput } from '../../../common/shifts';
import { usePostActions, type DutyPost } from '../../api/security';
import { useSession } from '../../components/session';
import { useMediaQuery } from '../../components/use-media-query';
import { showFieldErrors } from '../../shared/field-errors';
import type { SecurityMessageKey } from '../patrol/security-messages';
import { useSecurityI18n } from '../patrol/use-security-i18n';

type Values = PostInput;

/**
 * Sets up a duty post (community, name, kind, the checklist counted at every handover) or, given
 * `post`, renames it and changes its checklist; for the project manager and company admin.
 */
export function PostForm({ post, onClose }: { post?: DutyPost; onClose: () => void }) {
  const { t } = useSecurityI18n();
  const { message } = App.useApp();
  const me = useSession();
  const isPhone = useMediaQuery('(max-width: 575px)');
  const [form] = Form.useForm<Values>();
  const { savePost } = usePostActions();
  const required = { required: true, whitespace: true, message: t('setup.required') };
  const submit = (body: Values) =>
    savePost.mutate(
      { id: post?.id, body },
      {
        onSuccess: (p) => (message.success(t(post ? 'setup.postSaved' : 'setup.postCreated', { name: p.name })), onClose()),
        onError: (e) => void (showFieldErrors(form, e) || message.error(e.message)),
      },
    );
  const initial: Partial<Values> = post
    ? { communityId: post.communityId, name: post.name, kind: post.kind, checklist: post.checklist.map((c) => ({ name: c.name, expected: c.expected })) }
    : { communityId: me.communities[0]?.id, kind: 'gate', checklist: [{ name: '', expected: 1 }] };
  return (
    <Drawer open onClose={onClose} size={isPhone ? '100%' : 480} title={post ? t('setup.editPost', { name: post.name }) : t('setup.newPost')} destroyOnHidden>
      <Form<Values> form={form} layout="vertical" onFinish={submit} initialValues={initial} data-testid="post-form">
        <Form.Item name="communityId" label={t('common.community')} rules={[{ required: true, message: t('setup.required') }]} hidden={Boolean(post) || me.communities.length < 2}>
          <Select options={me.communities.map((c) => ({ value: c.id, label: c.name }))} />
        </Form.Item>
        <Form.Item name="name" label={t('setup.postName')} rules={[required, { max: 40 }]}>
          <Input placeholder={t('setup.postNameHint')} data-testid="post-name" />
        </Form.Item>
        <Form.Item name="kind" label={t('setup.postKind')} rules={[{ required: true, message: t('setup.required') }]} extra={post ? t('setup.kindFixed') : undefined}>
          <Select disabled={Boolean(post)} options={POST_KINDS.map((k) => ({ value: k, label: t(`post.kind.${k}` as SecurityMessageKey) }))} />
        </Form.Item>
        <Form.List name="checklist" rules={[{ validator: async (_, rows: unknown[]) => (rows?.length ? undefined : Promise.reject(new Error(t('setup.noItems')))) }]}>
          {(fields, { add, remove }, { errors }) => (
            <Flex vertical gap={8}>
              {fields.map((f, i) => (
                <Flex key={f.key} gap={8} align="start">
                  <Form.Item name={[f.name, 'name']} label={i === 0 ? t('setup.item') : undefined} rules={[required, { max: 30 }]} style={{ flex: 1, marginBottom: 0 }}>
                    <Input placeholder={t('setup.itemHint')} aria-label={t('setup.item')} />
                  </Form.Item>
                  <Form.Item name={[f.name, 'expected']} label={i === 0 ? t('setup.expected') : undefined} rules={[{ required: true, message: t('setup.required') }]} style={{ width: 100, marginBottom: 0 }}>
                    <InputNumber min={0} max={100000} precision={0} style={{ width: '100%' }} aria-label={t('setup.expected')} />
                  </Form.Item>
                  <Button type="text" danger icon={<DeleteOutlined />} disabled={fields.length === 1} onClick={() => remove(i)} aria-label={t('setup.remove')} style={{ marginTop: i === 0 ? 30 : 0 }} />
                </Flex>
              ))}
              <Form.ErrorList errors={errors} />
              <Button type="dashed" icon={<PlusOutlined />} disabled={fields.length >= 30} onClick={() => add({ name: '', expected: 1 })}>
                {t('setup.addItem')}
              </Button>
            </Flex>
          )}
        </Form.List>
        <Flex gap={8} justify="end" style={{ marginTop: 16 }}>
          <Button onClick={onClose}>{t('common.cancel')}</Button>
          <Button type="primary" htmlType="submit" loading={savePost.isPending} data-testid="post-submit">
            {t('common.save')}
          </Button>
        </Flex>
      </Form>
    </Drawer>
  );
}
