import { useMemo, useState, type ReactNode } from 'react';
import { Route, Routes, useSearchParams } from 'react-router';
import { Flex, Select, Tabs, Typography } from 'antd';
import { useCommunities } from '../../api/registry';
import { useSession } from '../../components/session';
import { useDocumentTitle } from '../../shared/use-document-title';
import { useFeatureI18n } from '../../shared/use-feature-i18n';
import { NotFoundPage } from '../not-found/not-found-page';
import { BankPanel } from './bank-panel';
import { BillRunsPanel } from './bill-runs-panel';
import { DeskPanel } from './desk-panel';
import { FEE_DESK_MESSAGES } from './fee-desk-messages';
import { FEE_MESSAGES } from './fee-messages';
import { FeeItemsPanel } from './fee-items-panel';
import { FEE_OPS_MESSAGES } from './fee-ops-messages';
import { MetersPanel } from './meters-panel';
import { ReceiptPage } from './receipt-page';
import { DisclosurePanel } from './disclosure-panel';
import { DisclosurePrintPage } from './disclosure-print-page';
import { LetterPage } from './letter-page';
import { LateFeePanel } from './late-fee-panel';
import { FEE_LATE_MESSAGES } from './late-fee-messages';
import { FEE_OWNER_MESSAGES } from './owner-messages';
import { PayInfoPanel } from './pay-info-panel';
import { ReportsPanel } from './reports-panel';
import { ShiftClosePanel } from './shift-close-panel';

interface Page {
  key: string;
  label: string;
  children: ReactNode;
}

/**
 * 收费: the fee pages of one community in five groups, so the desk finds its way: 收费 (the desk and
 * the shift close), 账单 (bill runs and meter readings), 对账 (bank statements), 报表 (reports and
 * the public disclosure), 设置 (fee items, how to pay and reminders). The open page is in the URL
 * (`?tab=bank`), so a link can open it.
 */
function FeesHome() {
  const { t } = useFeatureI18n(FEE_MESSAGES);
  const owner = useFeatureI18n(FEE_OWNER_MESSAGES).t;
  const ops = useFeatureI18n(FEE_OPS_MESSAGES).t;
  const groupsT = useFeatureI18n(FEE_DESK_MESSAGES).t;
  const late = useFeatureI18n(FEE_LATE_MESSAGES).t;
  useDocumentTitle(t('page.title'));
  const me = useSession();
  const { data: communities } = useCommunities();
  const [picked, setPicked] = useState<string | undefined>();
  const [params, setParams] = useSearchParams();
  const communityId = picked ?? communities?.items[0]?.id;
  const manages = useMemo(() => me.roles.some((r) => r === 'company_admin' || r === 'project_manager'), [me.roles]);
  const desk = manages || me.roles.includes('service_desk');
  const groups: { key: string; label: string; pages: Page[] }[] = communityId
    ? [
        {
          key: 'collect',
          label: groupsT('group.collect'),
          pages: [
            { key: 'desk', label: t('tab.desk'), children: <DeskPanel communityId={communityId} /> },
            ...(desk ? [{ key: 'shift-close', label: ops('tab.shiftClose'), children: <ShiftClosePanel communityId={communityId} /> }] : []),
          ],
        },
        {
          key: 'bills',
          label: groupsT('group.bills'),
          pages: [
            ...(manages ? [{ key: 'runs', label: t('tab.runs'), children: <BillRunsPanel communityId={communityId} communities={communities?.items ?? []} /> }] : []),
            { key: 'meters', label: ops('tab.meters'), children: <MetersPanel communityId={communityId} /> },
          ],
        },
        ...(desk ? [{ key: 'reconcile', label: groupsT('group.reconcile'), pages: [{ key: 'bank', label: groupsT('tab.bank'), children: <BankPanel communityId={communityId} manages={manages} /> }] }] : []),
        {
          key: 'reports',
          label: groupsT('group.reports'),
          pages: [
            { key: 'reports', label: owner('tab.reports'), children: <ReportsPanel communityId={communityId} /> },
            { key: 'disclosure', label: owner('tab.disclosure'), children: <DisclosurePanel communityId={communityId} manages={manages} /> },
          ],
        },
        {
          key: 'settings',
          label: groupsT('group.settings'),
          pages: [
            { key: 'items', label: t('tab.items'), children: <FeeItemsPanel communityId={communityId} /> },
            { key: 'payInfo', label: owner('tab.payInfo'), children: <PayInfoPanel communityId={communityId} /> },
            ...(desk ? [{ key: 'late-fees', label: late('tab.lateFees'), children: <LateFeePanel communityId={communityId} /> }] : []),
          ],
        },
      ].filter((g) => g.pages.length > 0)
    : [];
  const wanted = params.get('tab');
  const group = groups.find((g) => g.pages.some((p) => p.key === wanted)) ?? groups[0];
  const page = group?.pages.find((p) => p.key === wanted) ?? group?.pages[0];
  const open = (key: string) => setParams((prev) => {
    const next = new URLSearchParams(prev);
    next.set('tab', key);
    return next;
  }, { replace: true });
  return (
    <Flex vertical gap={16}>
      <Flex justify="space-between" align="center" wrap gap={12}>
        <Typography.Title level={3} style={{ margin: 0 }}>
          {t('page.title')}
        </Typography.Title>
        <Flex align="center" gap={8}>
          <Typography.Text>{t('page.community')}</Typography.Text>
          <Select
            style={{ minWidth: 220 }}
            value={communityId}
            onChange={setPicked}
            options={(communities?.items ?? []).map((c) => ({ value: c.id, label: c.name }))}
            data-testid="fees-community"
          />
        </Flex>
      </Flex>
      {group && page ? (
        <Tabs
          activeKey={group.key}
          onChange={(key) => open(groups.find((g) => g.key === key)!.pages[0]!.key)}
          data-testid="fees-groups"
          items={groups.map((g) => ({
            key: g.key,
            label: g.label,
            children:
              g.key !== group.key ? null : g.pages.length > 1 ? (
                <Tabs
                  type="card"
                  size="small"
                  activeKey={page.key}
                  onChange={open}
                  items={g.pages.map((p) => ({ key: p.key, label: p.label, children: p.key === page.key ? <div key={communityId}>{p.children}</div> : null }))}
                />
              ) : (
                <div key={communityId}>{page.children}</div>
              ),
          }))}
        />
      ) : null}
    </Flex>
  );
}

export function FeesPage() {
  return (
    <Routes>
      <Route index element={<FeesHome />} />
      <Route path="receipts/:id" element={<ReceiptPage />} />
      <Route path="disclosures/:id" element={<DisclosurePrintPage />} />
      <Route path="letters/:accountId" element={<LetterPage />} />
      <Route path="*" element={<NotFoundPage />} />
    </Routes>
  );
}
