/** What a page shows when loading failed: a clear "not found or no permission" for 404, else the message. */
import { Alert, Button, Result } from 'antd';
import { Link } from 'react-router';
import type { ApiError } from '../lib/api.js';
import { useI18n } from '../lib/i18n.js';
import { common } from '../lib/messages.js';

/** Renders an API error as a full-page state (404/403) or an alert with a retry button. */
export function ErrorState({ error, onRetry }: { error: ApiError; onRetry?: () => void }) {
  const { t } = useI18n();
  if (error.status === 404) {
    return (
      <Result
        status="404"
        title={t(common.notFoundTitle)}
        subTitle={t(common.notFoundHint)}
        extra={
          <Link to="/">
            <Button type="primary">{t(common.backHome)}</Button>
          </Link>
        }
        data-testid="state-not-found"
      />
    );
  }
  if (error.status === 403) {
    return <Result status="403" title={t(common.forbiddenTitle)} subTitle={error.message} data-testid="state-forbidden" />;
  }
  return (
    <Alert
      type="error"
      showIcon
      title={t(common.loadFailed)}
      description={error.message}
      action={onRetry && <Button onClick={onRetry}>{t(common.retry)}</Button>}
      data-testid="state-error"
    />
  );
}
