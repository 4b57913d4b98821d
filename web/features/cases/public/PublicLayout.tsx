/**
 * The frame of the public pages (no sign-in): the mark, "共治 · 公开事件", the language switch and a
 * sign-in link (or a way back into the app when signed in), a privacy line at the bottom.
 */
import { useEffect, type ReactNode } from 'react';
import { Button, Flex, Typography } from 'antd';
import { LoginOutlined } from '@ant-design/icons';
import { Link } from 'react-router';
import { useAuth } from '../../../lib/auth.js';
import { useI18n } from '../../../lib/i18n.js';
import { useIsPhone } from '../../../ui/use-phone.js';
import { Brand } from '../../../shell/Brand.js';
import { LanguageSwitch } from '../../../shell/LanguageSwitch.js';
import { m } from './messages.js';

/** The layout; `title` names the browser tab. */
export function PublicLayout({ children, title }: { children: ReactNode; title?: string }) {
  const { t } = useI18n();
  const { me } = useAuth();
  const phone = useIsPhone();
  useEffect(() => {
    document.title = title ? `${title} · ${t(m.header)}` : t(m.header);
  }, [title, t]);
  return (
    <div style={{ minHeight: '100vh', display: 'flex', flexDirection: 'column' }} data-testid="public-layout">
      <header style={{ position: 'sticky', top: 0, zIndex: 1000, background: '#fff', borderBottom: '1px solid #f0f0f0', height: phone ? 52 : 60, padding: phone ? '0 12px' : '0 24px' }}>
        <Flex align="center" justify="space-between" style={{ height: '100%', maxWidth: 1400, margin: '0 auto' }} gap={8}>
          <Link to="/public/cases" style={{ color: 'inherit', display: 'flex', alignItems: 'center', gap: 8, minWidth: 0 }} data-testid="public-home">
            <Brand size={phone ? 26 : 30} compact />
            <Typography.Text strong style={{ fontSize: phone ? 16 : 18, whiteSpace: 'nowrap', overflow: 'hidden', textOverflow: 'ellipsis' }} data-testid="public-header">
              {phone ? t(m.headerShort) : t(m.header)}
            </Typography.Text>
          </Link>
          <Flex align="center" gap={phone ? 6 : 12}>
            <LanguageSwitch />
            {me ? (
              <Link to="/">
                <Button size={phone ? 'small' : 'middle'} data-testid="public-workspace">
                  {t(m.workspace)}
                </Button>
              </Link>
            ) : (
              <Link to="/login">
                <Button type="primary" size={phone ? 'small' : 'middle'} icon={<LoginOutlined />} data-testid="public-sign-in">
                  {t(m.signIn)}
                </Button>
              </Link>
            )}
          </Flex>
        </Flex>
      </header>
      <main style={{ flex: 1, width: '100%', maxWidth: 1400, margin: '0 auto', padding: phone ? 12 : 24, boxSizing: 'border-box' }}>{children}</main>
      <footer style={{ padding: '16px 24px 24px', textAlign: 'center' }}>
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {t(m.privacy)}
        </Typography.Text>
      </footer>
    </div>
  );
}
