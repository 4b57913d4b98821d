/** Routes: the sign-in page outside, every other page inside the signed-in shell. Feature pages load lazily. */
import { lazy, Suspense, type ReactNode } from 'react';
import { createBrowserRouter, Navigate, useLocation } from 'react-router';
import { useAuth } from './lib/auth.js';
import { Loading } from './ui/Loading.js';
import { AppShell } from './shell/AppShell.js';
import { HomePage } from './shell/HomePage.js';
import { NotFoundPage } from './shell/NotFoundPage.js';
import { LoginPage } from './features/auth/LoginPage.js';

const named = <K extends string>(load: () => Promise<Record<K, React.ComponentType>>, name: K) =>
  lazy(async () => ({ default: (await load())[name] }));

const AccountPage = named(() => import('./features/auth/AccountPage.js'), 'AccountPage');
const ChangePasswordPage = named(() => import('./features/auth/ChangePasswordPage.js'), 'ChangePasswordPage');
const OrgPage = named(() => import('./features/org/OrgPage.js'), 'OrgPage');
const MapPage = named(() => import('./features/geo/MapPage.js'), 'MapPage');
const GridPage = named(() => import('./features/geo/GridPage.js'), 'GridPage');
const ResidentsPage = named(() => import('./features/people/ResidentsPage.js'), 'ResidentsPage');
const ResidentPage = named(() => import('./features/people/ResidentPage.js'), 'ResidentPage');
const HouseholdsPage = named(() => import('./features/people/HouseholdsPage.js'), 'HouseholdsPage');
const HouseholdPage = named(() => import('./features/people/HouseholdPage.js'), 'HouseholdPage');
const BuildingsPage = named(() => import('./features/people/BuildingsPage.js'), 'BuildingsPage');
const BuildingPage = named(() => import('./features/people/BuildingPage.js'), 'BuildingPage');
const ImportsPage = named(() => import('./features/imports/ImportsPage.js'), 'ImportsPage');
const PatrolPage = named(() => import('./features/patrol/PatrolPage.js'), 'PatrolPage');
const AuditPage = named(() => import('./features/audit/AuditPage.js'), 'AuditPage');
const CalendarPage = named(() => import('./features/calendar/CalendarPage.js'), 'CalendarPage');
const CategoriesPage = named(() => import('./features/categories/CategoriesPage.js'), 'CategoriesPage');
const NotificationsPage = named(() => import('./features/notifications/NotificationsPage.js'), 'NotificationsPage');
const WebhooksPage = named(() => import('./features/notifications/WebhooksPage.js'), 'WebhooksPage');
const WebhookPage = named(() => import('./features/notifications/WebhookPage.js'), 'WebhookPage');
const CasesPage = named(() => import('./features/cases/CasesPage.js'), 'CasesPage');
const DashboardPage = named(() => import('./features/dashboard/DashboardPage.js'), 'DashboardPage');
const CasePage = named(() => import('./features/cases/CasePage.js'), 'CasePage');
const ReportPage = named(() => import('./features/cases/report/ReportPage.js'), 'ReportPage');
const MyReportsPage = named(() => import('./features/cases/mine/MyReportsPage.js'), 'MyReportsPage');
const PublicCasesPage = named(() => import('./features/cases/public/PublicCasesPage.js'), 'PublicCasesPage');
const PublicCasePage = named(() => import('./features/cases/public/PublicCasePage.js'), 'PublicCasePage');
const UsersPage = named(() => import('./features/users/UsersPage.js'), 'UsersPage');
const UserPage = named(() => import('./features/users/UserPage.js'), 'UserPage');

/** Sends signed-out visitors to the sign-in page, remembering where they wanted to go. */
function RequireAuth({ children }: { children: ReactNode }) {
  const { me } = useAuth();
  const location = useLocation();
  if (me === undefined) return <Loading height={400} />;
  if (me === null) return <Navigate to={`/login?next=${encodeURIComponent(location.pathname + location.search)}`} replace />;
  return <>{children}</>;
}

export const router = createBrowserRouter([
  { path: '/login', element: <LoginPage /> },
  // Public pages: no sign-in (outside RequireAuth).
  { path: '/public/cases', element: <Suspense fallback={<Loading height={400} />}><PublicCasesPage /></Suspense> },
  { path: '/public/cases/:id', element: <Suspense fallback={<Loading height={400} />}><PublicCasePage /></Suspense> },
  {
    path: '/',
    element: (
      <RequireAuth>
        <AppShell />
      </RequireAuth>
    ),
    children: [
      { index: true, element: <HomePage /> },
      { path: 'account', element: <AccountPage /> },
      { path: 'account/password', element: <ChangePasswordPage /> },
      { path: 'org', element: <OrgPage /> },
      { path: 'org/:id', element: <OrgPage /> },
      { path: 'map', element: <MapPage /> },
      { path: 'grids/:id', element: <GridPage /> },
      { path: 'people/residents', element: <ResidentsPage /> },
      { path: 'people/residents/:id', element: <ResidentPage /> },
      { path: 'people/households', element: <HouseholdsPage /> },
      { path: 'people/households/:id', element: <HouseholdPage /> },
      { path: 'people/buildings', element: <BuildingsPage /> },
      { path: 'people/buildings/:id', element: <BuildingPage /> },
      { path: 'imports', element: <ImportsPage /> },
      { path: 'patrol', element: <PatrolPage /> },
      { path: 'audit', element: <AuditPage /> },
      { path: 'calendar', element: <CalendarPage /> },
      { path: 'categories', element: <CategoriesPage /> },
      { path: 'categories/:id', element: <CategoriesPage /> },
      { path: 'notifications', element: <NotificationsPage /> },
      { path: 'webhooks', element: <WebhooksPage /> },
      { path: 'webhooks/:id', element: <WebhookPage /> },
      { path: 'cases/new', element: <ReportPage /> },
      { path: 'cases/mine', element: <MyReportsPage /> },
      { path: 'cases', element: <CasesPage /> },
      { path: 'dashboard', element: <DashboardPage /> },
      { path: 'cases/:id', element: <CasePage /> },
      { path: 'users', element: <UsersPage /> },
      { path: 'users/:id', element: <UserPage /> },
      { path: '*', element: <NotFoundPage /> },
    ],
  },
]);

