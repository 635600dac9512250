import { useState } from 'react';
import { PlusOutlined, PrinterOutlined } from '@ant-design/icons';
import { App, Button, Card, Drawer, Empty, Flex, Switch, Tag, Typography } from 'antd';
import { usePatrolPlans, usePatrolRoutes, useSetPlanActive, type PatrolRoute } from '../../api/security';
import { useI18n } from '../../i18n/i18n-context';
import { useMediaQuery } from '../../components/use-media-query';
import { PlanForm } from './plan-form';
import { RouteForm } from './route-form';
import { TagSheet } from './tag-sheet';
import { useSecurityI18n } from './use-security-i18n';

const PRINT_TAGS = { 'zh-CN': '打印标签', 'en-US': 'Print tags' } as const;

/**
 * The community's routes with each checkpoint's tag id (what the QR code or NFC tag carries) and
 * timing, and the plans that make the rounds; the manager creates routes and plans and pauses or
 * resumes a plan here.
 */
export function RoutesCard({ communityId, canConfigure }: { communityId: string | undefined; canConfigure: boolean }) {
  const { t } = useSecurityI18n();
  const { message } = App.useApp();
  const routes = usePatrolRoutes(communityId);
  const plans = usePatrolPlans(communityId);
  const setActive = useSetPlanActive();
  const items = routes.data?.items ?? [];
  const isPhone = useMediaQuery('(max-width: 575px)');
  const [drawer, setDrawer] = useState<'route' | 'plan' | null>(null);
  const [printing, setPrinting] = useState<PatrolRoute | null>(null);
  const { locale } = useI18n();
  return (
    <Card title={t('routes.title')} loading={routes.isPending} data-testid="routes-card">
      {canConfigure && communityId ? (
        <Flex gap={8} wrap style={{ marginBottom: 16 }}>
          <Button icon={<PlusOutlined />} onClick={() => setDrawer('route')} data-testid="new-route">
            {t('setup.newRoute')}
          </Button>
          <Button icon={<PlusOutlined />} onClick={() => setDrawer('plan')} disabled={items.length === 0} title={items.length === 0 ? t('setup.needRoute') : undefined} data-testid="new-plan">
            {t('setup.newPlan')}
          </Button>
        </Flex>
      ) : null}
      {items.length === 0 ? <Empty description={t('routes.empty')} /> : null}
      {items.map((route) => (
        <Flex key={route.id} vertical gap={8} style={{ marginBottom: 16 }}>
          <Flex justify="space-between" align="center" gap={8} wrap>
            <Typography.Text strong style={{ fontSize: 16 }}>
              {route.name}
            </Typography.Text>
            <Button size="small" icon={<PrinterOutlined />} onClick={() => setPrinting(route)} data-testid="open-tag-sheet">
              {PRINT_TAGS[locale]}
            </Button>
          </Flex>
          {route.description ? <Typography.Text type="secondary">{route.description}</Typography.Text> : null}
          <ol style={{ margin: 0, paddingInlineStart: 20 }}>
            {route.checkpoints.map((c) => (
              <li key={c.id} style={{ padding: '2px 0' }}>
                <Flex gap={6} wrap align="center">
                  <span>{c.name}</span>
                  <Tag style={{ fontFamily: 'monospace', marginInlineEnd: 0 }}>{t('routes.tag', { tag: c.tagId })}</Tag>
                  <Typography.Text type="secondary" style={{ fontSize: 13 }}>
                    {t('routes.offset', { n: c.offsetMinutes, tol: c.toleranceMinutes })}
                  </Typography.Text>
                </Flex>
              </li>
            ))}
          </ol>
          {(plans.data?.items ?? [])
            .filter((p) => p.routeId === route.id)
            .map((p) => (
              <Flex key={p.id} justify="space-between" align="center" gap={8} wrap style={{ background: '#fafafa', padding: 8, borderRadius: 6 }}>
                <Flex vertical>
                  <Typography.Text>{t('routes.plan', { name: p.name, start: p.startTime, end: p.endTime, every: p.everyMinutes })}</Typography.Text>
                  {p.peakWindows.map((w) => (
                    <Typography.Text key={w.start} type="secondary" style={{ fontSize: 13 }}>
                      {t('routes.peak', { start: w.start, end: w.end, every: w.everyMinutes })}
                    </Typography.Text>
                  ))}
                </Flex>
                <Switch
                  checked={p.active}
                  disabled={!canConfigure}
                  loading={setActive.isPending && setActive.variables?.id === p.id}
                  checkedChildren={t('routes.active')}
                  unCheckedChildren={t('routes.paused')}
                  onChange={(active) => setActive.mutate({ id: p.id, active }, { onError: (e) => message.error(e.message) })}
                />
              </Flex>
            ))}
        </Flex>
      ))}
      {printing ? <TagSheet route={printing} onClose={() => setPrinting(null)} /> : null}
      <Drawer open={drawer !== null} onClose={() => setDrawer(null)} size={isPhone ? '100%' : 560} title={drawer === 'plan' ? t('setup.newPlan') : t('setup.newRoute')} destroyOnHidden>
        {drawer === 'route' ? <RouteForm communityId={communityId} onDone={() => setDrawer(null)} /> : null}
        {drawer === 'plan' && communityId ? <PlanForm communityId={communityId} onDone={() => setDrawer(null)} /> : null}
      </Drawer>
    </Card>
  );
}
