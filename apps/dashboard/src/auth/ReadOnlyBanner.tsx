import { Link } from 'react-router';

/** A signed-out browser on a loopback control plane may look but not change anything. */
export function ReadOnlyBanner() {
  return (
    <div className="readonly-banner" role="status" data-testid="read-only">
      Read-only: you are not signed in. <Link to="/signin">How to sign in</Link>
    </div>
  );
}
