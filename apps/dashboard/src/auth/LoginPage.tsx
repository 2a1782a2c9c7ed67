import { useSearchParams } from 'react-router';
import { SignInHelp } from './SignInHelp';

/** Shown instead of the dashboard to a browser that is not signed in and may not read; also at `/signin`. */
export function LoginPage() {
  const [params] = useSearchParams();
  return (
    <section className="page login-page" aria-labelledby="login-title">
      <h1 id="login-title">Sign in</h1>
      {params.get('error') === 'invalid-code' && (
        <p className="signin-notice">That login link is invalid or was already used: each one works once.</p>
      )}
      <SignInHelp />
    </section>
  );
}
