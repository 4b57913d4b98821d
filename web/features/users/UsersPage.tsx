/** Users the caller manages: search, list with roles and status, create. */
import { useState } from 'react';
import { App, Button, Card, Flex, Typography } from 'antd';
import { SearchBox } from '../../ui/SearchBox.js';
import { PlusOutlined } from '@ant-design/icons';
import { useNavigate } from 'react-router';
import { qs } from '../../lib/api.js';
import { useFetch } from '../../lib/use-fetch.js';
import { useI18n } from '../../lib/i18n.js';
import { dateTime } from '../../lib/format.js';
import { DataList } from '../../ui/DataList.js';
import { ErrorState } from '../../ui/ErrorState.js';
import { PageHeader } from '../../ui/PageHeader.js';
import { useQueryState } from '../../ui/use-query-state.js';
import { GrantTags, UserStatus } from './GrantTags.js';
import { UserCreateDialog } from './UserCreateDialog.js';
import type { User } from './types.js';
import { m } from './messages.js';

const DEFAULTS = { q: '', page: '1', pageSize: '20' };

/** The users list page. */
export function UsersPage() {
  const { t } = useI18n();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const [query, setQuery] = useQueryState(DEFAULTS);
  const [creating, setCreating] = useState(false);
  const { data, error, loading, reload } = useFetch<{ items: User[]; total: number }>(`/users${qs(query)}`);
  const open = (u: User) => navigate(`/users/${u.id}`);
  return (
    <div>
      <PageHeader
        title={t(m.title)}
        subtitle={t(m.subtitle)}
        extra={
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)} data-testid="users-create">
            {t(m.create)}
          </Button>
        }
      />
      <Card size="small" style={{ marginBottom: 12 }}>
        <SearchBox defaultValue={query.q} placeholder={t(m.search)} onSearch={(q) => setQuery({ q })} style={{ maxWidth: 420 }} testId="users-search" />
      </Card>
      {error ? (
        <ErrorState error={error} onRetry={reload} />
      ) : (
        <DataList<User>
          testId="users-list"
          data={data?.items ?? []}
          loading={loading}
          rowKey={(u) => u.id}
          onOpen={open}
          paging={{ page: Number(query.page), pageSize: Number(query.pageSize), total: data?.total ?? 0, onChange: (p, s) => setQuery({ page: String(p), pageSize: String(s) }) }}
          columns={[
            { title: t(m.username), dataIndex: 'username', render: (v: string) => <Typography.Link>{v}</Typography.Link> },
            { title: t(m.displayName), dataIndex: 'displayName' },
            { title: t(m.phone), dataIndex: 'phone', render: (v: string | null) => v ?? '—' },
            { title: t(m.roles), key: 'grants', render: (_v, u) => <GrantTags grants={u.grants} /> },
            { title: t(m.status), key: 'status', render: (_v, u) => <UserStatus disabled={u.disabled} mustChangePassword={u.mustChangePassword} /> },
            { title: t(m.createdAt), dataIndex: 'createdAt', render: (v: string) => dateTime(v) },
          ]}
          renderCard={(u) => (
            <Flex vertical gap={6}>
              <Flex justify="space-between" align="center">
                <span>
                  <b>{u.displayName}</b> <Typography.Text type="secondary">@{u.username}</Typography.Text>
                </span>
                <UserStatus disabled={u.disabled} mustChangePassword={u.mustChangePassword} />
              </Flex>
              <GrantTags grants={u.grants} />
            </Flex>
          )}
        />
      )}
      <UserCreateDialog
        open={creating}
        onClose={() => setCreating(false)}
        onCreated={(u) => {
          setCreating(false);
          message.success(t(m.created));
          navigate(`/users/${u.id}`);
        }}
      />
    </div>
  );
}
