import { useState } from 'react';
import { Alert, Button, Flex, Select, Table, Tabs, Tag, Typography } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { ENUM_LABELS, POSITION_VALUES } from '../../../common/registry';
import { CERTIFICATE_KIND_LABELS, CERTIFICATE_KINDS, CERTIFICATE_STATES, COURSE_KINDS } from '../../../common/training';
import { useCertificates, useCourses, useSessions } from '../../api/training';
import { DownloadButton } from '../../components/download-button';
import { useSession } from '../../components/session';
import { useI18n } from '../../i18n/i18n-context';
import { useDocumentTitle } from '../../shared/use-document-title';
import { NewCertificate, NewCourse, NewSession, useTrainingI18n } from './training-forms';

const PAGE_SIZE = 20;
const STATE_COLOR = { valid: 'green', expiring: 'orange', expired: 'red' } as const;
const canManage = (roles: readonly string[]) => roles.includes('company_admin') || roles.includes('project_manager');

function Certificates({ manage }: { manage: boolean }) {
  const { t, locale } = useTrainingI18n();
  const [state, setState] = useState<(typeof CERTIFICATE_STATES)[number] | undefined>();
  const [kind, setKind] = useState<(typeof CERTIFICATE_KINDS)[number] | undefined>();
  const [page, setPage] = useState(1);
  const [adding, setAdding] = useState(false);
  const { data, isPending, error } = useCertificates({ state, kind, page, pageSize: PAGE_SIZE });
  return (
    <Flex vertical gap={12}>
      <Flex gap={8} wrap justify="space-between">
        <Flex gap={8} wrap>
          <Select allowClear placeholder={t('filter.allStates')} style={{ width: 140 }} value={state} onChange={(v) => (setState(v), setPage(1))} options={CERTIFICATE_STATES.map((s) => ({ value: s, label: t(`state.${s}`) }))} data-testid="certificate-state" />
          <Select allowClear placeholder={t('filter.allKinds')} style={{ width: 180 }} value={kind} onChange={(v) => (setKind(v), setPage(1))} options={CERTIFICATE_KINDS.map((k) => ({ value: k, label: CERTIFICATE_KIND_LABELS[k][locale] }))} />
        </Flex>
        <Flex gap={8}>
          <DownloadButton path="/api/v1/training/certificates" query={{ format: 'xlsx', state, kind }} fileName="staff-certificates.xlsx" testId="certificate-export" />
          {manage ? (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setAdding(true)} data-testid="certificate-new">
              {t('new.certificate')}
            </Button>
          ) : null}
        </Flex>
      </Flex>
      <Typography.Text type="secondary">{t('expiringHint')}</Typography.Text>
      {error ? <Alert type="error" title={t('loadFailed', { message: error.message })} /> : null}
      <div data-testid="certificate-table">
      <Table
        rowKey="id"
        size="middle"
        loading={isPending}
        dataSource={data?.items ?? []}
        locale={{ emptyText: t('empty') }}
        pagination={{ current: page, pageSize: PAGE_SIZE, total: data?.total ?? 0, onChange: setPage, showSizeChanger: false }}
        columns={[
          { title: t('col.staff'), dataIndex: 'staffName' },
          { title: t('col.kind'), dataIndex: 'kind', render: (k: (typeof CERTIFICATE_KINDS)[number]) => CERTIFICATE_KIND_LABELS[k][locale] },
          { title: t('col.number'), dataIndex: 'number' },
          { title: t('col.issuedOn'), dataIndex: 'issuedOn' },
          { title: t('col.expiresOn'), dataIndex: 'expiresOn' },
          {
            title: t('col.state'),
            key: 'state',
            render: (_: unknown, c) => (
              <Flex gap={4} align="center">
                <Tag color={STATE_COLOR[c.state]}>{t(`state.${c.state}`)}</Tag>
                <Typography.Text type="secondary">{c.daysLeft >= 0 ? t('daysLeft', { n: c.daysLeft }) : t('daysOver', { n: -c.daysLeft })}</Typography.Text>
              </Flex>
            ),
          },
        ]}
      />
      </div>
      {adding ? <NewCertificate onClose={() => setAdding(false)} /> : null}
    </Flex>
  );
}

function Courses({ manage }: { manage: boolean }) {
  const { t, locale } = useTrainingI18n();
  const [kind, setKind] = useState<(typeof COURSE_KINDS)[number] | undefined>();
  const [position, setPosition] = useState<(typeof POSITION_VALUES)[number] | undefined>();
  const [page, setPage] = useState(1);
  const [adding, setAdding] = useState(false);
  const { data, isPending, error } = useCourses({ kind, position, page, pageSize: PAGE_SIZE });
  const positionName = (p: string) => (ENUM_LABELS.position as Record<string, readonly [string, string]>)[p]?.[locale === 'zh-CN' ? 0 : 1] ?? p;
  return (
    <Flex vertical gap={12}>
      <Flex gap={8} wrap justify="space-between">
        <Flex gap={8} wrap>
          <Select allowClear placeholder={t('filter.allCourseKinds')} style={{ width: 140 }} value={kind} onChange={(v) => (setKind(v), setPage(1))} options={COURSE_KINDS.map((k) => ({ value: k, label: t(`courseKind.${k}`) }))} />
          <Select allowClear placeholder={t('filter.allPositions')} style={{ width: 160 }} value={position} onChange={(v) => (setPosition(v), setPage(1))} options={POSITION_VALUES.map((p) => ({ value: p, label: positionName(p) }))} />
        </Flex>
        {manage ? (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setAdding(true)} data-testid="course-new">
            {t('new.course')}
          </Button>
        ) : null}
      </Flex>
      {error ? <Alert type="error" title={t('loadFailed', { message: error.message })} /> : null}
      <Table
        rowKey="id"
        size="middle"
        loading={isPending}
        dataSource={data?.items ?? []}
        locale={{ emptyText: t('empty') }}
        pagination={{ current: page, pageSize: PAGE_SIZE, total: data?.total ?? 0, onChange: setPage, showSizeChanger: false }}
        columns={[
          { title: t('col.course'), dataIndex: 'name' },
          { title: t('col.courseKind'), dataIndex: 'kind', render: (k: (typeof COURSE_KINDS)[number]) => t(`courseKind.${k}`) },
          { title: t('col.positions'), dataIndex: 'positions', render: (ps: string[]) => ps.map((p) => <Tag key={p}>{positionName(p)}</Tag>) },
          { title: t('col.hours'), dataIndex: 'hours' },
          { title: t('col.passScore'), dataIndex: 'passScore' },
          { title: t('col.sessions'), dataIndex: 'sessions' },
        ]}
      />
      {adding ? <NewCourse onClose={() => setAdding(false)} /> : null}
    </Flex>
  );
}

function Sessions({ manage }: { manage: boolean }) {
  const { t } = useTrainingI18n();
  const [page, setPage] = useState(1);
  const [adding, setAdding] = useState(false);
  const { data, isPending, error } = useSessions({ page, pageSize: PAGE_SIZE });
  return (
    <Flex vertical gap={12}>
      {manage ? (
        <Flex justify="end">
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setAdding(true)} data-testid="session-new">
            {t('new.session')}
          </Button>
        </Flex>
      ) : null}
      {error ? <Alert type="error" title={t('loadFailed', { message: error.message })} /> : null}
      <Table
        rowKey="id"
        size="middle"
        loading={isPending}
        dataSource={data?.items ?? []}
        locale={{ emptyText: t('empty') }}
        pagination={{ current: page, pageSize: PAGE_SIZE, total: data?.total ?? 0, onChange: setPage, showSizeChanger: false }}
        expandable={{
          expandedRowRender: (s) => (
            <Flex gap={6} wrap>
              {s.attendance.map((a) => (
                <Tag key={a.staffId} color={!a.attended ? 'default' : a.passed === false ? 'red' : 'green'}>
                  {a.name}
                  {a.examScore !== null ? ` ${a.examScore}` : ''}
                </Tag>
              ))}
            </Flex>
          ),
        }}
        columns={[
          { title: t('col.heldOn'), dataIndex: 'heldOn' },
          { title: t('col.course'), dataIndex: 'courseName' },
          { title: t('col.trainer'), dataIndex: 'trainer' },
          { title: t('col.attended'), key: 'attended', render: (_: unknown, s) => `${s.attended} / ${s.attendance.length}` },
          { title: t('col.passed'), dataIndex: 'passed' },
        ]}
      />
      {adding ? <NewSession onClose={() => setAdding(false)} /> : null}
    </Flex>
  );
}

/** Training: certificates with expiry, courses per position, sessions with attendance and exam scores. */
export function TrainingPage() {
  const { t } = useTrainingI18n();
  const me = useSession();
  const shell = useI18n();
  useDocumentTitle(shell.t('nav.training'));
  const manage = canManage(me.roles);
  return (
    <Tabs
      items={[
        { key: 'certificates', label: t('tab.certificates'), children: <Certificates manage={manage} /> },
        { key: 'courses', label: t('tab.courses'), children: <Courses manage={manage} /> },
        { key: 'sessions', label: t('tab.sessions'), children: <Sessions manage={manage} /> },
      ]}
    />
  );
}
