import { ApiError } from '../api/ApiError';
import { SignInHelp } from '../auth/SignInHelp';

interface ErrorNoticeProps {
  error: unknown;
  compact?: boolean;
}

/**
 * The one place errors are shown to the user: code, message and the field it concerns. A 401 is not an
 * error to the user: it explains how to sign in.
 */
export function ErrorNotice({ error, compact = false }: ErrorNoticeProps) {
  const apiError = error instanceof ApiError ? error : null;
  if (apiError?.unauthorized) return <SignInHelp compact />;
  const message = error instanceof Error ? error.message : String(error);
  return (
    <div role="alert" className={compact ? 'error-notice compact' : 'error-notice'}>
      {apiError && <code className="error-code">{apiError.code}</code>} {message}
      {apiError?.details?.field && <span className="error-field"> ({apiError.details.field})</span>}
    </div>
  );
}
