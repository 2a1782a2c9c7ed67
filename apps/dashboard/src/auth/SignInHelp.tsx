interface SignInHelpProps {
  /** One short paragraph (inline, where a change was refused) instead of the full explanation. */
  compact?: boolean;
}

/** How to sign in: the one-time login URL that `shadowmesh up` prints. */
export function SignInHelp({ compact = false }: SignInHelpProps) {
  if (compact) {
    return (
      <div role="status" className="signin-notice" data-testid="signin-needed">
        You are not signed in, so changes are refused. Open the one-time login URL that{' '}
        <code>shadowmesh up</code> printed (<code>Open the dashboard: …/login?code=…</code>) in this browser,
        then try again.
      </div>
    );
  }
  return (
    <div className="signin-help">
      <p>
        This control plane needs a sign-in. When it starts, <code>shadowmesh up</code> prints a one-time login
        URL:
      </p>
      <pre className="code-block">Open the dashboard: http://127.0.0.1:20001/login?code=…</pre>
      <p>Open that URL in this browser: it signs you in with a cookie and brings you back here.</p>
      <p className="muted">
        Each URL works once. For another one, restart <code>shadowmesh up</code>, or ask the control plane
        with its token (kept in the data directory, <code>.shadowmesh/token</code> by default):
      </p>
      <pre className="code-block">
        {
          'curl -X POST -H "Authorization: Bearer $(cat .shadowmesh/token)" \\\n  http://127.0.0.1:20001/api/v1/session/login-codes'
        }
      </pre>
    </div>
  );
}
