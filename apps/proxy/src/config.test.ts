import { describe, expect, it } from 'vitest';
import { parseGatewayFlags, parseLabels, parseSidecarFlags } from './config.js';
import { ProxyError } from './errors.js';

const sidecar = {
  controlPlane: 'http://127.0.0.1:20001',
  workload: 'httpbin-v1',
  labels: 'app=httpbin,version=v1',
  app: '127.0.0.1:8080',
  inbound: '127.0.0.1:15006',
  outbound: '127.0.0.1:15001',
};

function errorOf(fn: () => unknown): ProxyError {
  try {
    fn();
  } catch (err) {
    if (err instanceof ProxyError) return err;
    throw err;
  }
  throw new Error('expected a ProxyError');
}

describe('parseSidecarFlags', () => {
  it('returns a frozen, validated config', () => {
    const config = parseSidecarFlags(sidecar, { SHADOWMESH_TOKEN: 'tok' });
    expect(config).toMatchObject({
      kind: 'sidecar',
      controlPlane: 'http://127.0.0.1:20001',
      configFile: null,
      token: 'tok',
      workload: 'httpbin-v1',
      namespace: 'default',
      labels: { app: 'httpbin', version: 'v1' },
      app: { host: '127.0.0.1', port: 8080 },
      inbound: { host: '127.0.0.1', port: 15006 },
      outbound: { host: '127.0.0.1', port: 15001 },
      admin: null,
      logLevel: 'info',
    });
    expect(Object.isFrozen(config)).toBe(true);
    expect(Object.isFrozen(config.labels)).toBe(true);
    expect(Object.isFrozen(config.inbound)).toBe(true);
  });

  it('prefers --token to SHADOWMESH_TOKEN and accepts IPv6 and port 0', () => {
    const config = parseSidecarFlags(
      { ...sidecar, token: 'flag', inbound: '[::1]:0' },
      { SHADOWMESH_TOKEN: 'env' },
    );
    expect(config.token).toBe('flag');
    expect(config.inbound).toEqual({ host: '::1', port: 0 });
  });

  it.each([
    [{ inbound: undefined }, /^--inbound: required$/],
    [{ outbound: 'localhost' }, /^--outbound: expected HOST:PORT/],
    [{ app: '127.0.0.1:70000' }, /^--app: expected HOST:PORT/],
    [{ workload: 'Bad_Name' }, /^--workload: "Bad_Name" is not a valid name/],
    [{ labels: 'app' }, /^--labels: expected k=v pairs/],
    [{ labels: 'app=a b' }, /^--labels: "a b" is not a valid value/],
    [{ labels: undefined }, /^--labels: required/],
    [{ controlPlane: 'ftp://x' }, /^--control-plane: expected an http/],
    [{ controlPlane: 'not a url' }, /^--control-plane: expected a URL/],
    [{ controlPlane: undefined }, /--control-plane URL or --config FILE is required/],
    [{ config: 'mesh.yaml' }, /cannot be used together/],
    [{ namespace: 'NS' }, /^--namespace:/],
    [{ token: '' }, /^--token:/],
  ])('names the bad flag (%o)', (override, message) => {
    const err = errorOf(() => parseSidecarFlags({ ...sidecar, ...override }, {}));
    expect(err.code).toBe('DP_ERR_BAD_FLAG');
    expect(err.message).toMatch(message);
  });

  it('names SHADOWMESH_LOG_LEVEL and SHADOWMESH_TOKEN when they are bad', () => {
    expect(errorOf(() => parseSidecarFlags(sidecar, { SHADOWMESH_LOG_LEVEL: 'loud' })).message).toMatch(
      /^SHADOWMESH_LOG_LEVEL:/,
    );
    expect(errorOf(() => parseSidecarFlags(sidecar, { SHADOWMESH_TOKEN: 'a b' })).message).toMatch(
      /^SHADOWMESH_TOKEN:/,
    );
  });
});

describe('parseGatewayFlags', () => {
  it('defaults the namespace to istio-system and needs --name and --listen', () => {
    const config = parseGatewayFlags(
      {
        config: 'mesh.yaml',
        name: 'istio-ingressgateway',
        labels: 'istio=ingressgateway',
        listen: '0.0.0.0:8080',
      },
      {},
    );
    expect(config).toMatchObject({
      kind: 'gateway',
      namespace: 'istio-system',
      configFile: 'mesh.yaml',
      listen: { host: '0.0.0.0', port: 8080 },
    });
    expect(
      errorOf(() => parseGatewayFlags({ config: 'm', labels: 'a=b', listen: '1.2.3.4:1' }, {})).message,
    ).toBe('--name: required');
    expect(errorOf(() => parseGatewayFlags({ config: 'm', labels: 'a=b', name: 'gw' }, {})).message).toBe(
      '--listen: required',
    );
  });
});

describe('parseLabels', () => {
  it('accepts prefixed keys, empty values and stray commas', () => {
    expect(parseLabels('app=x,, app.kubernetes.io/name=y ,empty=', '--labels')).toEqual({
      app: 'x',
      'app.kubernetes.io/name': 'y',
      empty: '',
    });
  });
});
