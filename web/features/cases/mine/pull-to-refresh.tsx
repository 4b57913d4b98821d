/**
 * Pull-to-refresh for phone lists: pulling down while the page is at the top shows a hint; letting go
 * past the threshold calls `onRefresh`. Desktop pages keep a plain refresh button.
 */
import { useEffect, useRef, useState } from 'react';
import { Flex, Typography } from 'antd';
import { ArrowDownOutlined, LoadingOutlined } from '@ant-design/icons';
import { useI18n } from '../../../lib/i18n.js';
import { m } from './messages.js';

const THRESHOLD = 70;

/** Listens for the pull gesture; returns the indicator to render above the list. */
export function usePullToRefresh(onRefresh: () => Promise<void>, enabled: boolean) {
  const { t } = useI18n();
  const [pull, setPull] = useState(0);
  const [busy, setBusy] = useState(false);
  const startY = useRef<number | null>(null);
  const pullRef = useRef(0);
  const refreshRef = useRef(onRefresh);
  refreshRef.current = onRefresh;

  useEffect(() => {
    if (!enabled) return;
    const down = (e: TouchEvent) => {
      startY.current = window.scrollY <= 0 && e.touches.length === 1 ? e.touches[0]!.clientY : null;
    };
    const move = (e: TouchEvent) => {
      if (startY.current === null) return;
      const dy = e.touches[0]!.clientY - startY.current;
      pullRef.current = dy > 0 ? Math.min(dy * 0.5, THRESHOLD * 1.4) : 0;
      setPull(pullRef.current);
    };
    const up = () => {
      if (startY.current === null) return;
      startY.current = null;
      const fire = pullRef.current >= THRESHOLD;
      pullRef.current = 0;
      setPull(0);
      if (fire) {
        setBusy(true);
        void refreshRef.current().finally(() => setBusy(false));
      }
    };
    window.addEventListener('touchstart', down, { passive: true });
    window.addEventListener('touchmove', move, { passive: true });
    window.addEventListener('touchend', up);
    window.addEventListener('touchcancel', up);
    return () => {
      window.removeEventListener('touchstart', down);
      window.removeEventListener('touchmove', move);
      window.removeEventListener('touchend', up);
      window.removeEventListener('touchcancel', up);
    };
  }, [enabled]);

  const height = busy ? 40 : pull;
  const indicator = (
    <Flex align="center" justify="center" gap={6} style={{ height, overflow: 'hidden', transition: startY.current === null ? 'height .2s' : undefined }} data-testid="pull-indicator" aria-live="polite">
      {busy ? <LoadingOutlined /> : <ArrowDownOutlined style={{ transform: pull >= THRESHOLD ? 'rotate(180deg)' : undefined, transition: 'transform .15s' }} />}
      <Typography.Text type="secondary" style={{ fontSize: 13 }}>
        {busy ? t(m.refreshing) : pull >= THRESHOLD ? t(m.release) : t(m.pull)}
      </Typography.Text>
    </Flex>
  );
  return { indicator, refreshing: busy };
}
