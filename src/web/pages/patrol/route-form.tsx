import { ArrowDownOutlined, ArrowUpOutlined, DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { App, Button, Card, Flex, Form, Input, InputNumber, Select } from 'antd';
import { TAG_PATTERN, type RouteInput } from '../../../common/patrol';
import { usePatrolSetup } from '../../api/security';
import { useSession } from '../../components/session';
import { showFieldErrors } from '../../shared/field-errors';
import { useSecurityI18n } from './use-security-i18n';

interface Values {
  communityId: string;
  name: string;
  description?: string;
  checkpoints: { name: string; tagId: string; location?: string; offsetMinutes: number; toleranceMinutes: number }[];
}

const blank = (offsetMinutes: number) => ({ name: '', tagId: '', offsetMinutes, toleranceMinutes: 5 });

/** 新建巡更路线: the route's name and its checkpoints in walking order, each with its tag id and timing. */
export function RouteForm({ communityId, onDone }: { communityId: string | undefined; onDone: () => void }) {
  const { t } = useSecurityI18n();
  const { message } = App.useApp();
  const me = useSession();
  const [form] = Form.useForm<Values>();
  const { createRoute } = usePatrolSetup();
  const submit = (v: Values) => {
    const body: RouteInput = {
      ...v,
      description: v.description?.trim() || undefined,
      // An empty tag id is left out, so the API answers "required" under it rather than "invalid".
      checkpoints: v.checkpoints.map(({ tagId, location, ...c }) => ({ ...c, ...(tagId?.trim() ? { tagId } : {}), location: location?.trim() || undefined }) as RouteInput['checkpoints'][number]),
    };
    createRoute.mutate(body, {
      onSuccess: (r) => (message.success(t('setup.routeCreated', { name: r.name })), onDone()),
      onError: (e) => void (showFieldErrors(form, e) || message.error(e.message)),
    });
  };
  return (
    <Form<Values> form={form} layout="vertical" onFinish={submit} initialValues={{ communityId, checkpoints: [blank(0), blank(10)] }} data-testid="route-form">
      <Form.Item name="communityId" label={t('common.community')} rules={[{ required: true, message: t('setup.required') }]} hidden={me.communities.length < 2}>
        <Select options={me.communities.map((c) => ({ value: c.id, label: c.name }))} />
      </Form.Item>
      <Form.Item name="name" label={t('setup.routeName')} rules={[{ required: true, whitespace: true, message: t('setup.required') }, { max: 40 }]}>
        <Input placeholder={t('setup.routeNameHint')} data-testid="route-name" />
      </Form.Item>
      <Form.Item name="description" label={t('setup.description')} rules={[{ max: 500 }]}>
        <Input.TextArea autoSize={{ minRows: 1, maxRows: 4 }} />
      </Form.Item>
      <Form.List name="checkpoints" rules={[{ validator: async (_, rows: unknown[]) => (rows?.length ? undefined : Promise.reject(new Error(t('setup.noPoints')))) }]}>
        {(fields, { add, remove, move }, { errors }) => (
          <Flex vertical gap={8}>
            {fields.map((f, i) => (
              <Card
                key={f.key}
                size="small"
                title={t('setup.point', { n: i + 1 })}
                data-testid={`point-${i}`}
                extra={
                  <Flex gap={4}>
                    <Button type="text" icon={<ArrowUpOutlined />} disabled={i === 0} onClick={() => move(i, i - 1)} aria-label={t('setup.up')} />
                    <Button type="text" icon={<ArrowDownOutlined />} disabled={i === fields.length - 1} onClick={() => move(i, i + 1)} aria-label={t('setup.down')} />
                    <Button type="text" danger icon={<DeleteOutlined />} disabled={fields.length === 1} onClick={() => remove(i)} aria-label={t('setup.remove')} />
                  </Flex>
                }
              >
                <Flex gap={8} wrap>
                  <Form.Item name={[f.name, 'name']} label={t('setup.pointName')} rules={[{ required: true, whitespace: true, message: t('setup.required') }, { max: 40 }]} style={{ flex: '1 1 150px', marginBottom: 8 }}>
                    <Input data-testid={`point-${i}-name`} />
                  </Form.Item>
                  <Form.Item
                    name={[f.name, 'tagId']}
                    label={t('round.tagLabel')}
                    tooltip={t('setup.tagHint')}
                    required
                    rules={[{ pattern: TAG_PATTERN, message: t('setup.tagInvalid') }]}
                    style={{ flex: '1 1 150px', marginBottom: 8 }}
                  >
                    <Input style={{ fontFamily: 'monospace' }} data-testid={`point-${i}-tag`} />
                  </Form.Item>
                </Flex>
                <Form.Item name={[f.name, 'location']} label={t('setup.location')} rules={[{ max: 100 }]} style={{ marginBottom: 8 }}>
                  <Input placeholder={t('setup.locationHint')} />
                </Form.Item>
                <Flex gap={8} wrap>
                  <Form.Item name={[f.name, 'offsetMinutes']} label={t('setup.offset')} rules={[{ required: true, message: t('setup.required') }]} style={{ flex: '1 1 140px', marginBottom: 0 }}>
                    <InputNumber min={0} max={720} precision={0} style={{ width: '100%' }} suffix={t('setup.min')} />
                  </Form.Item>
                  <Form.Item name={[f.name, 'toleranceMinutes']} label={t('setup.tolerance')} rules={[{ required: true, message: t('setup.required') }]} style={{ flex: '1 1 140px', marginBottom: 0 }}>
                    <InputNumber min={1} max={60} precision={0} style={{ width: '100%' }} prefix="±" suffix={t('setup.min')} />
                  </Form.Item>
                </Flex>
              </Card>
            ))}
            <Form.ErrorList errors={errors} />
            <Button
              type="dashed"
              icon={<PlusOutlined />}
              disabled={fields.length >= 40}
              onClick={() => add(blank(((form.getFieldValue(['checkpoints', fields.length - 1, 'offsetMinutes']) as number | undefined) ?? -10) + 10))}
              data-testid="add-point"
            >
              {t('setup.addPoint')}
            </Button>
          </Flex>
        )}
      </Form.List>
      <Flex gap={8} justify="end" style={{ marginTop: 16 }}>
        <Button onClick={onDone}>{t('common.cancel')}</Button>
        <Button type="primary" htmlType="submit" loading={createRoute.isPending} data-testid="route-submit">
          {t('common.save')}
        </Button>
      </Flex>
    </Form>
  );
}
