import { Suspense } from 'react';
import { NavLink, Outlet } from 'react-router';
import { AuthGate } from '../auth/AuthGate';
import { DemoLoadControl } from '../demo/DemoLoadControl';
import { VersionBadge } from './VersionBadge';

const NAV_ITEMS = [
  { to: '/graph', label: 'Graph' },
  { to: '/services', label: 'Services' },
  { to: '/flows', label: 'Flows' },
  { to: '/config', label: 'Config' },
  { to: '/proxies', label: 'Proxies' },
] as const;

export function AppShell() {
  return (
    <div className="shell">
      <header className="shell-header">
        <span className="brand">Shadowmesh</span>
        <nav aria-label="Main">
          <ul className="nav">
            {NAV_ITEMS.map((item) => (
              <li key={item.to}>
                <NavLink
                  to={item.to}
                  className={({ isActive }) => (isActive ? 'nav-link active' : 'nav-link')}
                >
                  {item.label}
                </NavLink>
              </li>
            ))}
          </ul>
        </nav>
        <DemoLoadControl />
        <VersionBadge />
      </header>
      <main className="shell-main">
        <AuthGate>
          <Suspense fallback={<p className="muted">Loading…</p>}>
            <Outlet />
          </Suspense>
        </AuthGate>
      </main>
    </div>
  );
}
