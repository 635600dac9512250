import { App, Button, DatePicker, Flex, Form, Input, InputNumber, Modal, Select, Switch, type FormInstance } from 'antd';
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import dayjs, { type Dayjs } from 'dayjs';
import { ENUM_LABELS, POSITION_VALUES } from '../../../common/registry';
import { CERTIFICATE_KIND_LABELS, CERTIFICATE_KINDS, COURSE_KINDS, type CertificateKind, type CourseKind } from '../../../common/training';
import { useCommunities, useStaffList } from '../../api/registry';
import { useCourses, useTrainingActions } from '../../api/training';
import { showFieldErrors } from '../../shared/field-errors';
import { useFeatureI18n } from '../../shared/use-feature-i18n';
import { TRAINING_MESSAGES } from './training-messages';

export const useTrainingI18n = () => useFeatureI18n(TRAINING_MESSAGES);
const failed = (form: FormInstance, message: { error: (m: string) => void }) => (e: Error) => void (showFieldErrors(form, e) || message.error(e.message));
const positionName = (p: string, zh: boolean) => (ENUM_LABELS.position as Record<string, readonly [string, string]>)[p]?.[zh ? 0 : 1] ?? p;

function StaffPicker({ communityId, ...rest }: { communityId?: string; value?: string; onChange?: (v: string) => void; 'data-testid'?: string }) {
  const list = useStaffList({ page: 1, pageSize: 200, communityId });
  return <Select showSearch={{ optionFilterProp: 'label' }} loading={list.isPending} options={(list.data?.items ?? []).map((s) => ({ value: s.id, label: s.name }))} {...rest} />;
}

/** Records a certificate: holder, kind, number, issue and expiry dates. */
export function NewCertificate({ onClose }: { onClose: () => void }) {
  const { t, locale } = useTrainingI18n();
  const { message } = App.useApp();
  const { addCertificate } = useTrainingActions();
  const [form] = Form.useForm<{ staffId: string; kind: CertificateKind; number: string; issuedOn: Dayjs; expiresOn: Dayjs }>();
  const required = [{ required: true, message: t('form.required') }];
  const submit = () =>
    void form.validateFields().then((v) =>
      addCertificate.mutate(
        { staffId: v.staffId, kind: v.kind, number: v.number.trim(), issuedOn: v.issuedOn.format('YYYY-MM-DD'), expiresOn: v.expiresOn.format('YYYY-MM-DD') },
        { onSuccess: () => (message.success(t('saved')), onClose()), onError: failed(form, message) },
      ),
    );
  return (
    <Modal open title={t('new.certificate')} onCancel={onClose} onOk={submit} okButtonProps={{ loading: addCertificate.isPending, 'data-testid': 'certificate-save' }} destroyOnHidden>
      <Form form={form} layout="vertical" initialValues={{ kind: 'electrician' }}>
        <Form.Item name="staffId" label={t('form.staff')} rules={required}>
          <StaffPicker data-testid="certificate-staff" />
        </Form.Item>
        <Form.Item name="kind" label={t('col.kind')} rules={required}>
          <Select options={CERTIFICATE_KINDS.map((k) => ({ value: k, label: CERTIFICATE_KIND_LABELS[k][locale] }))} />
        </Form.Item>
        <Form.Item name="number" label={t('col.number')} rules={[{ required: true, whitespace: true, message: t('form.required') }]}>
          <Input maxLength={50} data-testid="certificate-number" />
        </Form.Item>
        <Flex gap={12}>
          <Form.Item name="issuedOn" label={t('col.issuedOn')} rules={required} style={{ flex: 1 }}>
            <DatePicker style={{ width: '100%' }} />
          </Form.Item>
          <Form.Item name="expiresOn" label={t('col.expiresOn')} rules={required} style={{ flex: 1 }}>
            <DatePicker style={{ width: '100%' }} />
          </Form.Item>
        </Flex>
      </Form>
    </Modal>
  );
}

/** Adds a course: name, kind, positions, hours, pass mark. */
export function NewCourse({ onClose }: { onClose: () => void }) {
  const { t, locale } = useTrainingI18n();
  const { message } = App.useApp();
  const { addCourse } = useTrainingActions();
  const [form] = Form.useForm<{ name: string; kind: CourseKind; positions: (typeof POSITION_VALUES)[number][]; hours: number; passScore: number; description?: string }>();
  const submit = () =>
    void form.validateFields().then((v) =>
      addCourse.mutate({ ...v, name: v.name.trim(), description: v.description?.trim() || null }, { onSuccess: () => (message.success(t('saved')), onClose()), onError: failed(form, message) }),
    );
  return (
    <Modal open title={t('new.course')} onCancel={onClose} onOk={submit} okButtonProps={{ loading: addCourse.isPending, 'data-testid': 'course-save' }} destroyOnHidden>
      <Form form={form} layout="vertical" initialValues={{ kind: 'pre_job', hours: 40, passScore: 60, positions: [] }}>
        <Form.Item name="name" label={t('col.course')} rules={[{ required: true, whitespace: true, message: t('form.required') }]}>
          <Input maxLength={100} data-testid="course-name" />
        </Form.Item>
        <Form.Item name="kind" label={t('col.courseKind')}>
          <Select options={COURSE_KINDS.map((k) => ({ value: k, label: t(`courseKind.${k}`) }))} />
        </Form.Item>
        <Form.Item name="positions" label={t('col.positions')} rules={[{ required: true, type: 'array', min: 1, message: t('form.required') }]}>
          <Select mode="multiple" options={POSITION_VALUES.map((p) => ({ value: p, label: positionName(p, locale === 'zh-CN') }))} data-testid="course-positions" />
        </Form.Item>
        <Flex gap={12}>
          <Form.Item name="hours" label={t('col.hours')} rules={[{ required: true, message: t('form.required') }]} style={{ flex: 1 }}>
            <InputNumber min={1} max={500} precision={0} style={{ width: '100%' }} />
          </Form.Item>
          <Form.Item name="passScore" label={t('col.passScore')} style={{ flex: 1 }}>
            <InputNumber min={0} max={100} precision={0} style={{ width: '100%' }} />
          </Form.Item>
        </Flex>
        <Form.Item name="description" label={t('form.description')}>
          <Input.TextArea rows={2} maxLength={2000} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

/** Records a held session with everyone listed: present or not, and the exam score. */
export function NewSession({ onClose }: { onClose: () => void }) {
  const { t } = useTrainingI18n();
  const { message } = App.useApp();
  const { recordSession } = useTrainingActions();
  const courses = useCourses({ page: 1, pageSize: 200 });
  const communities = useCommunities();
  const [form] = Form.useForm<{ courseId: string; communityId: string; heldOn: Dayjs; trainer: string; note?: string; attendance: { staffId: string; attended: boolean; examScore?: number | null }[] }>();
  const communityId = Form.useWatch('communityId', form);
  const required = [{ required: true, message: t('form.required') }];
  const submit = () =>
    void form.validateFields().then((v) =>
      recordSession.mutate(
        {
          courseId: v.courseId,
          communityId: v.communityId,
          heldOn: v.heldOn.format('YYYY-MM-DD'),
          trainer: v.trainer.trim(),
          note: v.note?.trim() || null,
          attendance: (v.attendance ?? []).map((a) => ({ staffId: a.staffId, attended: a.attended, examScore: a.attended ? (a.examScore ?? null) : null })),
        },
        { onSuccess: () => (message.success(t('saved')), onClose()), onError: failed(form, message) },
      ),
    );
  return (
    <Modal open width={640} title={t('new.session')} onCancel={onClose} onOk={submit} okButtonProps={{ loading: recordSession.isPending, 'data-testid': 'session-save' }} destroyOnHidden>
      <Form form={form} layout="vertical" initialValues={{ heldOn: dayjs(), attendance: [{ attended: true }], communityId: communities.data?.items[0]?.id }}>
        <Form.Item name="courseId" label={t('col.course')} rules={required}>
          <Select options={(courses.data?.items ?? []).map((c) => ({ value: c.id, label: c.name }))} data-testid="session-course" />
        </Form.Item>
        <Flex gap={12}>
          <Form.Item name="communityId" label={t('form.community')} rules={required} style={{ flex: 1 }}>
            <Select options={(communities.data?.items ?? []).map((c) => ({ value: c.id, label: c.name }))} />
          </Form.Item>
          <Form.Item name="heldOn" label={t('col.heldOn')} rules={required} style={{ flex: 1 }}>
            <DatePicker style={{ width: '100%' }} disabledDate={(d) => d.isAfter(dayjs(), 'day')} />
          </Form.Item>
          <Form.Item name="trainer" label={t('col.trainer')} rules={[{ required: true, whitespace: true, message: t('form.required') }]} style={{ flex: 1 }}>
            <Input maxLength={50} data-testid="session-trainer" />
          </Form.Item>
        </Flex>
        <Form.List name="attendance">
          {(fields, { add, remove }) => (
            <Form.Item label={t('form.attendance')}>
              {fields.map((f) => (
                <Flex key={f.key} gap={8} align="baseline">
                  <Form.Item name={[f.name, 'staffId']} rules={required} style={{ flex: 2 }}>
                    <StaffPicker communityId={communityId} data-testid={`session-staff-${f.name}`} />
                  </Form.Item>
                  <Form.Item name={[f.name, 'attended']} valuePropName="checked" label={t('form.present')}>
                    <Switch />
                  </Form.Item>
                  <Form.Item name={[f.name, 'examScore']} style={{ flex: 1 }}>
                    <InputNumber min={0} max={100} precision={0} placeholder={t('form.score')} style={{ width: '100%' }} />
                  </Form.Item>
                  <Button icon={<DeleteOutlined />} onClick={() => remove(f.name)} disabled={fields.length === 1} />
                </Flex>
              ))}
              <Button icon={<PlusOutlined />} onClick={() => add({ attended: true })}>
                {t('form.addPerson')}
              </Button>
            </Form.Item>
          )}
        </Form.List>
        <Form.Item name="note" label={t('form.note')}>
          <Input.TextArea rows={2} maxLength={1000} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
