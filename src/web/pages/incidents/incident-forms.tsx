import { App, Button, DatePicker, Form, Input, Modal, Select, type FormInstance } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { INCIDENT_TYPE_KEYS, type IncidentTypeKey } from '../../../common/incidents';
import { showFieldErrors } from '../../shared/field-errors';
import { useIncidentActions, type EmergencyPlan } from '../../api/security';
import { useSecurityI18n } from '../patrol/use-security-i18n';

const fieldErrors = (e: unknown, form: FormInstance) => showFieldErrors(form, e);

/** Logs an incident: type, place, time (now by default), what happened, who was involved, what was done. */
export function NewIncident({ communityId, onCreated, onClose }: { communityId: string; onCreated: (id: string) => void; onClose: () => void }) {
  const { t } = useSecurityI18n();
  const { message } = App.useApp();
  const { create } = useIncidentActions();
  const [form] = Form.useForm<{ type: IncidentTypeKey; place: string; occurredAt: Dayjs; description: string; people?: string; actionsTaken?: string }>();
  const required = [{ required: true, whitespace: true, message: t('incident.required') }];
  const submit = () =>
    void form.validateFields().then((v) =>
      create.mutate(
        { communityId, type: v.type, place: v.place.trim(), occurredAt: v.occurredAt.toISOString(), description: v.description.trim(), people: v.people?.trim() || undefined, actionsTaken: v.actionsTaken?.trim() || undefined },
        { onSuccess: (i) => (message.success(t('incident.created')), onCreated(i.id)), onError: (e) => void (fieldErrors(e, form as never) || message.error(e.message)) },
      ),
    );
  return (
    <Modal open title={t('incident.new')} onCancel={onClose} onOk={submit} okText={t('common.save')} cancelText={t('common.cancel')} okButtonProps={{ size: 'large', loading: create.isPending, 'data-testid': 'incident-save' }} cancelButtonProps={{ size: 'large' }} destroyOnHidden>
      <Form form={form} layout="vertical" requiredMark={false} initialValues={{ type: 'other', occurredAt: dayjs() }}>
        <Form.Item name="type" label={t('incident.type')} rules={[{ required: true }]}>
          <Select size="large" options={INCIDENT_TYPE_KEYS.map((k) => ({ value: k, label: t(`type.${k}`) }))} data-testid="incident-type" />
        </Form.Item>
        <Form.Item name="place" label={t('incident.place')} rules={required}>
          <Input size="large" maxLength={100} data-testid="incident-place" />
        </Form.Item>
        <Form.Item name="occurredAt" label={t('incident.occurredAt')} rules={[{ required: true, message: t('incident.required') }]}>
          <DatePicker showTime={{ format: 'HH:mm' }} format="YYYY-MM-DD HH:mm" size="large" style={{ width: '100%' }} disabledDate={(d) => d.isAfter(dayjs(), 'day')} />
        </Form.Item>
        <Form.Item name="description" label={t('incident.description')} rules={required}>
          <Input.TextArea rows={3} maxLength={2000} data-testid="incident-description" />
        </Form.Item>
        <Form.Item name="people" label={t('incident.people')}>
          <Input.TextArea rows={2} maxLength={500} />
        </Form.Item>
        <Form.Item name="actionsTaken" label={t('incident.actionsTaken')}>
          <Input.TextArea rows={2} maxLength={2000} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

/** Records a drill of a plan. */
export function NewDrill({ plans, onClose }: { plans: EmergencyPlan[]; onClose: () => void }) {
  const { t } = useSecurityI18n();
  const { message } = App.useApp();
  const { drill } = useIncidentActions();
  const [form] = Form.useForm<{ planId: string; heldOn: Dayjs; participants: string; findings: string }>();
  const required = [{ required: true, whitespace: true, message: t('incident.required') }];
  const submit = () =>
    void form.validateFields().then((v) =>
      drill.mutate(
        { planId: v.planId, heldOn: v.heldOn.format('YYYY-MM-DD'), participants: v.participants.trim(), findings: v.findings.trim() },
        { onSuccess: () => (message.success(t('drill.saved')), onClose()), onError: (e) => void (fieldErrors(e, form as never) || message.error(e.message)) },
      ),
    );
  return (
    <Modal open title={t('drill.new')} onCancel={onClose} footer={[<Button key="c" size="large" onClick={onClose}>{t('common.cancel')}</Button>, <Button key="s" size="large" type="primary" loading={drill.isPending} onClick={submit}>{t('common.save')}</Button>]} destroyOnHidden>
      <Form form={form} layout="vertical" requiredMark={false} initialValues={{ planId: plans[0]?.id, heldOn: dayjs() }}>
        <Form.Item name="planId" label={t('drill.plan')} rules={[{ required: true, message: t('incident.required') }]}>
          <Select size="large" options={plans.map((p) => ({ value: p.id, label: p.title }))} />
        </Form.Item>
        <Form.Item name="heldOn" label={t('drill.heldOn')} rules={[{ required: true, message: t('incident.required') }]}>
          <DatePicker size="large" style={{ width: '100%' }} disabledDate={(d) => d.isAfter(dayjs(), 'day')} />
        </Form.Item>
        <Form.Item name="participants" label={t('drill.participants')} rules={required}>
          <Input.TextArea rows={2} maxLength={500} />
        </Form.Item>
        <Form.Item name="findings" label={t('drill.findings')} rules={required}>
          <Input.TextArea rows={3} maxLength={2000} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
