/** One's own account: name, roles and areas, interface language, password, sign out. */
import { Button, Card, Descriptions, Flex, List, Tag } from 'antd';
import { KeyOutlined, LogoutOutlined } from '@ant-design/icons';
import { Link, useNavigate } from 'react-router';
import { useAuth, useMe } from '../../lib/auth.js';
import { useI18n } from '../../lib/i18n.js';
import { roleLabel, PERMISSION_LABELS } from '../../lib/labels.js';
import { PageHeader } from '../../ui/PageHeader.js';
import { LanguageSwitch } from '../../shell/LanguageSwitch.js';
import { m } from './messages.js';

/** The account page. */
export function AccountPage() {
  const me = useMe();
  const { logout } = useAuth();
  const { t, pick } = useI18n();
  const navigate = useNavigate();
  return (
    <div style={{ maxWidth: 720 }}>
      <PageHeader title={t(m.account)} />
      <Flex vertical gap={16}>
        <Card title={t(m.profile)}>
          <Descriptions column={1} items={[
            { key: 'name', label: t(m.displayName), children: me.displayName },
            { key: 'username', label: t(m.username), children: me.username },
            { key: 'lang', label: t(m.language), children: <Flex vertical gap={4}><LanguageSwitch size="middle" /><span style={{ color: '#888', fontSize: 12 }}>{t(m.languageHint)}</span></Flex> },
          ]} />
        </Card>
        <Card title={t(m.roles)}>
          <List
            dataSource={me.grants}
            renderItem={(g) => (
              <List.Item>
                <List.Item.Meta
                  title={`${t(roleLabel(g.role))} · ${pick(g.nodeNameZh, g.nodeNameEn)}`}
                  description={
                    <Flex wrap gap={4}>
                      {g.permissions.map((p) => (
                        <Tag key={p}>{t(PERMISSION_LABELS[p])}</Tag>
                      ))}
                    </Flex>
                  }
                />
              </List.Item>
            )}
          />
        </Card>
        <Flex gap={8} wrap>
          <Link to="/account/password">
            <Button icon={<KeyOutlined />} data-testid="account-change-password">{t(m.changePassword)}</Button>
          </Link>
          <Button danger icon={<LogoutOutlined />} onClick={async () => { await logout(); navigate('/login', { replace: true }); }}>
            {t(m.signOut)}
          </Button>
        </Flex>
      </Flex>
    </div>
  );
}
