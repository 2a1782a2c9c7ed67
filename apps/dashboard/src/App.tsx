import { Navigate, Route, Routes } from 'react-router';
import { AppShell } from './components/AppShell';
import { ConfigPage } from './pages/ConfigPage';
import { FlowsPage } from './pages/FlowsPage';
import { GraphPage } from './pages/GraphPage';
import { NotFoundPage } from './pages/NotFoundPage';
import { ProxiesPage } from './pages/ProxiesPage';
import { ServicesPage } from './pages/ServicesPage';

export function App() {
  return (
    <Routes>
      <Route element={<AppShell />}>
        <Route index element={<Navigate to="/graph" replace />} />
        <Route path="graph" element={<GraphPage />} />
        <Route path="services" element={<ServicesPage />} />
        <Route path="flows" element={<FlowsPage />} />
        <Route path="config" element={<ConfigPage />} />
        <Route path="proxies" element={<ProxiesPage />} />
        <Route path="*" element={<NotFoundPage />} />
      </Route>
    </Routes>
  );
}
