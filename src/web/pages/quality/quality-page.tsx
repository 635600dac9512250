import { useState } from 'react';
import { Route, Routes, useNavigate } from 'react-router';
import { Alert, App, Button, Card, Empty, Flex, Form, Input, List, Select, Space, Spin, Tag, Typography } from 'antd';
import { RightOutlined } from '@ant-design/icons';
import { useInspections, useOpenSpotCheck, useTemplates } from '../../api/quality';
import { useSession } from '../../components/session';
import { showFieldErrors } from '../../shared/field-errors';
import { useDocumentTitle } from '../../shared/use-document-title';
import { hasDraft } from './inspection-draft';
import { InspectRun } from './inspect-run';
import { shortDateTime, useQualityI18n } from './use-quality-i18n';

const localDate = (d: Date) => `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;

/** The inspector's phone: today's planned inspections of a community, and a spot check started on the spot. */
function InspectHome() {
  const { t, tl } = useQualityI18n();
  useDocumentTitle(t('inspect.title'));
  const me = useSession();
  const navigate = useNavigate();
  const { message } = App.useApp();
  const [communityId, setCommunityId] = useState<string | undefined>();
  const chosen = communityId ?? me.communities[0]?.id;
  const today = localDate(new Date());
  const list = useInspections({ communityId: chosen, from: today, to: today }, Boolean(chosen));
  const templates = useTemplates(chosen);
  const open = useOpenSpotCheck();
  const [form] = Form.useForm<{ templateKey: string; place: string }>();
  const due = (list.data?.items ?? []).filter((i) => i.stateType === 'open').sort((a, b) => a.dueAt.localeCompare(b.dueAt));

  const start = async (values: { templateKey: string; place: string }) => {
    if (!chosen) return;
    try {
      const created = await open.mutateAsync({ communityId: chosen, ...values });
      navigate(`/quality/inspections/${created.id}`);
    } catch (cause) {
      if (showFieldErrors(form, cause) === false) message.error(cause instanceof Error ? cause.message : String(cause));
    }
  };

  return (
    <Space orientation="vertical" size={12} style={{ width: '100%', maxWidth: 520, margin: '0 auto', display: 'flex' }}>
      <Typography.Title level={3} style={{ margin: 0 }}>
        {t('inspect.title')}
      </Typography.Title>
      {me.communities.length > 1 ? (
        <Select size="large" value={chosen} onChange={setCommunityId} aria-label={t('common.community')} options={me.communities.map((c) => ({ value: c.id, label: c.name }))} data-testid="quality-community" />
      ) : null}
      <Card title={t('inspect.due')} size="small" styles={{ body: { padding: 0 } }}>
        {list.error ? <Alert type="error" title={t('common.loadFailed', { message: list.error.message })} /> : null}
        {list.isPending && chosen ? <Spin style={{ margin: 16 }} /> : null}
        <List
          dataSource={due}
          locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('inspect.noneDue')} /> }}
          data-testid="inspect-due"
          renderItem={(i) => (
            <List.Item onClick={() => navigate(`/quality/inspections/${i.id}`)} style={{ cursor: 'pointer', minHeight: 64, paddingInline: 16 }}>
              <Flex justify="space-between" align="center" style={{ width: '100%' }} gap={8}>
                <Flex vertical>
                  <Typography.Text strong>{`${i.place} · ${tl(i.templateName)}`}</Typography.Text>
                  <Typography.Text type="secondary">{t('inspect.dueBy', { at: shortDateTime(i.dueAt) })}</Typography.Text>
                </Flex>
                <Flex gap={4} align="center">
                  {hasDraft(i.id) ? <Tag color="processing">{t('inspect.draftKept')}</Tag> : null}
                  <RightOutlined />
                </Flex>
              </Flex>
            </List.Item>
          )}
        />
      </Card>
      <Card title={t('inspect.spot')} size="small">
        <Typography.Paragraph type="secondary">{t('inspect.spotHint')}</Typography.Paragraph>
        <Form form={form} layout="vertical" onFinish={(v) => void start(v)} data-testid="spot-form">
          <Form.Item name="templateKey" label={t('inspect.template')} rules={[{ required: true, message: t('inspect.template') }]}>
            <Select
              size="large"
              loading={templates.isPending}
              options={(templates.data?.items ?? []).map((x) => ({ value: x.key, label: `${tl(x.name)}（${t('inspect.items', { n: x.items })}）` }))}
              data-testid="spot-template"
            />
          </Form.Item>
          <Form.Item name="place" label={t('inspect.place')} rules={[{ required: true, whitespace: true, message: t('inspect.placeHint') }]}>
            <Input size="large" maxLength={60} placeholder={t('inspect.placeHint')} data-testid="spot-place" />
          </Form.Item>
          <Button type="primary" htmlType="submit" block style={{ height: 56 }} loading={open.isPending} data-testid="spot-start">
            {t('inspect.start')}
          </Button>
        </Form>
      </Card>
    </Space>
  );
}

/** 品质检查: the inspector's phone pages. */
export function QualityPage() {
  return (
    <Routes>
      <Route index element={<InspectHome />} />
      <Route path="inspections/:id" element={<InspectRun />} />
    </Routes>
  );
}
