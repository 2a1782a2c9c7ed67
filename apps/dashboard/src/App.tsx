import { lazy } from 'react';
import { Navigate, Route, Routes } from 'react-router';
import { LoginPage } from './auth/LoginPage';
import { AppShell } from './components/AppShell';
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

export function App() {
  return (
    <Routes>
      <Route element={<AppShell />}>
        <Route index element={<Navigate to="/graph" replace />} />
        <Route path="graph" element={<GraphPage />} />
        <Route path="services" element={<ServicesPage />} />
        <Route path="namespaces/:namespace/services/:name" element={<ServicePage />} />
        <Route path="flows" element={<FlowsPage />} />
        <Route path="config" element={<ConfigPage />} />
        <Route path="config/:plural/:namespace/:name" element={<ConfigObjectPage />} />
        <Route path="proxies" element={<ProxiesPage />} />
        <Route path="signin" element={<LoginPage />} />
        <Route path="*" element={<NotFoundPage />} />
      </Route>
    </Routes>
  );
}
