import { describe, expect, it } from 'vitest';
import { prefersHtml } from './prefers-html.js';

describe('prefersHtml', () => {
  const cases: Array<[string | undefined, boolean]> = [
    // Browsers navigating (Chrome/Firefox, Safari).
    ['text/html,application/xhtml+xml,application/xml;q=0.9,image/avif,image/webp,*/*;q=0.8', true],
    ['text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8', true],
    ['text/html', true],
    // API clients and tools.
    ['application/json', false],
    ['application/json, text/plain, */*', false],
    ['application/json;q=1, text/html;q=0.5', false],
    ['*/*', false],
    ['', false],
    [undefined, false],
    // Ranking, specificity and odd input.
    ['text/html;q=0.4, application/json;q=0.5', false],
    ['text/html;q=0.6, application/json;q=0.5', true],
    ['text/*, application/json;q=0.2', true],
    ['text/html;q=0, */*', false],
    ['TEXT/HTML', true],
    ['text/html;q=abc', true],
    ['text/html;q=7, application/json', false],
    ['garbage, text/html/x, ;;', false],
  ];
  it.each(cases)('%j ⇒ %s', (accept, expected) => {
    expect(prefersHtml(accept)).toBe(expected);
  });
});
