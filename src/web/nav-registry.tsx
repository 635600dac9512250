import { lazy, type ComponentType, type LazyExoticComponent, type ReactNode } from 'react';
import { AuditOutlined, FormOutlined, HomeOutlined, ProjectOutlined, SafetyCertificateOutlined, ToolOutlined, UnorderedListOutlined } from '@ant-design/icons';
import { ApartmentOutlined, CloudUploadOutlined, IdcardOutlined, TeamOutlined, UserAddOutlined, UserOutlined } from '@ant-design/icons';
import { AlertOutlined, BarChartOutlined, CompassOutlined, SwapOutlined } from '@ant-design/icons';
import { AccountBookOutlined, HistoryOutlined, ScanOutlined } from '@ant-design/icons';
import { CheckSquareOutlined, FundOutlined, IssuesCloseOutlined } from '@ant-design/icons';
import { RiseOutlined, TrophyOutlined } from '@ant-design/icons';
import type { Role } from '../common/roles';
import type { MessageKey } from './i18n/messages';

/** A page loaded on first visit, so the first screen stays small. */
export type LazyPage = LazyExoticComponent<ComponentType> & {
  /** Starts loading the page's code now (the same import React.lazy makes when it first renders). */
  preload: () => Promise<unknown>;
};

/** Loads a named export of a page module lazily (pages use named exports, React.lazy wants default). */
export function lazyPage<M extends Record<string, unknown>>(
  load: () => Promise<M>,
  exportName: keyof M & string,
): LazyPage {
  let loading: Promise<M> | null = null;
  const once = () => (loading ??= load());
  return Object.assign(
    lazy(async () => ({ default: (await once())[exportName] as ComponentType })),
    { preload: () => once().catch(() => undefined) },
  );
}

/**
 * One page of the staff console. The menu, the routes and the role check all come from
 * {@link NAV_ENTRIES}, so a module adds its page by adding one entry here.
 */
export interface NavEntry {
  /**
   * Absolute route path; also the menu key. The page owns everything below it (`/x/*`), so a
   * module's detail pages are nested `<Routes>` inside its page and keep the entry's role check.
   */
  path: string;
  /** Menu label and page title. */
  labelKey: MessageKey;
  icon: ReactNode;
  /** Roles that see the entry and may open the page, or 'everyone' signed in. */
  roles: readonly Role[] | 'everyone';
  page: LazyPage;
}

/** Company staff who read the registry (communities, units, residents, staff). */
const REGISTRY_STAFF: readonly Role[] = [
  'company_admin',
  'project_manager',
  'service_desk',
  'dispatcher',
  'technician',
  'guard',
  'cleaner',
  'greening',
  'quality_inspector',
];

/** The console's pages, in menu order. Only real, working pages belong here. */
export const NAV_ENTRIES: readonly NavEntry[] = [
  {
    path: '/',
    labelKey: 'nav.home',
    icon: <HomeOutlined />,
    roles: 'everyone',
    page: lazyPage(() => import('./pages/home/home-page'), 'HomePage'),
  },
  {
    path: '/audit',
    labelKey: 'nav.audit',
    icon: <AuditOutlined />,
    roles: ['company_admin', 'platform_admin'],
    page: lazyPage(() => import('./pages/audit/audit-page'), 'AuditPage'),
  },
  {
    path: '/standards',
    labelKey: 'nav.standards',
    icon: <SafetyCertificateOutlined />,
    roles: [
      'company_admin',
      'project_manager',
      'service_desk',
      'dispatcher',
      'technician',
      'quality_inspector',
      'guard',
      'cleaner',
      'greening',
    ],
    page: lazyPage(() => import('./pages/standards/standards-page'), 'StandardsPage'),
  },
  // Work orders: the three task pages come before the list, which owns /work-orders/:id and /print.
  {
    path: '/work-orders/new',
    labelKey: 'nav.workOrders.intake',
    icon: <FormOutlined />,
    roles: ['service_desk', 'project_manager', 'company_admin'],
    page: lazyPage(() => import('./pages/work-orders/intake-page'), 'IntakePage'),
  },
  {
    path: '/work-orders/board',
    labelKey: 'nav.workOrders.board',
    icon: <ProjectOutlined />,
    roles: ['dispatcher', 'service_desk', 'project_manager', 'company_admin'],
    page: lazyPage(() => import('./pages/work-orders/board-page'), 'BoardPage'),
  },
  {
    path: '/work-orders/mine',
    labelKey: 'nav.workOrders.mine',
    icon: <ToolOutlined />,
    roles: ['technician', 'company_admin'],
    page: lazyPage(() => import('./pages/work-orders/mine-page'), 'MinePage'),
  },
  {
    path: '/work-orders',
    labelKey: 'nav.workOrders.list',
    icon: <UnorderedListOutlined />,
    roles: ['service_desk', 'dispatcher', 'technician', 'project_manager', 'quality_inspector', 'company_admin'],
    page: lazyPage(() => import('./pages/work-orders/work-orders-page'), 'WorkOrdersPage'),
  },
  // Patrol, shift handover and incidents: the guard's phone pages first, then the report.
  {
    path: '/patrol/report',
    labelKey: 'nav.patrol.report',
    icon: <BarChartOutlined />,
    roles: ['project_manager', 'company_admin', 'guard'],
    page: lazyPage(() => import('./pages/patrol/report-page'), 'PatrolReportPage'),
  },
  {
    path: '/patrol',
    labelKey: 'nav.patrol.mine',
    icon: <CompassOutlined />,
    roles: ['guard'],
    page: lazyPage(() => import('./pages/patrol/my-round-page'), 'MyRoundPage'),
  },
  {
    path: '/handover',
    labelKey: 'nav.handover',
    icon: <SwapOutlined />,
    roles: ['guard', 'service_desk', 'project_manager', 'company_admin'],
    page: lazyPage(() => import('./pages/shifts/handover-page'), 'HandoverPage'),
  },
  {
    path: '/fees',
    labelKey: 'nav.fees',
    icon: <AccountBookOutlined />,
    roles: ['service_desk', 'project_manager', 'company_admin'],
    page: lazyPage(() => import('./pages/fees/fees-page'), 'FeesPage'),
  },
  {
    path: '/incidents',
    labelKey: 'nav.incidents',
    icon: <AlertOutlined />,
    roles: ['guard', 'service_desk', 'project_manager', 'company_admin'],
    page: lazyPage(() => import('./pages/incidents/incidents-page'), 'IncidentsPage'),
  },
  {
    path: '/training',
    labelKey: 'nav.training',
    icon: <IdcardOutlined />,
    roles: ['company_admin', 'project_manager', 'quality_inspector', 'dispatcher'],
    page: lazyPage(() => import('./pages/training/training-page'), 'TrainingPage'),
  },
  {
    path: '/appraisal',
    labelKey: 'nav.appraisal',
    icon: <RiseOutlined />,
    roles: ['company_admin', 'project_manager', 'quality_inspector'],
    page: lazyPage(() => import('./pages/appraisal/appraisal-page'), 'AppraisalPage'),
  },
  {
    path: '/my-appraisal',
    labelKey: 'nav.myAppraisal',
    icon: <TrophyOutlined />,
    roles: ['guard', 'service_desk', 'cleaner', 'greening', 'technician', 'dispatcher', 'quality_inspector', 'project_manager'],
    page: lazyPage(() => import('./pages/appraisal/my-appraisal-page'), 'MyAppraisalPage'),
  },
  {
    path: '/gate',
    labelKey: 'nav.gate.post',
    icon: <ScanOutlined />,
    roles: ['guard', 'service_desk', 'project_manager', 'company_admin'],
    page: lazyPage(() => import('./pages/gate/gate-page'), 'GatePage'),
  },
  {
    path: '/gate-records',
    labelKey: 'nav.gate.records',
    icon: <HistoryOutlined />,
    roles: ['service_desk', 'project_manager', 'company_admin', 'guard'],
    page: lazyPage(() => import('./pages/gate/logs-page'), 'LogsPage'),
  },
  // Quality: the report and the rectifications list come before the inspector's page, which owns /quality/inspections/:id.
  {
    path: '/quality/report',
    labelKey: 'nav.quality.report',
    icon: <FundOutlined />,
    roles: ['quality_inspector', 'project_manager', 'company_admin'],
    page: lazyPage(() => import('./pages/quality/report-page'), 'QualityReportPage'),
  },
  {
    path: '/quality/rectifications',
    labelKey: 'nav.quality.rectifications',
    icon: <IssuesCloseOutlined />,
    roles: ['guard', 'service_desk', 'cleaner', 'greening', 'technician', 'dispatcher', 'quality_inspector', 'project_manager', 'company_admin'],
    page: lazyPage(() => import('./pages/quality/rectifications-page'), 'RectificationsPage'),
  },
  {
    path: '/quality',
    labelKey: 'nav.quality.inspect',
    icon: <CheckSquareOutlined />,
    roles: ['quality_inspector', 'project_manager', 'company_admin'],
    page: lazyPage(() => import('./pages/quality/quality-page'), 'QualityPage'),
  },
  {
    path: '/units',
    labelKey: 'nav.units',
    icon: <ApartmentOutlined />,
    roles: REGISTRY_STAFF,
    page: lazyPage(() => import('./pages/registry/units-page'), 'UnitsPage'),
  },
  {
    path: '/residents',
    labelKey: 'nav.residents',
    icon: <TeamOutlined />,
    roles: REGISTRY_STAFF,
    page: lazyPage(() => import('./pages/registry/residents-page'), 'ResidentsPage'),
  },
  {
    path: '/unit-requests',
    labelKey: 'nav.unitRequests',
    icon: <UserAddOutlined />,
    roles: ['company_admin', 'project_manager', 'service_desk'],
    page: lazyPage(() => import('./pages/portal/unit-requests-page'), 'UnitRequestsPage'),
  },
  {
    path: '/communities',
    labelKey: 'nav.communities',
    icon: <IdcardOutlined />,
    roles: REGISTRY_STAFF,
    page: lazyPage(() => import('./pages/registry/communities-page'), 'CommunitiesPage'),
  },
  {
    path: '/staff',
    labelKey: 'nav.staff',
    icon: <UserOutlined />,
    roles: REGISTRY_STAFF,
    page: lazyPage(() => import('./pages/registry/staff-page'), 'StaffPage'),
  },
  // The facilities register; owns /facilities/:id (where a printed label's QR code
  // leads; not /assets, which holds the built web app's files). An icon the shell already carries.
  {
    path: '/facilities',
    labelKey: 'nav.assets',
    icon: <ToolOutlined />,
    roles: REGISTRY_STAFF,
    page: lazyPage(() => import('./pages/assets/assets-page'), 'AssetsPage'),
  },
  {
    path: '/imports',
    labelKey: 'nav.imports',
    icon: <CloudUploadOutlined />,
    // Desk clerks import residents; managers also buildings and units (the page offers what the API allows).
    roles: ['company_admin', 'project_manager', 'service_desk'],
    page: lazyPage(() => import('./pages/registry/import-page'), 'ImportPage'),
  },
];

/** Whether a user holding `roles` may open the entry. */
export function canOpen(entry: NavEntry, roles: readonly Role[]): boolean {
  return entry.roles === 'everyone' || entry.roles.some((role) => roles.includes(role));
}

/** The entries a user holding `roles` sees, in menu order. */
export function navEntriesFor(roles: readonly Role[]): NavEntry[] {
  return NAV_ENTRIES.filter((entry) => canOpen(entry, roles));
}

/**
 * Starts loading the code of the page a full load lands on, while the session is still being
 * asked for: without it the page's chunk is requested only after `/auth/me` has answered and the
 * frame has rendered. A failed preload is not an error here: the route's own import reports it.
 */
export function preloadPageFor(pathname: string): void {
  void entryForPath(pathname)?.page.preload();
}

/** The entry a location belongs to: `/` only itself, any other entry its path and everything below. */
export function entryForPath(pathname: string): NavEntry | undefined {
  return NAV_ENTRIES.find((entry) =>
    entry.path === '/' ? pathname === '/' : pathname === entry.path || pathname.startsWith(`${entry.path}/`),
  );
}
