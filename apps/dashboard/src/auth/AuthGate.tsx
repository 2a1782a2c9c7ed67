import type { ReactNode } from 'react';
import { ErrorNotice } from '../components/ErrorNotice';
import { LoginPage } from './LoginPage';
import { ReadOnlyBanner } from './ReadOnlyBanner';
import { useSession } from './useSession';

/**
 * Shows the pages to a browser that may read them; otherwise the login page. A signed-out browser that
 * may read (a loopback control plane) sees the pages with a read-only banner; its writes are refused
 * with 401 and ErrorNotice explains how to sign in.
 */
export function AuthGate({ children }: { children: ReactNode }) {
  const { data: session, error, isPending } = useSession();
  if (isPending) return <p className="muted">Checking sign-in…</p>;
  if (error) return <ErrorNotice error={error} />;
  if (!session.canRead) return <LoginPage />;
  return (
    <>
      {!session.signedIn && <ReadOnlyBanner />}
      {children}
    </>
  );
}
