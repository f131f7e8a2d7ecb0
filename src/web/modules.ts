// The module registry: one entry per module a user may be granted. The navigation, the home
// page's cards and the routes are all built from it, filtered by the session's `user.modules`.
// Adding a module = its folder under src/web/<id>/, its messages under `modules.<id>` in
// i18n/en.ts and ur.ts (the type below demands them), and one entry here.
import type { Icon } from '@tabler/icons-react';
import { IconBuildingCommunity, IconShieldCheck, IconUsersGroup } from '@tabler/icons-react';
import { IconBriefcase, IconChartBar } from '@tabler/icons-react';
import { IconHeadset } from '@tabler/icons-react';
import { IconArrowsExchange } from '@tabler/icons-react';
import { IconPlaneDeparture } from '@tabler/icons-react';
import { lazy, type ComponentType, type LazyExoticComponent } from 'react';
import type { Messages } from './i18n/en';

export type ModuleId = keyof Messages['modules'];

export interface ModuleDefinition {
  id: ModuleId;
  /** Base path of the module's screens; the page handles anything below it. */
  path: `/${string}`;
  icon: Icon;
  Page: LazyExoticComponent<ComponentType>;
}

export const MODULES: readonly ModuleDefinition[] = [
  { id: 'admin', path: '/admin', icon: IconBuildingCommunity, Page: lazy(() => import('./admin/AdminPage')) },
  { id: 'audit', path: '/audit', icon: IconShieldCheck, Page: lazy(() => import('./audit/AuditPage')) },
  { id: 'persons', path: '/persons', icon: IconUsersGroup, Page: lazy(() => import('./persons/PersonsPage')) },
  { id: 'cases', path: '/cases', icon: IconBriefcase, Page: lazy(() => import('./cases/CasesPage')) },
  { id: 'monitoring', path: '/monitoring', icon: IconChartBar, Page: lazy(() => import('./monitoring/MonitoringPage')) },
  { id: 'helpline', path: '/helpline', icon: IconHeadset, Page: lazy(() => import('./helpline/HelplinePage')) },
  { id: 'referrals', path: '/referrals', icon: IconArrowsExchange, Page: lazy(() => import('./referrals/ReferralsPage')) },
  { id: 'screening', path: '/screening', icon: IconPlaneDeparture, Page: lazy(() => import('./screening/ScreeningPage')) },
];

/** The modules this user may open, in registry order. Unknown ids from the server are ignored. */
export function modulesFor(granted: readonly string[]): ModuleDefinition[] {
  return MODULES.filter((m) => granted.includes(m.id));
}
