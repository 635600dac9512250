import { App, Alert, Button, Checkbox, Descriptions, Flex, Form, Input, Modal, Spin, Tag, Typography } from 'antd';
import { ApiError } from '../../api/client';
import { useIncident, useIncidentActions } from '../../api/security';
import type { SecurityMessageKey } from '../patrol/security-messages';
import { useSecurityI18n } from '../patrol/use-security-i18n';

interface Values {
  people?: string;
  actionsTaken?: string;
  outcome?: string;
}

/** An incident with its plan's steps to tick off, and the record of what was done and how it ended. */
export function IncidentDetail({ id, onClose }: { id: string; onClose: () => void }) {
  const { t, dateTime } = useSecurityI18n();
  const { message } = App.useApp();
  const { data, isPending, error } = useIncident(id);
  const { update, step } = useIncidentActions();
  const [form] = Form.useForm<Values>();
  const editable = data?.allowedActions.includes('update') ?? false;

  const save = (close: boolean) =>
    void form.validateFields().then((v) =>
      update.mutate(
        { id, body: { people: v.people?.trim() || null, actionsTaken: v.actionsTaken?.trim() || null, outcome: v.outcome?.trim() || null, close } },
        {
          onSuccess: () => message.success(close ? t('incident.closed') : t('incident.saved')),
          onError: (e) => (e instanceof ApiError && Object.keys(e.fields).length ? form.setFields(Object.entries(e.fields).map(([k, v]) => ({ name: k as keyof Values, errors: [v] }))) : message.error(e.message)),
        },
      ),
    );

  return (
    <Modal open title={data ? t(`type.${data.type}` as SecurityMessageKey) : ''} onCancel={onClose} footer={null} width={640} destroyOnHidden>
      {error ? <Alert type="error" title={error.message} /> : null}
      {isPending ? <Spin /> : null}
      {data ? (
        <Flex vertical gap={12} data-testid="incident-detail">
          <Descriptions column={1} size="small" bordered>
            <Descriptions.Item label={t('incident.place')}>{data.place}</Descriptions.Item>
            <Descriptions.Item label={t('incident.occurredAt')}>{dateTime(data.occurredAt)}</Descriptions.Item>
            <Descriptions.Item label={t('incident.description')}>{data.description}</Descriptions.Item>
            <Descriptions.Item label={t('report.col.state')}>
              <Tag color={data.status === 'open' ? 'processing' : 'default'}>{t(`incident.status.${data.status}`)}</Tag> {t('incident.reportedBy', { name: data.reportedByName })}
            </Descriptions.Item>
          </Descriptions>
          {data.plan ? (
            <Flex vertical gap={4}>
              <Typography.Text strong>{t('incident.plan', { title: data.plan.title })}</Typography.Text>
              {data.plan.steps.map((s, i) => (
                <div key={i} data-testid={`plan-step-${i + 1}`}>
                  <Checkbox
                    checked={Boolean(s.doneAt)}
                    disabled={!editable || step.isPending}
                    onChange={(e) => step.mutate({ id, step: i + 1, done: e.target.checked }, { onError: (err) => message.error(err.message) })}
                    style={{ fontSize: 16, padding: '6px 0' }}
                  >
                    {i + 1}. {s.text}
                    {s.doneAt ? (
                      <Typography.Text type="secondary" style={{ marginInlineStart: 8, fontSize: 13 }}>
                        {t('incident.stepBy', { by: s.doneBy ?? '', at: dateTime(s.doneAt) })}
                      </Typography.Text>
                    ) : null}
                  </Checkbox>
                </div>
              ))}
            </Flex>
          ) : (
            <Alert type="info" title={t('incident.noPlan')} />
          )}
          <Form form={form} layout="vertical" disabled={!editable} initialValues={{ people: data.people ?? '', actionsTaken: data.actionsTaken ?? '', outcome: data.outcome ?? '' }} key={`${data.id}-${data.status}`}>
            <Form.Item name="people" label={t('incident.people')}>
              <Input.TextArea rows={2} maxLength={500} />
            </Form.Item>
            <Form.Item name="actionsTaken" label={t('incident.actionsTaken')}>
              <Input.TextArea rows={3} maxLength={2000} />
            </Form.Item>
            <Form.Item name="outcome" label={t('incident.outcome')}>
              <Input.TextArea rows={3} maxLength={2000} data-testid="incident-outcome" />
            </Form.Item>
          </Form>
          {editable ? (
            <Flex gap={8} justify="flex-end" wrap>
              <Button size="large" onClick={() => save(false)} loading={update.isPending}>
                {t('common.save')}
              </Button>
              <Button size="large" type="primary" onClick={() => save(true)} loading={update.isPending} data-testid="incident-close">
                {t('incident.close')}
              </Button>
            </Flex>
          ) : null}
        </Flex>
      ) : null}
    </Modal>
  );
}
