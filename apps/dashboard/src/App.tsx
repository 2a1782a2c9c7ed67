import { lazy } from 'react';
import { Navigate, Outlet, Route, Routes } from 'react-router';
import { LoginPage } from './auth/LoginPage';
import { AppShell } from './components/AppShell';
import { LiveStreamProvider } from './graph/stream/LiveStreamProvider';
import { ComparisonPage } from './pages/ComparisonPage';
import { ConfigPage } from './pages/ConfigPage';
import { FlowsPage } from './pages/FlowsPage';
import { GraphPage } from './pages/GraphPage';
import { NotFoundPage } from './pages/NotFoundPage';
import { ProxiesPage } from './pages/ProxiesPage';
import { ServicePage } from './pages/ServicePage';
import { ServicesPage } from './pages/ServicesPage';

// CodeMirror is only needed on an object's page: loaded when that page is first opened.
const ConfigObjectPage = lazy(() =>
  import('./pages/ConfigObjectPage').then((m) => ({ default: m.ConfigObjectPage })),
);
const NewConfigObjectPage = lazy(() =>
  import('./pages/NewConfigObjectPage').then((m) => ({ default: m.NewConfigObjectPage })),
);

/**
 * The one `/api/v1/stream` connection of the page. A layout route inside AppShell's AuthGate, so it
 * connects only once the browser may read; it feeds the graph and invalidates other queries.
 */
function LiveStreamLayout() {
  return (
    <LiveStreamProvider>
      <Outlet />
    </LiveStreamProvider>
  );
}

export function App() {
  return (
    <Routes>
      <Route element={<AppShell />}>
        <Route element={<LiveStreamLayout />}>
          <Route index element={<Navigate to="/graph" replace />} />
          <Route path="graph" element={<GraphPage />} />
          <Route path="services" element={<ServicesPage />} />
          <Route path="namespaces/:namespace/services/:name" element={<ServicePage />} />
          <Route path="namespaces/:namespace/services/:name/comparison" element={<ComparisonPage />} />
          <Route path="flows" element={<FlowsPage />} />
          <Route path="config" element={<ConfigPage />} />
          <Route path="config/new" element={<NewConfigObjectPage />} />
          <Route path="config/:plural/:namespace/:name" element={<ConfigObjectPage />} />
          <Route path="proxies" element={<ProxiesPage />} />
          <Route path="signin" element={<LoginPage />} />
          <Route path="*" element={<NotFoundPage />} />
        </Route>
      </Route>
    </Routes>
  );
}
