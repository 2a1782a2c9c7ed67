import { describe, expect, it } from 'vitest';
import { ApiError, CliError, describeError } from './cli-error.js';
import type { ManifestSource } from './manifest-input.js';
import { locateRefusal } from './server-refusal.js';

const SOURCES: ManifestSource[] = [
  { name: 'a.yaml', text: 'a: 1\n' },
  { name: 'b.yaml', text: 'b: 1\nc: [\n' },
];

describe('locateRefusal', () => {
  it('leaves other errors, and refusals that name no place, as they are', () => {
    const plain = new CliError('x');
    expect(locateRefusal(plain, SOURCES)).toBe(plain);
    const unauthorized = new ApiError(401, 'CP_ERR_UNAUTHORIZED', 'no token', {
      field: 'headers.authorization',
    });
    expect(locateRefusal(unauthorized, SOURCES)).toBe(unauthorized);
  });

  // a.yaml is lines 1-2 of the body, the separator line 3, b.yaml from line 4.
  it('places a malformed-YAML refusal in its file, without the joined-body position in the text', () => {
    const fields = [
      { field: '(yaml)', message: 'Unexpected end at line 5, column 1', document: 1, line: 5, column: 1 },
    ];
    const err = new ApiError(
      400,
      'CP_ERR_MALFORMED_BODY',
      'malformed YAML in document 1: Unexpected end at line 5, column 1',
      {
        field: '(yaml)',
        document: 1,
        line: 5,
        column: 1,
        fields,
      },
    );
    const located = locateRefusal(err, SOURCES);
    expect(describeError(located)).toEqual([
      'Error from server (CP_ERR_MALFORMED_BODY): b.yaml:2:1: Unexpected end',
    ]);
    expect((located as ApiError).details).toMatchObject({ file: 'b.yaml', line: 2, column: 1, document: 1 });
  });

  it('places a refusal that names only its document at the line where that document starts', () => {
    const err = new ApiError(
      400,
      'CP_ERR_MALFORMED_BODY',
      'malformed YAML in document 1: Excessive alias count',
      {
        field: '(yaml)',
        document: 1,
      },
    );
    expect(describeError(locateRefusal(err, SOURCES))).toEqual([
      'Error from server (CP_ERR_MALFORMED_BODY): b.yaml:1: malformed YAML in document 1: Excessive alias count',
    ]);
  });
});
