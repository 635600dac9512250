import { useMemo, useState } from 'react';
import { Route, Routes } from 'react-router';
import { Flex, Select, Tabs, Typography } from 'antd';
import { useCommunities } from '../../api/registry';
import { useSession } from '../../components/session';
import { useDocumentTitle } from '../../shared/use-document-title';
import { useFeatureI18n } from '../../shared/use-feature-i18n';
import { NotFoundPage } from '../not-found/not-found-page';
import { BillRunsPanel } from './bill-runs-panel';
import { DeskPanel } from './desk-panel';
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

/** 收费: the cashier desk, bill runs and fee items of one community. */
function FeesHome() {
  const { t } = useFeatureI18n(FEE_MESSAGES);
  const owner = useFeatureI18n(FEE_OWNER_MESSAGES).t;
  const ops = useFeatureI18n(FEE_OPS_MESSAGES).t;
  const late = useFeatureI18n(FEE_LATE_MESSAGES).t;
  useDocumentTitle(t('page.title'));
  const me = useSession();
  const { data: communities } = useCommunities();
  const [picked, setPicked] = useState<string | undefined>();
  const communityId = picked ?? communities?.items[0]?.id;
  const manages = useMemo(() => me.roles.some((r) => r === 'company_admin' || r === 'project_manager'), [me.roles]);
  const desk = manages || me.roles.includes('service_desk');
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
      {communityId ? (
        <Tabs
          destroyOnHidden
          items={[
            { key: 'desk', label: t('tab.desk'), children: <DeskPanel communityId={communityId} /> },
            ...(manages ? [{ key: 'runs', label: t('tab.runs'), children: <BillRunsPanel communityId={communityId} /> }] : []),
            { key: 'items', label: t('tab.items'), children: <FeeItemsPanel communityId={communityId} /> },
            { key: 'reports', label: owner('tab.reports'), children: <ReportsPanel communityId={communityId} /> },
            { key: 'disclosure', label: owner('tab.disclosure'), children: <DisclosurePanel communityId={communityId} manages={manages} /> },
            { key: 'payInfo', label: owner('tab.payInfo'), children: <PayInfoPanel communityId={communityId} /> },
            { key: 'meters', label: ops('tab.meters'), children: <MetersPanel communityId={communityId} /> },
            ...(desk ? [{ key: 'shift-close', label: ops('tab.shiftClose'), children: <ShiftClosePanel communityId={communityId} /> }] : []),
            ...(desk ? [{ key: 'late-fees', label: late('tab.lateFees'), children: <LateFeePanel communityId={communityId} /> }] : []),
          ]}
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
