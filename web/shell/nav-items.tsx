/** The navigation: every page with its icon, label and who may see it. */
import type { ReactNode } from 'react';
import {
  HomeOutlined,
  ApartmentOutlined,
  EnvironmentOutlined,
  TeamOutlined,
  HomeFilled,
  BankOutlined,
  CloudUploadOutlined,
  FileDoneOutlined,
  UserSwitchOutlined,
  AuditOutlined,
  SettingOutlined,
  CameraOutlined,
  ProfileOutlined,
  ApiOutlined,
  TagsOutlined,
  CalendarOutlined,
  AlertOutlined,
  BarChartOutlined,
} from '@ant-design/icons';
import type { Me } from '../lib/auth.js';
import type { Msg } from '../lib/i18n.js';
import { nav } from './messages.js';

const ADMIN_NODE_TYPES = ['city', 'district', 'street', 'community', 'grid'];

export interface NavItem {
  key: string;
  path: string;
  label: Msg;
  icon: ReactNode;
  /** Main items go to the phone's bottom bar (first four visible ones). */
  main?: boolean;
  visible(me: Me): boolean;
}

const has = (me: Me, p: string) => me.permissions.includes(p as never);
const seesGrids = (me: Me) => me.grants.some((g) => ADMIN_NODE_TYPES.includes(g.nodeType) && g.permissions.includes('org.read'));

export const NAV_ITEMS: NavItem[] = [
  { key: 'home', path: '/', label: nav.home, icon: <HomeOutlined />, main: true, visible: () => true },
  { key: 'cases', path: '/cases', label: nav.cases, icon: <AlertOutlined />, main: true, visible: (m) => has(m, 'case.read') },
  { key: 'dashboard', path: '/dashboard', label: nav.dashboard, icon: <BarChartOutlined />, visible: (m) => has(m, 'stats.read') },
  { key: 'map', path: '/map', label: nav.map, icon: <EnvironmentOutlined />, main: true, visible: seesGrids },
  { key: 'residents', path: '/people/residents', label: nav.residents, icon: <TeamOutlined />, main: true, visible: (m) => has(m, 'people.read') },
  { key: 'households', path: '/people/households', label: nav.households, icon: <HomeFilled />, visible: (m) => has(m, 'people.read') },
  { key: 'buildings', path: '/people/buildings', label: nav.buildings, icon: <BankOutlined />, visible: (m) => has(m, 'people.read') },
  { key: 'patrol', path: '/patrol', label: nav.patrol, icon: <FileDoneOutlined />, main: true, visible: (m) => has(m, 'patrol.read') || has(m, 'patrol.write') },
  { key: 'org', path: '/org', label: nav.org, icon: <ApartmentOutlined />, main: true, visible: (m) => has(m, 'org.read') },
  // After the staff pages: residents get them in the bottom bar, staff keep theirs there.
  { key: 'report', path: '/cases/new', label: nav.report, icon: <CameraOutlined />, main: true, visible: (m) => has(m, 'case.report') },
  { key: 'myReports', path: '/cases/mine', label: nav.myReports, icon: <ProfileOutlined />, main: true, visible: (m) => has(m, 'case.report') },
  { key: 'imports', path: '/imports', label: nav.imports, icon: <CloudUploadOutlined />, visible: (m) => has(m, 'people.import') || has(m, 'grid.manage') },
  { key: 'users', path: '/users', label: nav.users, icon: <UserSwitchOutlined />, visible: (m) => has(m, 'user.manage') },
  { key: 'categories', path: '/categories', label: nav.categories, icon: <TagsOutlined />, visible: (m) => has(m, 'case.configure') },
  { key: 'audit', path: '/audit', label: nav.audit, icon: <AuditOutlined />, visible: (m) => has(m, 'audit.read') },
  { key: 'webhooks', path: '/webhooks', label: nav.webhooks, icon: <ApiOutlined />, visible: (m) => has(m, 'webhook.manage') },
  { key: 'calendar', path: '/calendar', label: nav.calendar, icon: <CalendarOutlined />, visible: (m) => has(m, 'case.configure') },
];

/** One's own account (in the user menu; on the home page as a shortcut). */
export const ACCOUNT_ITEM: NavItem = { key: 'account', path: '/account', label: nav.account, icon: <SettingOutlined />, visible: () => true };

/** The items this user may see, in menu order. */
export function visibleItems(me: Me): NavItem[] {
  return NAV_ITEMS.filter((i) => i.visible(me));
}

/** The nav item a location belongs to (longest matching path). */
export function activeKey(pathname: string, items: NavItem[]): string | undefined {
  let best: NavItem | undefined;
  for (const i of items) {
    const match = i.path === '/' ? pathname === '/' : pathname === i.path || pathname.startsWith(i.path + '/');
    if (match && (!best || i.path.length > best.path.length)) best = i;
  }
  if (!best && pathname.startsWith('/grids/')) return items.find((i) => i.key === 'map')?.key;
  return best?.key;
}
