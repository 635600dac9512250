import { lazy, type ComponentType, type LazyExoticComponent, type ReactNode } from 'react';
import { BoxIcon, ChartIcon, GearIcon, ListIcon, MegaphoneIcon, ShieldIcon, VisitorIcon, WalletIcon, WrenchIcon } from './components/icons';
import type { PortalMe } from './api';
import type { TextKey } from './i18n';

/**
 * Who may open a page: anyone, anyone signed in, a registered resident, or a resident with an
 * approved home (unit-bound services such as repairs).
 */
export type PageAccess = 'public' | 'signedIn' | 'registered' | 'approved';

/** A shortcut on the home page. */
export interface QuickAction {
  labelKey: TextKey;
  /** Where it leads (a path of this page, e.g. with its parameter filled). */
  to: string;
  /** The tile's icon (an inline SVG from components/icons). */
  icon: ReactNode;
  order: number;
}

/** A page of the owner portal. */
export interface PortalPage {
  path: string;
  access: PageAccess;
  component: LazyExoticComponent<ComponentType>;
  quickActions?: QuickAction[];
}

const page = <M,>(load: () => Promise<M>, name: keyof M) =>
  lazy(async () => ({ default: (await load())[name] as ComponentType }));

/**
 * Every page of the portal. A module adds an owner page (visitor passes, goods-release slips ...)
 * with one entry here; a `quickActions` item puts it on the home page.
 */
export const PORTAL_PAGES: PortalPage[] = [
  { path: '/sign-in', access: 'public', component: page(() => import('./pages/sign-in-page'), 'SignInPage') },
  { path: '/privacy', access: 'public', component: page(() => import('./pages/privacy-page'), 'PrivacyPage') },
  { path: '/register', access: 'signedIn', component: page(() => import('./pages/register-page'), 'RegisterPage') },
  { path: '/units/new', access: 'registered', component: page(() => import('./pages/register-page'), 'AddUnitPage') },
  { path: '/', access: 'registered', component: page(() => import('./pages/home-page'), 'HomePage') },
  {
    path: '/new/:kind',
    access: 'approved',
    component: page(() => import('./pages/new-request-page'), 'NewRequestPage'),
    quickActions: [
      { labelKey: 'quick.repair', to: '/new/repair', icon: <WrenchIcon />, order: 10 },
      { labelKey: 'quick.complaint', to: '/new/complaint', icon: <MegaphoneIcon />, order: 20 },
    ],
  },
  {
    path: '/requests',
    access: 'registered',
    component: page(() => import('./pages/requests-page'), 'RequestsPage'),
    quickActions: [{ labelKey: 'quick.requests', to: '/requests', icon: <ListIcon />, order: 30 }],
  },
  { path: '/requests/:id', access: 'registered', component: page(() => import('./pages/request-page'), 'RequestPage') },
  {
    path: '/passes',
    access: 'approved',
    component: page(() => import('./pages/gate/passes-page'), 'PassesPage'),
    quickActions: [{ labelKey: 'quick.visitors', to: '/passes', icon: <VisitorIcon />, order: 24 }],
  },
  { path: '/passes/new', access: 'approved', component: page(() => import('./pages/gate/new-pass-page'), 'NewPassPage') },
  { path: '/passes/:id', access: 'approved', component: page(() => import('./pages/gate/pass-page'), 'PassPage') },
  { path: '/pass/:token', access: 'public', component: page(() => import('./pages/gate/shared-pass-page'), 'SharedPassPage') },
  {
    path: '/slips',
    access: 'approved',
    component: page(() => import('./pages/gate/slips-page'), 'SlipsPage'),
    quickActions: [{ labelKey: 'quick.goods', to: '/slips', icon: <BoxIcon />, order: 26 }],
  },
  { path: '/slips/new', access: 'approved', component: page(() => import('./pages/gate/new-slip-page'), 'NewSlipPage') },
  { path: '/slips/:id', access: 'approved', component: page(() => import('./pages/gate/slip-page'), 'SlipPage') },
  {
    path: '/bills',
    access: 'approved',
    component: page(() => import('./pages/fees/bills-page'), 'BillsPage'),
    quickActions: [{ labelKey: 'quick.bills', to: '/bills', icon: <WalletIcon />, order: 15 }],
  },
  { path: '/receipts/:id', access: 'approved', component: page(() => import('./pages/fees/receipt-page'), 'ReceiptPage') },
  {
    path: '/disclosures',
    access: 'approved',
    component: page(() => import('./pages/fees/disclosures-page'), 'DisclosuresPage'),
    quickActions: [{ labelKey: 'quick.disclosure', to: '/disclosures', icon: <ChartIcon />, order: 28 }],
  },
  { path: '/disclosures/:id', access: 'approved', component: page(() => import('./pages/fees/disclosures-page'), 'DisclosurePage') },
  {
    path: '/quality',
    access: 'approved',
    component: page(() => import('./pages/quality/quality-page'), 'QualityPage'),
    quickActions: [{ labelKey: 'quick.quality', to: '/quality', icon: <ShieldIcon />, order: 29 }],
  },
  { path: '/inbox', access: 'signedIn', component: page(() => import('./pages/inbox/inbox-page'), 'InboxPage') },
  {
    path: '/settings',
    access: 'signedIn',
    component: page(() => import('./pages/settings-page'), 'SettingsPage'),
    quickActions: [{ labelKey: 'quick.settings', to: '/settings', icon: <GearIcon />, order: 90 }],
  },
];

/** True when the person may use pages of this access level. */
export function allows(access: PageAccess, me: PortalMe | null): boolean {
  if (access === 'public') return true;
  if (!me) return false;
  // Until the privacy notice in force is accepted, only the notice itself is open.
  if (me.privacy.required) return false;
  if (access === 'signedIn') return true;
  if (access === 'registered') return me.registered;
  return me.units.some((u) => u.state === 'approved');
}

/** The home page's shortcuts the person may use, in order. */
export function quickActionsFor(me: PortalMe): QuickAction[] {
  return PORTAL_PAGES.filter((p) => allows(p.access, me))
    .flatMap((p) => p.quickActions ?? [])
    .sort((a, b) => a.order - b.order);
}
