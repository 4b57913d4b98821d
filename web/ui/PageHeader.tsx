/** A page title with optional subtitle, breadcrumb-like back link and actions on the right. */
import { useEffect, type ReactNode } from 'react';
import { Flex, Typography } from 'antd';
import { ArrowLeftOutlined } from '@ant-design/icons';
import { Link } from 'react-router';
import { useIsPhone } from './use-phone.js';
import { useI18n } from '../lib/i18n.js';
import { common } from '../lib/messages.js';

export interface PageHeaderProps {
  title: ReactNode;
  subtitle?: ReactNode;
  extra?: ReactNode;
  back?: { to: string; label: string };
  testId?: string;
  /** The browser tab's title when `title` is not plain text. */
  documentTitle?: string;
}

/** The header of a page. */
export function PageHeader({ title, subtitle, extra, back, testId, documentTitle }: PageHeaderProps) {
  const phone = useIsPhone();
  const { t } = useI18n();
  // The browser tab (and history) names the page: "居民 · 共治".
  useEffect(() => {
    const text = typeof title === 'string' ? title : typeof documentTitle === 'string' ? documentTitle : null;
    if (text) document.title = `${text} · ${t(common.product)}`;
  }, [title, documentTitle, t]);
  return (
    <div style={{ marginBottom: phone ? 12 : 16 }} data-testid={testId}>
      {back && (
        <Link to={back.to} style={{ fontSize: 13, display: 'inline-block', marginBottom: 4 }}>
          <ArrowLeftOutlined /> {back.label}
        </Link>
      )}
      <Flex justify="space-between" align={phone ? 'flex-start' : 'center'} gap={8} wrap>
        <div style={{ minWidth: 0 }}>
          <Typography.Title level={phone ? 4 : 3} style={{ margin: 0 }}>
            {title}
          </Typography.Title>
          {subtitle && <Typography.Text type="secondary">{subtitle}</Typography.Text>}
        </div>
        {extra && (
          <Flex gap={8} wrap>
            {extra}
          </Flex>
        )}
      </Flex>
    </div>
  );
}
