import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Empty, Flex, Form, Input, Modal, Popconfirm, Segmented, Select, Space, Table, Tag, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { useMemo, useState } from 'react';
import type { z } from 'zod';
import type { pageSchema } from '../../../common/api';
import type { UnitRequest } from '../../../common/portal';
import { ENUM_LABELS } from '../../../common/registry';
import { apiRequest } from '../../api/client';
import { useCommunities } from '../../api/registry';
import { useI18n } from '../../i18n/i18n-context';
import { formatMessage } from '../../i18n/messages';
import { useMediaQuery } from '../../components/use-media-query';
import { PageHeading } from '../registry/registry-format';
import { useDocumentTitle } from '../../shared/use-document-title';
import { UNIT_REQUEST_MESSAGES, type UnitRequestMessageKey } from './unit-request-messages';

type Status = UnitRequest['status'];
type Page = z.infer<ReturnType<typeof pageSchema<z.ZodType<UnitRequest>>>>;

function useTexts() {
  const { locale } = useI18n();
  return useMemo(
    () => ({
      locale,
      t: (key: UnitRequestMessageKey, vars?: Record<string, string | number>) => formatMessage(UNIT_REQUEST_MESSAGES[key][locale], vars),
      relation: (code: string) => (ENUM_LABELS.relation as Record<string, readonly [string, string]>)[code]?.[locale === 'zh-CN' ? 0 : 1] ?? code,
      time: (iso: string) => new Date(iso).toLocaleString(locale, { dateStyle: 'short', timeStyle: 'short', hour12: false }),
    }),
    [locale],
  );
}

/** The rejection dialog: a reason the resident will read. */
function RejectDialog({ request, onClose }: { request: UnitRequest | null; onClose: () => void }) {
  const { t } = useTexts();
  const { message } = App.useApp();
  const client = useQueryClient();
  const [form] = Form.useForm<{ reason: string }>();
  const reject = useMutation({
    mutationFn: (reason: string) => apiRequest(`/api/v1/unit-requests/${request!.id}/reject`, { method: 'POST', body: { reason } }),
    onSuccess: async () => {
      message.success(t('rejectedDone'));
      await client.invalidateQueries({ queryKey: ['unit-requests'] });
      form.resetFields();
      onClose();
    },
  });
  return (
    <Modal
      open={request !== null}
      title={request ? t('rejectTitle', { name: request.resident.name }) : ''}
      okText={t('reject')}
      okButtonProps={{ danger: true, loading: reject.isPending }}
      cancelText={t('cancel')}
      onCancel={onClose}
      onOk={() => void form.validateFields().then((v) => reject.mutate(v.reason.trim()))}
      destroyOnHidden
    >
      <Form form={form} layout="vertical">
        <Form.Item name="reason" label={t('reason')} rules={[{ required: true, whitespace: true, min: 2, message: t('reasonRequired') }]}>
          <Input.TextArea rows={3} maxLength={200} showCount autoFocus />
        </Form.Item>
      </Form>
      {reject.error && <Alert type="error" showIcon message={reject.error.message} />}
    </Modal>
  );
}

/** 住户认证审核: residents' own unit requests from the owner portal, approved or turned down by the desk. */
export function UnitRequestsPage() {
  const { t, relation, time } = useTexts();
  const { message } = App.useApp();
  const client = useQueryClient();
  const isPhone = useMediaQuery('(max-width: 575px)');
  useDocumentTitle(t('title'));
  const [status, setStatus] = useState<Status>('pending');
  const [communityId, setCommunityId] = useState<string | undefined>();
  const [page, setPage] = useState({ page: 1, pageSize: 20 });
  const [rejecting, setRejecting] = useState<UnitRequest | null>(null);
  const communities = useCommunities();
  const query = { status, communityId, ...page };
  const list = useQuery({
    queryKey: ['unit-requests', query],
    queryFn: ({ signal }) => apiRequest<Page>('/api/v1/unit-requests', { query, signal }),
    placeholderData: keepPreviousData,
  });
  const approve = useMutation({
    mutationFn: (id: string) => apiRequest(`/api/v1/unit-requests/${id}/approve`, { method: 'POST' }),
    onSuccess: async () => {
      message.success(t('approvedDone'));
      await client.invalidateQueries({ queryKey: ['unit-requests'] });
    },
    onError: (err) => message.error(err.message),
  });

  const columns: TableColumnsType<UnitRequest> = [
    { title: t('requestedAt'), key: 'at', width: 150, render: (_, r) => time(r.createdAt) },
    {
      title: t('unit'),
      key: 'unit',
      render: (_, r) => (
        <Space orientation="vertical" size={0}>
          <Typography.Text strong>{r.unit.label}</Typography.Text>
          <Typography.Text type="secondary">{r.community.name}</Typography.Text>
        </Space>
      ),
    },
    {
      title: t('applicant'),
      key: 'applicant',
      render: (_, r) => (
        <Space orientation="vertical" size={0}>
          <span>
            {r.resident.name} · {relation(r.relation)}
          </span>
          <Typography.Text type="secondary">{r.resident.phoneMasked}</Typography.Text>
        </Space>
      ),
    },
    {
      title: t('occupants'),
      key: 'occupants',
      render: (_, r) =>
        r.occupants.length ? (
          <Flex gap={4} wrap>
            {r.occupants.map((o, i) => (
              <Tag key={i} style={{ marginInlineEnd: 0 }}>
                {o.name} · {relation(o.relation)}
              </Tag>
            ))}
          </Flex>
        ) : (
          <Typography.Text type="secondary">{t('noOccupants')}</Typography.Text>
        ),
    },
    {
      title: t('decision'),
      key: 'decision',
      width: isPhone ? undefined : 200,
      render: (_, r) =>
        r.status === 'pending' ? (
          <Space wrap>
            {r.allowedActions.includes('approve') && (
              <Popconfirm
                title={t('approveConfirm', { name: r.resident.name, unit: r.unit.label, relation: relation(r.relation) })}
                okText={t('approve')}
                cancelText={t('cancel')}
                onConfirm={() => approve.mutateAsync(r.id)}
              >
                <Button type="primary">{t('approve')}</Button>
              </Popconfirm>
            )}
            {r.allowedActions.includes('reject') && (
              <Button danger onClick={() => setRejecting(r)}>
                {t('reject')}
              </Button>
            )}
          </Space>
        ) : (
          <Space orientation="vertical" size={0}>
            {r.decidedBy && r.decidedAt && <span>{t('decidedBy', { name: r.decidedBy, at: time(r.decidedAt) })}</span>}
            {r.reason && <Typography.Text type="danger">{r.reason}</Typography.Text>}
          </Space>
        ),
    },
  ];

  return (
    <Flex vertical gap={16}>
      <PageHeading title={t('title')} description={t('description')} />
      <Flex gap={12} wrap>
        <Segmented<Status>
          value={status}
          onChange={(v) => (setStatus(v), setPage((p) => ({ ...p, page: 1 })))}
          options={(['pending', 'approved', 'rejected'] as const).map((s) => ({ value: s, label: t(s) }))}
        />
        <Select
          allowClear
          style={{ minWidth: 200 }}
          placeholder={t('anyCommunity')}
          value={communityId}
          onChange={(v) => (setCommunityId(v), setPage((p) => ({ ...p, page: 1 })))}
          options={(communities.data?.items ?? []).map((c) => ({ value: c.id, label: c.name }))}
        />
      </Flex>
      {list.error && <Alert type="error" showIcon message={list.error.message} />}
      <Card styles={{ body: { padding: 0 } }}>
        <Table<UnitRequest>
          rowKey="id"
          size="middle"
          columns={columns}
          dataSource={list.data?.items ?? []}
          loading={list.isFetching}
          scroll={isPhone ? { x: 720 } : undefined}
          locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t(status === 'pending' ? 'emptyPending' : 'empty')} /> }}
          pagination={{
            current: page.page,
            pageSize: page.pageSize,
            total: list.data?.total ?? 0,
            showTotal: (total) => t('total', { total }),
            onChange: (p, size) => setPage({ page: p, pageSize: size }),
            style: { paddingInline: 16 },
          }}
        />
      </Card>
      <RejectDialog request={rejecting} onClose={() => setRejecting(null)} />
    </Flex>
  );
}
