// The control plane's public surface: the CLI builds, starts and configures it through these.
export type { AppOptions } from './app.js';
export { buildApp } from './app.js';
export type { AuthMode, ControlPlaneConfig, ControlPlaneConfigInput, LogLevel } from './config.js';
export { controlPlaneConfig, DEFAULT_DATA_DIR, DEFAULT_LISTEN, parseListen } from './config.js';
export type { CpErrorCode } from './errors.js';
export { CP_ERRORS, CpError } from './errors.js';
export type { RunningControlPlane } from './server.js';
export { closeOnSignals, startControlPlane } from './server.js';
export { TOKEN_FILE } from './services/auth/token-file.js';
export type { TelemetrySink } from './services/push/telemetry-sink.js';
