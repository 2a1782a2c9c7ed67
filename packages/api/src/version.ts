/** The product version shown by `/api/v1/version`, the CLI and the dashboard. */
export const SHADOWMESH_VERSION = '0.1.0';

/** Version of the proxy ↔ control-plane protocol; a proxy with another version is refused. */
export const PROXY_PROTOCOL_VERSION = 1;

export interface VersionInfo {
  version: string;
  protocolVersion: number;
  apiVersions: string[];
}
