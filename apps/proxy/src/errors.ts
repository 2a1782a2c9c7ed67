// The closed catalogue of the proxy's own errors. Each code is documented in README.md (a test checks it).

export type ProxyErrorCode =
  | 'DP_ERR_BAD_FLAG'
  | 'DP_ERR_CONFIG_FILE'
  | 'DP_ERR_LISTEN'
  | 'DP_ERR_CONFIG_TIMEOUT'
  | 'DP_ERR_CLOSED';

export const PROXY_ERROR_CODES: Readonly<Record<ProxyErrorCode, string>> = {
  DP_ERR_BAD_FLAG: 'A flag or environment variable is missing or malformed; the message names it.',
  DP_ERR_CONFIG_FILE: 'The --config file cannot be read, parsed, or compiled into a route table.',
  DP_ERR_LISTEN: 'A listener could not bind its address (in use, not permitted, bad host).',
  DP_ERR_CONFIG_TIMEOUT: 'waitForConfig: the awaited config version was not applied in time.',
  DP_ERR_CLOSED: 'The proxy was closed while something still waited on it.',
};

export class ProxyError extends Error {
  constructor(
    readonly code: ProxyErrorCode,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'ProxyError';
  }
}
