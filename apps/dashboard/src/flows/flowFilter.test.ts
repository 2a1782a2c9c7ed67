import { describe, expect, it } from 'vitest';
import { filterFromParams, filterKey, filterToParams, flowListPath } from './flowFilter';

describe('filterFromParams', () => {
  it('reads every filter field, trimming and normalising', () => {
    const params = new URLSearchParams(
      'namespace=default&service=httpbin&workload=client&method=get&path=/anything&status=5XX&type=mirror&flow=abc',
    );
    expect(filterFromParams(params)).toEqual({
      filter: {
        namespace: 'default',
        service: 'httpbin',
        workload: 'client',
        method: 'GET',
        path: '/anything',
        status: '5xx',
        type: 'mirror',
      },
      problems: [],
    });
  });

  it('leaves out empty values and parameters that are not filters', () => {
    expect(filterFromParams(new URLSearchParams('service=&path=%20&flow=x&paused=1'))).toEqual({
      filter: {},
      problems: [],
    });
  });

  it('reports bad values with their field and keeps them out of the filter', () => {
    const { filter, problems } = filterFromParams(
      new URLSearchParams('status=600&path=anything&type=shadow&service=httpbin'),
    );
    expect(filter).toEqual({ service: 'httpbin' });
    expect(problems.map((p) => p.field)).toEqual(['path', 'status', 'type']);
  });

  it.each(['200', '503', '0', '2xx', '5xx'])('accepts status %s', (status) => {
    expect(filterFromParams(new URLSearchParams({ status })).filter.status).toBe(status);
  });
});

describe('filterToParams / filterKey / flowListPath', () => {
  it('round-trips through the URL', () => {
    const filter = { service: 'httpbin', path: '/anything', status: '200', type: 'primary' as const };
    expect(filterFromParams(filterToParams(filter)).filter).toEqual(filter);
  });

  it('gives the same key whatever the order the fields were set in', () => {
    expect(filterKey({ path: '/a', service: 's' })).toBe(filterKey({ service: 's', path: '/a' }));
    expect(filterKey({})).toBe('');
  });

  it('builds the list request with a limit', () => {
    expect(flowListPath({ service: 'httpbin', path: '/any thing' }, 200)).toBe(
      '/api/v1/flows?service=httpbin&path=%2Fany+thing&limit=200',
    );
  });
});
