/** Who is signed in: name, and the role and node of the first grant ("网格员 · 石榴园第一网格"). */
import { Typography } from 'antd';
import type { Me, MeGrant } from '../lib/auth.js';
import { useI18n } from '../lib/i18n.js';
import { roleLabel } from '../lib/labels.js';
import { nav } from './messages.js';

/** "Role · Node" for one grant. */
export function useGrantLabel(): (g: MeGrant) => string {
  const { t, pick } = useI18n();
  return (g) => `${t(roleLabel(g.role))} · ${pick(g.nodeNameZh, g.nodeNameEn)}`;
}

/** Name on the first line, role and node on the second. */
export function UserBadge({ me, light }: { me: Me; light?: boolean }) {
  const { t } = useI18n();
  const label = useGrantLabel();
  const first = me.grants[0];
  return (
    <div style={{ lineHeight: 1.3, minWidth: 0 }} data-testid="user-badge">
      <div style={{ fontWeight: 600, color: light ? '#fff' : undefined, whiteSpace: 'nowrap', overflow: 'hidden', textOverflow: 'ellipsis' }}>
        {me.displayName}
      </div>
      <Typography.Text type="secondary" style={{ fontSize: 12, whiteSpace: 'nowrap' }} data-testid="user-role">
        {first ? label(first) : t(nav.noRole)}
        {me.grants.length > 1 && ` (${t(nav.otherRoles, { n: me.grants.length - 1 })})`}
      </Typography.Text>
    </div>
  );
}
