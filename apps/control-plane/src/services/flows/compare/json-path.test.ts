import { describe, expect, it } from 'vitest';
import { compileJsonPathRule, formatJsonPath, isPathWithin, JsonPathRuleError } from './json-path.js';

describe('formatJsonPath', () => {
  it.each([
    [[], '$'],
    [['a', 'b', 2, 'c'], '$.a.b[2].c'],
    [['a b'], "$['a b']"],
    [['a.b'], "$['a.b']"],
    [["it's"], '$["it\'s"]'],
    [['*'], "$['*']"],
    [[''], "$['']"],
  ])('%j → %s', (segments, text) => {
    expect(formatJsonPath(segments)).toBe(text);
  });

  it('writes an ancestor as a prefix of its descendants', () => {
    expect(isPathWithin('$.a.b[2]', '$.a')).toBe(true);
    expect(isPathWithin('$.a', '$.a')).toBe(true);
    expect(isPathWithin('$.ab', '$.a')).toBe(false);
    expect(isPathWithin("$['a b'].c", "$['a b']")).toBe(true);
  });
});

describe('compileJsonPathRule', () => {
  it.each([
    ['$.timestamp', ['timestamp'], true],
    ['$.timestamp', ['timestamp', 'nanos'], true],
    ['$.timestamp', ['time'], false],
    ['$.items[*].id', ['items', 3, 'id'], true],
    ['$.items[*].id', ['items', 3, 'name'], false],
    ['$.items[1].id', ['items', 2, 'id'], false],
    ['$.items[1].id', ['items', 1, 'id'], true],
    ['$.*.id', ['a', 'id'], true],
    ["$['a b'].c", ['a b', 'c'], true],
    ['$["x.y"]', ['x.y'], true],
    ['$', ['anything'], true],
    ['$.a.b', ['a'], false],
  ] as const)('%s on %j → %s', (rule, segments, expected) => {
    expect(compileJsonPathRule(rule)(segments)).toBe(expected);
  });

  it.each(['timestamp', '$..a', '$.a[', '$[x]', '$.a]', "$['a"])('refuses %s with a clear error', (rule) => {
    expect(() => compileJsonPathRule(rule)).toThrow(JsonPathRuleError);
    expect(() => compileJsonPathRule(rule)).toThrow(rule);
  });
});
