/**
 * The signed-in frame: side menu on desktop; on a phone a top bar, a bottom tab bar with the main pages and a
 * drawer with everything else. Forces the password change when the account requires it.
 */
import { Suspense, useState } from 'react';
import { Button, Drawer, Dropdown, Layout, Menu, Flex, Divider } from 'antd';
import { MenuOutlined, LogoutOutlined, SettingOutlined, EllipsisOutlined, DownOutlined } from '@ant-design/icons';
import { Navigate, Outlet, useLocation, useNavigate } from 'react-router';
import { useAuth, useMe } from '../lib/auth.js';
import { useI18n } from '../lib/i18n.js';
import { useIsPhone } from '../ui/use-phone.js';
import { Loading } from '../ui/Loading.js';
import { activeKey, visibleItems } from './nav-items.js';
import { nav } from './messages.js';
import { Brand } from './Brand.js';
import { UserBadge } from './UserBadge.js';
import { LanguageSwitch } from './LanguageSwitch.js';
import { NotificationBell } from '../features/notifications/NotificationBell.js';

const BOTTOM_BAR = 56;

/** The app frame around every signed-in page. */
export function AppShell() {
  const me = useMe();
  const { logout } = useAuth();
  const { t } = useI18n();
  const phone = useIsPhone();
  const location = useLocation();
  const navigate = useNavigate();
  const [drawer, setDrawer] = useState(false);
  const [collapsed, setCollapsed] = useState(false);

  if (me.mustChangePassword && location.pathname !== '/account/password') {
    return <Navigate to="/account/password" replace />;
  }
  const forced = me.mustChangePassword;
  const items = forced ? [] : visibleItems(me);
  const selected = activeKey(location.pathname, items);
  const menuItems = items.map((i) => ({
    key: i.key,
    icon: i.icon,
    label: <span data-testid={`nav-${i.key}`}>{t(i.label)}</span>,
  }));
  const go = (key: string) => {
    const item = items.find((i) => i.key === key);
    if (item) navigate(item.path);
    setDrawer(false);
  };
  const signOut = async () => {
    setDrawer(false);
    await logout();
    navigate('/login', { replace: true });
  };

  const page = (
    <Suspense fallback={<Loading />}>
      <Outlet />
    </Suspense>
  );

  if (phone) {
    const main = items.filter((i) => i.main).slice(0, 4);
    return (
      <Layout style={{ minHeight: '100vh' }} data-testid="app-shell" data-layout="phone">
        <Layout.Header
          style={{ position: 'sticky', top: 0, zIndex: 900, background: '#fff', padding: '0 12px', height: 52, lineHeight: '52px', borderBottom: '1px solid #f0f0f0' }}
        >
          <Flex justify="space-between" align="center" style={{ height: '100%' }}>
            <Brand size={26} />
            <Flex align="center" gap={8}>
              <LanguageSwitch />
              {!forced && <NotificationBell />}
              <Button type="text" icon={<MenuOutlined />} aria-label={t(nav.menu)} onClick={() => setDrawer(true)} data-testid="nav-open" />
            </Flex>
          </Flex>
        </Layout.Header>
        <Layout.Content style={{ padding: 12, paddingBottom: BOTTOM_BAR + 16 }}>{page}</Layout.Content>
        {!forced && (
          <nav
            style={{
              position: 'fixed',
              left: 0,
              right: 0,
              bottom: 0,
              height: BOTTOM_BAR,
              paddingBottom: 'env(safe-area-inset-bottom)',
              background: '#fff',
              borderTop: '1px solid #eee',
              display: 'flex',
              zIndex: 900,
            }}
            data-testid="bottom-nav"
          >
            {[...main.map((i) => ({ key: i.key, icon: i.icon, label: t(i.label), onClick: () => go(i.key) })), {
              key: 'more',
              icon: <EllipsisOutlined />,
              label: t(nav.more),
              onClick: () => setDrawer(true),
            }].map((b) => (
              <button
                key={b.key}
                onClick={b.onClick}
                data-testid={`tab-${b.key}`}
                style={{
                  flex: 1,
                  border: 0,
                  background: 'none',
                  display: 'flex',
                  flexDirection: 'column',
                  alignItems: 'center',
                  justifyContent: 'center',
                  gap: 2,
                  fontSize: 12,
                  color: selected === b.key ? '#1677ff' : '#555',
                  cursor: 'pointer',
                }}
              >
                <span style={{ fontSize: 20 }}>{b.icon}</span>
                {b.label}
              </button>
            ))}
          </nav>
        )}
        <Drawer open={drawer} onClose={() => setDrawer(false)} placement="right" size={290} title={<UserBadge me={me} />} data-testid="nav-drawer">
          <Menu mode="inline" selectedKeys={selected ? [selected] : []} items={menuItems} onClick={(e) => go(e.key)} style={{ borderInlineEnd: 0 }} />
          <Divider style={{ margin: '8px 0' }} />
          <Menu
            mode="inline"
            selectable={false}
            style={{ borderInlineEnd: 0 }}
            items={[
              { key: 'account', icon: <SettingOutlined />, label: <span data-testid="nav-account">{t(nav.account)}</span> },
              { key: 'logout', icon: <LogoutOutlined />, label: <span data-testid="nav-logout">{t(nav.signOut)}</span>, danger: true },
            ]}
            onClick={(e) => (e.key === 'logout' ? void signOut() : (navigate('/account'), setDrawer(false)))}
          />
        </Drawer>
      </Layout>
    );
  }

  return (
    <Layout style={{ minHeight: '100vh' }} data-testid="app-shell" data-layout="desktop">
      <Layout.Sider
        theme="light"
        width={216}
        collapsible
        collapsed={collapsed}
        onCollapse={setCollapsed}
        style={{ borderInlineEnd: '1px solid #f0f0f0', position: 'sticky', top: 0, height: '100vh', overflow: 'auto' }}
      >
        <div style={{ height: 56, display: 'flex', alignItems: 'center', paddingInline: collapsed ? 24 : 20 }}>
          <Brand compact={collapsed} />
        </div>
        <Menu mode="inline" selectedKeys={selected ? [selected] : []} items={menuItems} onClick={(e) => go(e.key)} style={{ borderInlineEnd: 0 }} />
      </Layout.Sider>
      <Layout>
        <Layout.Header style={{ background: '#fff', padding: '0 24px', height: 56, lineHeight: 'normal', borderBottom: '1px solid #f0f0f0' }}>
          <Flex justify="flex-end" align="center" gap={20} style={{ height: '100%' }}>
            {!forced && <NotificationBell />}
            <LanguageSwitch />
            <Dropdown
              trigger={['click']}
              menu={{
                items: [
                  { key: 'account', icon: <SettingOutlined />, label: <span data-testid="nav-account">{t(nav.account)}</span> },
                  { type: 'divider' },
                  { key: 'logout', icon: <LogoutOutlined />, danger: true, label: <span data-testid="nav-logout">{t(nav.signOut)}</span> },
                ],
                onClick: (e) => (e.key === 'logout' ? void signOut() : navigate('/account')),
              }}
            >
              <Flex align="center" gap={8} style={{ cursor: 'pointer' }} data-testid="user-menu">
                <UserBadge me={me} />
                <DownOutlined style={{ fontSize: 10, color: '#999' }} />
              </Flex>
            </Dropdown>
          </Flex>
        </Layout.Header>
        <Layout.Content style={{ padding: 24, maxWidth: 1400, width: '100%' }}>{page}</Layout.Content>
      </Layout>
    </Layout>
  );
}
