import { ApiError } from '../api/ApiError';

interface ErrorNoticeProps {
  error: unknown;
  compact?: boolean;
}

/** The one place errors are shown to the user: code, message and the field it concerns. */
export function ErrorNotice({ error, compact = false }: ErrorNoticeProps) {
  const apiError = error instanceof ApiError ? error : null;
  const message = error instanceof Error ? error.message : String(error);
  return (
    <div role="alert" className={compact ? 'error-notice compact' : 'error-notice'}>
      {apiError && <code className="error-code">{apiError.code}</code>} {message}
      {apiError?.details?.field && <span className="error-field"> ({apiError.details.field})</span>}
    </div>
  );
}
