/**
 * The action bar of the case page: one button per ability the server sent (and nothing else), the main
 * next step highlighted; follow / unfollow and "mark copy read" beside them. Each button opens ActionDialog.
 */
import { useState } from 'react';
import { App, Button, Flex } from 'antd';
import { EyeOutlined, StarFilled, StarOutlined } from '@ant-design/icons';
import { useNavigate } from 'react-router';
import { ApiError, del, post } from '../../lib/api.js';
import { useAuth } from '../../lib/auth.js';
import { useI18n } from '../../lib/i18n.js';
import { ActionDialog, actionTitleKey } from './ActionDialog.js';
import { ACTION_BUTTONS } from './action-messages.js';
import { m } from './messages.js';
import type { CaseDetail } from './types.js';

/** Buttons in this order; the first present "main" one is primary. */
const ORDER = ['accept', 'dispatch', 'finish', 'verify', 'decide_extension', 'rate', 'unpark', 'note', 'rework', 'request_extension', 'return', 'hand_up', 'cc', 'edit', 'merge', 'park', 'reject', 'cancel'];
const MAIN = new Set(['accept', 'dispatch', 'finish', 'verify', 'decide_extension', 'rate', 'unpark']);
const DANGER = new Set(['reject', 'cancel']);
/** Abilities that are not dialogs of POST /actions. */
const NOT_DIALOGS = new Set(['read', 'reopen', 'publish_photo', 'whistle']);

export interface CaseActionsProps {
  c: CaseDetail;
  onChanged(next: CaseDetail): void;
  onReload(): void;
}

/** The action bar (and its dialog). */
export function CaseActions({ c, onChanged, onReload }: CaseActionsProps) {
  const { t } = useI18n();
  const { can } = useAuth();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const [action, setAction] = useState<string | null>(null);
  const [busy, setBusy] = useState<string | null>(null);
  const actions = ORDER.filter((x) => c.abilities.includes(x) && !NOT_DIALOGS.has(x));
  const primary = actions.find((x) => MAIN.has(x));
  const isReporter = c.access === 'reporter';
  // Staff hear of their cases anyway: following is for residents (and for un-following).
  const mayFollow = can('case.report') && !isReporter && (c.following || (c.access !== 'staff' && c.publicStatus === 'open'));

  const call = async (key: string, run: () => Promise<CaseDetail | null>, done: string) => {
    setBusy(key);
    try {
      const next = await run();
      message.success(done);
      if (next) onChanged(next);
      else onReload();
    } catch (e) {
      message.error(e instanceof ApiError ? e.message : String(e));
      if (e instanceof ApiError && e.status === 409) onReload();
    } finally {
      setBusy(null);
    }
  };

  return (
    <>
      <Flex gap={8} wrap data-testid="case-actions">
        {actions.map((x) => (
          <Button key={x} autoInsertSpace={false} type={x === primary ? 'primary' : 'default'} danger={DANGER.has(x)} onClick={() => setAction(x)} data-testid={`case-action-${x}`}>
            {t(ACTION_BUTTONS[actionTitleKey(x, c)] ?? { zh: x, en: x })}
          </Button>
        ))}
        {c.abilities.includes('read') && (
          <Button icon={<EyeOutlined />} loading={busy === 'read'} onClick={() => void call('read', () => post<CaseDetail>(`/cases/${c.id}/read`), t(m.copyMarked))} data-testid="case-action-read">
            {t(m.readCopy)}
          </Button>
        )}
        {mayFollow &&
          (c.following ? (
            <Button icon={<StarFilled style={{ color: '#faad14' }} />} loading={busy === 'follow'} onClick={() =>
                void call(
                  'follow',
                  async () => {
                    await del(`/cases/${c.id}/follow`);
                    // A follower who is not staff no longer sees the case.
                    if (c.access === 'follower') navigate('/', { replace: true });
                    return null;
                  },
                  t(m.unfollowed),
                )
              } data-testid="case-action-unfollow">
              {t(m.unfollow)}
            </Button>
          ) : (
            <Button icon={<StarOutlined />} loading={busy === 'follow'} onClick={() => void call('follow', () => post<CaseDetail>(`/cases/${c.id}/follow`), t(m.followed))} data-testid="case-action-follow">
              {t(m.follow)}
            </Button>
          ))}
      </Flex>
      <ActionDialog
        c={c}
        action={action}
        onClose={() => setAction(null)}
        onDone={(next) => {
          setAction(null);
          onChanged(next);
        }}
        onConflict={() => {
          setAction(null);
          onReload();
        }}
      />
    </>
  );
}
