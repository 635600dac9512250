import { useState } from 'react';
import { Link, Route, Routes, useNavigate, useParams } from 'react-router';
import { Alert, App, Button, Card, Empty, Flex, Image, Segmented, Space, Spin, Tag, Timeline, Typography } from 'antd';
import { LeftOutlined, RightOutlined } from '@ant-design/icons';
import type { ActionDescription } from '../../../common/work/records';
import { useInspection, useRectification, useRectifications, useRectificationStep, type RectificationDetail, type RectificationSummary } from '../../api/quality';
import { attachmentUrl } from '../../api/work-orders';
import { useSession } from '../../components/session';
import { DueTime } from '../../shared/due-time';
import { StepDialog } from '../../shared/step-form/step-form';
import { useDocumentTitle } from '../../shared/use-document-title';
import { InspectionResult } from './inspection-result';
import { shortDateTime, useQualityI18n } from './use-quality-i18n';

const REINSPECTORS = ['quality_inspector', 'project_manager', 'company_admin'];

function StateTag({ r }: { r: Pick<RectificationSummary, 'stateType' | 'stateName'> }) {
  const { tl } = useQualityI18n();
  return <Tag color={r.stateType === 'closed' ? 'success' : r.stateType === 'waiting' ? 'processing' : 'warning'}>{tl(r.stateName)}</Tag>;
}

function RectCard({ r }: { r: RectificationSummary }) {
  const { t, tl } = useQualityI18n();
  const navigate = useNavigate();
  return (
    <Card size="small" hoverable onClick={() => navigate(`/quality/rectifications/${r.id}`)} data-testid="rect-card" style={{ cursor: 'pointer' }}>
      <Flex justify="space-between" align="center" gap={8}>
        <Flex vertical gap={4} style={{ minWidth: 0 }}>
          <Typography.Text strong>{tl(r.itemText)}</Typography.Text>
          <Typography.Text type="secondary">{t('rect.place', { place: r.place, number: r.number })}</Typography.Text>
          <Flex gap={4} wrap>
            <StateTag r={r} />
            <Tag>{t(`rect.severity.${r.severity}`)}</Tag>
            {r.due ? <DueTime due={r.due} phase={r.phase} /> : null}
          </Flex>
        </Flex>
        <RightOutlined />
      </Flex>
    </Card>
  );
}

/** The responsible person's open rectifications, and for inspectors and managers those awaiting their re-inspection. */
function RectList() {
  const { t } = useQualityI18n();
  useDocumentTitle(t('rect.title'));
  const me = useSession();
  const reinspects = me.roles.some((r) => REINSPECTORS.includes(r));
  const [tab, setTab] = useState<'mine' | 'reinspect'>(reinspects && !me.user.staffId ? 'reinspect' : 'mine');
  const query = useRectifications(tab === 'mine' ? { mine: true, open: true } : { open: true });
  const items = (query.data?.items ?? []).filter((r) => (tab === 'mine' ? r.stateType === 'open' || r.stateType === 'waiting' : r.stateType === 'waiting'));
  return (
    <Space orientation="vertical" size={12} style={{ width: '100%', maxWidth: 520, margin: '0 auto', display: 'flex' }}>
      <Typography.Title level={3} style={{ margin: 0 }}>
        {t('rect.title')}
      </Typography.Title>
      {reinspects ? (
        <Segmented
          block
          size="large"
          value={tab}
          onChange={(v) => setTab(v as 'mine' | 'reinspect')}
          options={[
            { value: 'mine', label: t('rect.mine') },
            { value: 'reinspect', label: t('rect.toReinspect') },
          ]}
          data-testid="rect-tabs"
        />
      ) : null}
      {query.error ? <Alert type="error" title={t('common.loadFailed', { message: query.error.message })} /> : null}
      {query.isPending ? <Spin /> : null}
      {!query.isPending && items.length === 0 ? <Empty description={t('rect.none')} /> : null}
      <Flex vertical gap={8} data-testid="rect-list">
        {items.map((r) => (
          <RectCard key={r.id} r={r} />
        ))}
      </Flex>
    </Space>
  );
}

function Photos({ ids }: { ids: string[] }) {
  const { t } = useQualityI18n();
  if (!ids.length) return <Typography.Text type="secondary">{t('rect.noPhotos')}</Typography.Text>;
  return (
    <Image.PreviewGroup>
      <Flex gap={8} wrap>
        {ids.map((id) => (
          <Image key={id} src={attachmentUrl(id, true)} preview={{ src: attachmentUrl(id) }} width={88} height={88} style={{ objectFit: 'cover', borderRadius: 6 }} />
        ))}
      </Flex>
    </Image.PreviewGroup>
  );
}

/** One rectification: the item, its deadline, photos before and after, the steps the caller may take and its history; then the inspection's score. */
function RectDetail() {
  const { id = '' } = useParams();
  const { t, tl } = useQualityI18n();
  const { message } = App.useApp();
  const query = useRectification(id);
  const step = useRectificationStep(id);
  const [open, setOpen] = useState<ActionDescription | null>(null);
  const inspection = useInspection(query.data?.inspectionId);
  useDocumentTitle(t('rect.title'));
  if (query.isPending) return <Spin />;
  if (query.error) return <Alert type="error" title={t('common.loadFailed', { message: query.error.message })} />;
  const r: RectificationDetail = query.data;
  const of = (purpose: string) => r.files.filter((f) => f.purpose === purpose).map((f) => f.id);
  return (
    <Space orientation="vertical" size={12} style={{ width: '100%', maxWidth: 520, margin: '0 auto', display: 'flex' }} data-testid="rect-detail">
      <Link to="/quality/rectifications">
        <LeftOutlined /> {t('common.back')}
      </Link>
      <Card size="small">
        <Space orientation="vertical" size={8} style={{ width: '100%' }}>
          <Typography.Title level={4} style={{ margin: 0 }}>
            {tl(r.itemText)}
          </Typography.Title>
          <Typography.Text type="secondary">{t('rect.place', { place: r.place, number: r.number })}</Typography.Text>
          <Typography.Text type="secondary">{t('rect.inspection', { number: r.inspectionNumber })}</Typography.Text>
          <Flex gap={4} wrap>
            <StateTag r={r} />
            <Tag>{t(`rect.severity.${r.severity}`)}</Tag>
            {r.due ? <DueTime due={r.due} phase={r.phase} /> : null}
          </Flex>
        </Space>
      </Card>
      <Card size="small" title={t('rect.before')}>
        <Photos ids={of('before_photos')} />
      </Card>
      <Card size="small" title={t('rect.after')}>
        <Photos ids={[...of('after_photos'), ...of('photos')]} />
      </Card>
      {r.actions.length ? (
        <Flex vertical gap={8}>
          {r.actions.map((a) => (
            <Button key={a.key} type="primary" size="large" style={{ height: 56 }} block onClick={() => setOpen(a)} data-testid={`rect-action-${a.key}`}>
              {tl(a.name)}
            </Button>
          ))}
        </Flex>
      ) : null}
      <Card size="small" title={t('rect.timeline')}>
        <Timeline
          items={r.timeline.map((e) => ({
            key: e.id,
            content: (
              <Flex vertical>
                <span>{e.action === 'created' ? t('inspect.created') : tl(e.actionName) || e.action}</span>
                {typeof e.data.note === 'string' ? <Typography.Text>{e.data.note}</Typography.Text> : null}
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {shortDateTime(e.at)} {e.actor?.name ?? ''}
                </Typography.Text>
              </Flex>
            ),
          }))}
        />
      </Card>
      {inspection.data ? <InspectionResult detail={inspection.data} /> : null}
      {open ? (
        <StepDialog
          action={open}
          target={{ communityId: r.communityId }}
          title={`${tl(open.name)} · ${tl(r.itemText)}`}
          submit={(body) => step.mutateAsync({ action: open.key, body })}
          onClose={() => setOpen(null)}
          onDone={() => {
            setOpen(null);
            message.success(tl(open.name));
          }}
        />
      ) : null}
    </Space>
  );
}

/** 整改: the responsible person's phone list and the re-inspector's view. */
export function RectificationsPage() {
  return (
    <Routes>
      <Route index element={<RectList />} />
      <Route path=":id" element={<RectDetail />} />
    </Routes>
  );
}
