import { useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { Alert, App, Badge, Button, Card, DatePicker, Descriptions, Flex, Form, Modal, Progress, Skeleton, Tag, Typography } from 'antd';
import { ArrowLeftOutlined, CheckCircleOutlined, EditOutlined } from '@ant-design/icons';
import dayjs, { type Dayjs } from 'dayjs';
import { PRE_JOB_TRAINING_DAYS } from '../../../common/registry';
import { ApiError } from '../../api/client';
import { useCompleteTraining, useStaffMember, type StaffMember } from '../../api/registry';
import { ForbiddenPage } from '../forbidden/forbidden-page';
import { NotFoundPage } from '../not-found/not-found-page';
import { PageHeading, TrainingTag, trainingState } from './registry-format';
import { useDocumentTitle } from '../../shared/use-document-title';
import { useRegistryI18n } from './use-registry-i18n';
import { ArchiveButton } from './archive-button';
import { StaffAccountCard } from './staff-account-card';

/** "登记培训完成": the completion day, no earlier than 30 days after the start and not in the future. */
function CompleteTrainingDialog({ staff, open, onClose }: { staff: StaffMember; open: boolean; onClose: () => void }) {
  const { t } = useRegistryI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ completedOn: Dayjs }>();
  const complete = useCompleteTraining();
  const earliest = staff.trainingCompletableOn ? dayjs(staff.trainingCompletableOn) : null;
  const submit = ({ completedOn }: { completedOn: Dayjs }) =>
    complete.mutate(
      { id: staff.id, completedOn: completedOn.format('YYYY-MM-DD') },
      {
        onSuccess: (saved) => {
          message.success(t('staff.trainingRecorded', { name: saved.name }));
          onClose();
        },
        onError: (error) => {
          const field = error instanceof ApiError ? error.fields.completedOn : undefined;
          form.setFields([{ name: 'completedOn', errors: [field ?? error.message] }]);
        },
      },
    );
  return (
    <Modal
      open={open}
      title={t('staff.completeTraining')}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t('staff.completeTrainingOk')}
      cancelText={t('common.cancel')}
      confirmLoading={complete.isPending}
      destroyOnHidden
    >
      <Typography.Paragraph type="secondary">
        {t('staff.completeTrainingHint', { days: PRE_JOB_TRAINING_DAYS, date: staff.trainingCompletableOn ?? '—' })}
      </Typography.Paragraph>
      <Form form={form} layout="vertical" onFinish={submit} initialValues={{ completedOn: dayjs() }}>
        <Form.Item name="completedOn" label={t('staff.completedOn')} rules={[{ required: true, message: t('form.required') }]}>
          <DatePicker style={{ width: '100%' }} disabledDate={(d) => d.isAfter(dayjs(), 'day') || (earliest ? d.isBefore(earliest, 'day') : false)} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

/** One staff member: position, skills, communities, duty, hire date and pre-job training progress. */
export function StaffDetailPage() {
  const { id } = useParams();
  const { t, label } = useRegistryI18n();
  const navigate = useNavigate();
  const { data: staff, error, isPending } = useStaffMember(id);
  const [completing, setCompleting] = useState(false);
  useDocumentTitle(staff?.name ?? t('staff.title'));

  if (error instanceof ApiError && error.status === 404) return <NotFoundPage />;
  if (error instanceof ApiError && error.status === 403) return <ForbiddenPage />;
  const can = (action: StaffMember['allowedActions'][number]) => staff?.allowedActions.includes(action) ?? false;

  const training = staff ? trainingState(staff) : null;
  const progress =
    staff?.trainingStartedOn && !staff.clearedForSoloWork
      ? Math.min(100, Math.round((dayjs().startOf('day').diff(dayjs(staff.trainingStartedOn), 'day') / PRE_JOB_TRAINING_DAYS) * 100))
      : null;

  return (
    <Flex vertical gap={16}>
      <div>
        <Link to="/staff">
          <ArrowLeftOutlined /> {t('staff.back')}
        </Link>
      </div>
      {error ? <Alert type="error" showIcon title={t('common.loadFailed')} description={error.message} /> : null}
      {isPending ? <Skeleton active /> : null}
      {staff ? (
        <>
          <PageHeading
            title={
              <Flex gap={8} align="center" wrap>
                <span>{staff.name}</span>
                <TrainingTag staff={staff} />
                {staff.archivedAt ? <Tag>{t('common.archived')}</Tag> : null}
              </Flex>
            }
            description={label('position', staff.position)}
            extra={
              <>
                {can('completeTraining') ? (
                  <Button type="primary" icon={<CheckCircleOutlined />} onClick={() => setCompleting(true)} data-testid="complete-training">
                    {t('staff.completeTraining')}
                  </Button>
                ) : null}
                {can('update') ? (
                  <Button icon={<EditOutlined />} onClick={() => navigate(`/staff/${staff.id}/edit`)}>
                    {t('common.edit')}
                  </Button>
                ) : null}
                {can('archive') ? (
                  <ArchiveButton
                    resource="staff"
                    id={staff.id}
                    confirmTitle={t('staff.archiveConfirm', { name: staff.name })}
                    doneMessage={t('staff.archived', { name: staff.name })}
                  />
                ) : null}
              </>
            }
          />
          {training && !training.cleared && staff.trainingStartedOn ? (
            <Alert
              type="warning"
              showIcon
              data-testid="training-alert"
              title={t('staff.notClearedTitle')}
              description={
                <Flex vertical gap={8}>
                  <span>
                    {training.daysLeft
                      ? t('staff.notClearedDays', { start: staff.trainingStartedOn, days: training.daysLeft, date: staff.trainingCompletableOn ?? '' })
                      : t('staff.notClearedDue', { start: staff.trainingStartedOn })}
                  </span>
                  {progress !== null ? <Progress percent={progress} size="small" status="active" style={{ maxWidth: 360 }} /> : null}
                </Flex>
              }
            />
          ) : null}
          <Card title={t('staff.basics')}>
            <Descriptions
              column={{ xs: 1, sm: 1, md: 2 }}
              items={[
                { key: 'phone', label: t('staff.phone'), children: staff.phone },
                { key: 'position', label: t('staff.position'), children: label('position', staff.position) },
                {
                  key: 'skills',
                  label: t('staff.skills'),
                  children: staff.skills.length ? (
                    <Flex gap={4} wrap>
                      {staff.skills.map((k) => (
                        <Tag key={k} style={{ marginInlineEnd: 0 }}>
                          {label('skill', k)}
                        </Tag>
                      ))}
                    </Flex>
                  ) : (
                    '—'
                  ),
                },
                { key: 'communities', label: t('staff.communities'), children: staff.communities.map((c) => c.name).join(t('common.listSeparator')) || '—' },
                {
                  key: 'duty',
                  label: t('staff.duty'),
                  children: <Badge status={staff.onDuty ? 'success' : 'default'} text={staff.onDuty ? t('staff.onDuty') : t('staff.offDuty')} />,
                },
                { key: 'hire', label: t('staff.hireDate'), children: staff.hireDate ?? '—' },
                { key: 'trainingStart', label: t('staff.trainingStartedOn'), children: staff.trainingStartedOn ?? '—' },
                { key: 'trainingDone', label: t('staff.trainingCompletedOn'), children: staff.trainingCompletedOn ?? '—' },
              ]}
            />
          </Card>
          <StaffAccountCard staffId={staff.id} />
          <CompleteTrainingDialog staff={staff} open={completing} onClose={() => setCompleting(false)} />
        </>
      ) : null}
    </Flex>
  );
}
