/** One user: edit profile, disable or enable, reset the password, add and remove roles. */
import { useEffect, useState } from 'react';
import { Alert, App, Button, Card, Col, Flex, Form, Input, List, Popconfirm, Row, Select, Tag, Typography } from 'antd';
import { KeyOutlined, PlusOutlined, StopOutlined, CheckCircleOutlined } from '@ant-design/icons';
import { useParams } from 'react-router';
import { ApiError, del, patch } from '../../lib/api.js';
import { useFetch } from '../../lib/use-fetch.js';
import { useI18n } from '../../lib/i18n.js';
import { nodeTypeLabel, roleLabel } from '../../lib/labels.js';
import { common } from '../../lib/messages.js';
import { ErrorState } from '../../ui/ErrorState.js';
import { Loading } from '../../ui/Loading.js';
import { PageHeader } from '../../ui/PageHeader.js';
import { applyFieldErrors } from '../../ui/form-errors.js';
import { UserStatus } from './GrantTags.js';
import { GrantDialog } from './GrantDialog.js';
import { ResetPasswordDialog } from './ResetPasswordDialog.js';
import type { User } from './types.js';
import { m } from './messages.js';

/** The user page. */
export function UserPage() {
  const { id } = useParams();
  const { t, pick } = useI18n();
  const { message } = App.useApp();
  const { data, error, reload } = useFetch<User>(`/users/${id}`);
  const [user, setUser] = useState<User>();
  const [form] = Form.useForm<{ displayName: string; phone?: string; locale: 'zh-CN' | 'en' }>();
  const [formError, setFormError] = useState<string>();
  const [busy, setBusy] = useState(false);
  const [granting, setGranting] = useState(false);
  const [resetting, setResetting] = useState(false);

  useEffect(() => {
    if (data) {
      setUser(data);
      form.setFieldsValue({ displayName: data.displayName, phone: data.phone ?? '', locale: data.locale });
    }
  }, [data, form]);

  if (error) return <ErrorState error={error} onRetry={reload} />;
  if (!user) return <Loading />;

  const fail = (e: unknown) => message.error(e instanceof ApiError ? e.message : String(e));
  const save = async () => {
    const v = await form.validateFields().catch(() => null);
    if (!v) return;
    setBusy(true);
    setFormError(undefined);
    try {
      setUser(await patch<User>(`/users/${user.id}`, { displayName: v.displayName, phone: v.phone?.trim() || null, locale: v.locale }));
      message.success(t(common.saved));
    } catch (e) {
      const rest = applyFieldErrors(form, e, ['displayName', 'phone', 'locale']);
      setFormError(e instanceof ApiError ? [e.message, ...rest.map((r) => r.message)].join(t(common.semi)) : String(e));
    } finally {
      setBusy(false);
    }
  };
  const toggleDisabled = async () => {
    try {
      setUser(await patch<User>(`/users/${user.id}`, { disabled: !user.disabled }));
      message.success(t(common.saved));
    } catch (e) {
      fail(e);
    }
  };
  const removeGrant = async (grantId: number) => {
    try {
      setUser(await del<User>(`/users/${user.id}/grants/${grantId}`));
      message.success(t(m.grantRemoved));
    } catch (e) {
      fail(e);
    }
  };

  return (
    <div>
      <PageHeader
        title={user.displayName}
        subtitle={<Flex gap={8} align="center">@{user.username} <UserStatus disabled={user.disabled} mustChangePassword={user.mustChangePassword} /></Flex>}
        back={{ to: '/users', label: t(m.back) }}
        extra={
          <>
            <Button icon={<KeyOutlined />} onClick={() => setResetting(true)} data-testid="user-reset-password">
              {t(m.resetPassword)}
            </Button>
            {user.disabled ? (
              <Button icon={<CheckCircleOutlined />} onClick={toggleDisabled} data-testid="user-enable">
                {t(m.enable)}
              </Button>
            ) : (
              <Popconfirm title={t(m.disableConfirm)} onConfirm={toggleDisabled} okText={t(common.confirm)} cancelText={t(common.cancel)} okButtonProps={{ danger: true }}>
                <Button danger icon={<StopOutlined />} data-testid="user-disable">
                  {t(m.disable)}
                </Button>
              </Popconfirm>
            )}
          </>
        }
      />
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={10}>
          <Card title={t(m.profile)}>
            {formError && <Alert type="error" showIcon title={formError} style={{ marginBottom: 12 }} />}
            <Form form={form} layout="vertical" onFinish={save} data-testid="user-edit-form">
              <Form.Item name="displayName" label={t(m.displayName)} rules={[{ required: true, whitespace: true, message: t(common.required) }]}>
                <Input maxLength={50} />
              </Form.Item>
              <Form.Item name="phone" label={t(m.phone)} rules={[{ pattern: /^[0-9+\- ]{5,20}$/, message: t(m.phoneFormat) }]}>
                <Input inputMode="tel" />
              </Form.Item>
              <Form.Item name="locale" label={t(m.locale)}>
                <Select options={[{ value: 'zh-CN', label: '中文' }, { value: 'en', label: 'English' }]} />
              </Form.Item>
              <Button type="primary" htmlType="submit" loading={busy} data-testid="user-save">
                {t(common.save)}
              </Button>
            </Form>
          </Card>
        </Col>
        <Col xs={24} lg={14}>
          <Card
            title={t(m.roles)}
            extra={
              <Button type="primary" icon={<PlusOutlined />} onClick={() => setGranting(true)} data-testid="user-add-grant">
                {t(m.addGrant)}
              </Button>
            }
          >
            <List
              dataSource={user.grants}
              locale={{ emptyText: t(m.noRoles) }}
              data-testid="user-grants"
              renderItem={(g) => {
                const label = `${t(roleLabel(g.role))} · ${pick(g.nodeNameZh, g.nodeNameEn)}`;
                return (
                  <List.Item
                    actions={[
                      <Popconfirm
                        key="rm"
                        title={t(m.removeGrantConfirm, { grant: label })}
                        onConfirm={() => removeGrant(g.id)}
                        okText={t(m.removeGrant)}
                        cancelText={t(common.cancel)}
                        okButtonProps={{ danger: true }}
                      >
                        <Button danger size="small" data-testid={`grant-remove-${g.id}`}>
                          {t(m.removeGrant)}
                        </Button>
                      </Popconfirm>,
                    ]}
                  >
                    <List.Item.Meta
                      title={<Tag color={g.role === 'admin' ? 'red' : 'blue'}>{t(roleLabel(g.role))}</Tag>}
                      description={
                        <Typography.Text>
                          {pick(g.nodeNameZh, g.nodeNameEn)} <Typography.Text type="secondary">· {t(nodeTypeLabel(g.nodeType))} · {g.nodeCode}</Typography.Text>
                        </Typography.Text>
                      }
                    />
                  </List.Item>
                );
              }}
            />
          </Card>
        </Col>
      </Row>
      <GrantDialog
        user={user}
        open={granting}
        onClose={() => setGranting(false)}
        onDone={(u) => {
          setUser(u);
          setGranting(false);
          message.success(t(m.grantAdded));
        }}
      />
      <ResetPasswordDialog
        userId={user.id}
        open={resetting}
        onClose={() => setResetting(false)}
        onDone={() => {
          setResetting(false);
          message.success(t(m.resetDone));
          reload();
        }}
      />
    </div>
  );
}
