import { describe, expect, it } from 'vitest';
import { controlPlaneConfig, parseListen } from './config.js';
import { CpError } from './errors.js';

describe('controlPlaneConfig', () => {
  it('defaults to 127.0.0.1:20001, token auth and .shadowmesh/ in the working directory', () => {
    const config = controlPlaneConfig({}, {}, '/tmp/project');
    expect(config).toMatchObject({
      host: '127.0.0.1',
      port: 20001,
      loopback: true,
      auth: 'token',
      dataDir: '/tmp/project/.shadowmesh',
      dashboardDir: null,
      logLevel: 'info',
    });
    expect(Object.isFrozen(config)).toBe(true);
  });

  it('refuses --auth none on a non-loopback address', () => {
    expect(() => controlPlaneConfig({ listen: '0.0.0.0:20001', auth: 'none' }, {})).toThrow(
      /--auth none is only allowed on a loopback address/,
    );
    expect(controlPlaneConfig({ listen: '0.0.0.0:20001', auth: 'token' }, {}).loopback).toBe(false);
    expect(controlPlaneConfig({ listen: '[::1]:9', auth: 'none' }, {}).loopback).toBe(true);
  });

  it('names the field of a bad value', () => {
    const cases: Array<[Parameters<typeof controlPlaneConfig>[0], string]> = [
      [{ listen: 'nope' }, 'listen'],
      [{ listen: '127.0.0.1:70000' }, 'listen'],
      [{ auth: 'maybe' as 'none' }, 'auth'],
      [{ logLevel: 'loud' }, 'logLevel'],
      [{ token: 'short' }, 'token'],
    ];
    for (const [input, field] of cases) {
      try {
        controlPlaneConfig(input, {});
        expect.unreachable(`accepted ${JSON.stringify(input)}`);
      } catch (error) {
        expect(error).toBeInstanceOf(CpError);
        expect((error as CpError).details.field).toBe(field);
      }
    }
  });

  it('parses host:port forms', () => {
    expect(parseListen('localhost:8080')).toEqual({ host: 'localhost', port: 8080 });
    expect(parseListen('[::1]:0')).toEqual({ host: '::1', port: 0 });
    expect(parseListen('20002')).toEqual({ host: '127.0.0.1', port: 20002 });
  });

  it('reads SHADOWMESH_* environment variables when flags are absent', () => {
    const config = controlPlaneConfig({}, { SHADOWMESH_LISTEN: '127.0.0.1:1234', SHADOWMESH_AUTH: 'none' });
    expect(config).toMatchObject({ port: 1234, auth: 'none', token: null });
  });

  it('takes a Prometheus URL (trailing slash dropped, path prefix kept) and refuses a bad one naming --prometheus', () => {
    expect(controlPlaneConfig({}, {}).prometheusUrl).toBeNull();
    expect(controlPlaneConfig({ prometheusUrl: 'http://127.0.0.1:9090/' }, {}).prometheusUrl).toBe(
      'http://127.0.0.1:9090',
    );
    expect(
      controlPlaneConfig({}, { SHADOWMESH_PROMETHEUS_URL: 'https://metrics.example/prometheus/' })
        .prometheusUrl,
    ).toBe('https://metrics.example/prometheus');
    for (const bad of [
      '127.0.0.1:9090',
      'ftp://host:9090',
      'http://user:pw@host:9090',
      'http://h:9090/?x=1',
      'nope',
    ]) {
      try {
        controlPlaneConfig({ prometheusUrl: bad }, {});
        expect.unreachable(`accepted ${bad}`);
      } catch (error) {
        expect(error).toBeInstanceOf(CpError);
        expect((error as CpError).code).toBe('CP_ERR_CONFIG_INVALID');
        expect((error as CpError).details.field).toBe('prometheusUrl');
        expect((error as CpError).message).toContain('--prometheus');
        expect((error as CpError).message).toContain(JSON.stringify(bad));
      }
    }
  });
});
