/** A user's grants as small tags: "网格员 · 石榴园第一网格". */
import { Flex, Tag, Typography } from 'antd';
import { useI18n } from '../../lib/i18n.js';
import { roleLabel } from '../../lib/labels.js';
import type { UserGrant } from './types.js';
import { m } from './messages.js';

/** The grant tags of one user. */
export function GrantTags({ grants }: { grants: UserGrant[] }) {
  const { t, pick } = useI18n();
  if (grants.length === 0) return <Typography.Text type="secondary">{t(m.noRoles)}</Typography.Text>;
  return (
    <Flex wrap gap={4}>
      {grants.map((g) => (
        <Tag key={g.id} color={g.role === 'admin' ? 'red' : 'blue'} style={{ marginInlineEnd: 0 }}>
          {t(roleLabel(g.role))} · {pick(g.nodeNameZh, g.nodeNameEn)}
        </Tag>
      ))}
    </Flex>
  );
}

/** Status tags: disabled, must change password. */
export function UserStatus({ disabled, mustChangePassword }: { disabled: boolean; mustChangePassword: boolean }) {
  const { t } = useI18n();
  return (
    <Flex wrap gap={4}>
      {disabled ? <Tag color="default">{t(m.disabled)}</Tag> : <Tag color="green">{t(m.active)}</Tag>}
      {mustChangePassword && !disabled && <Tag color="gold">{t(m.mustChange)}</Tag>}
    </Flex>
  );
}
