/** A path that matches no page. */
import { Button, Result } from 'antd';
import { Link } from 'react-router';
import { useI18n } from '../lib/i18n.js';
import { common } from '../lib/messages.js';

/** The unknown-page state. */
export function NotFoundPage() {
  const { t } = useI18n();
  return (
    <Result
      status="404"
      title={t(common.pageNotFound)}
      extra={
        <Link to="/">
          <Button type="primary">{t(common.backHome)}</Button>
        </Link>
      }
      data-testid="state-page-not-found"
    />
  );
}
