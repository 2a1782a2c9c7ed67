// The find/hide language (Kiali's, simplified): `rps > 10`, `version = v2`, `error > 1`, `mirror`,
// `!idle`, joined with AND / OR (AND binds tighter, as in most languages; parentheses group).
// Comparison operators: = != > >= < <=, and for text also contains (*=), startswith (^=),
// endswith ($=). Numbers may carry a `%` or `ms` suffix. Percentages (error, share) are 0..100.
//
// Evaluation is three-valued: an operand that does not apply to an element (p95 of a node) makes
// its comparison unknown, `!unknown` stays unknown, and an element matches only on true. So
// `!share > 50` finds edges, never nodes.
import { type GraphTarget, OPERANDS, type Operand, operandNames } from './expressionOperands';
import { ExpressionError, type Token, tokenize } from './expressionTokens';

export type { GraphTarget } from './expressionOperands';

type Comparator = '=' | '!=' | '>' | '>=' | '<' | '<=' | 'contains' | 'startswith' | 'endswith';

type Expr =
  | { type: 'and' | 'or'; left: Expr; right: Expr }
  | { type: 'not'; operand: Expr }
  | { type: 'flag'; operand: Operand & { type: 'flag' } }
  | { type: 'compare'; operand: Operand; comparator: Comparator; value: string | number };

export interface FindExpression {
  /** The text it was parsed from. */
  source: string;
  /** True only when the expression is true for the element (unknown counts as no). */
  matches(target: GraphTarget): boolean;
}

export type ParseResult =
  | { ok: true; expression: FindExpression | null }
  | { ok: false; error: string; position: number };

const COMPARATORS: ReadonlyMap<string, Comparator> = new Map<string, Comparator>([
  ['=', '='],
  ['!=', '!='],
  ['>', '>'],
  ['>=', '>='],
  ['<', '<'],
  ['<=', '<='],
  ['*=', 'contains'],
  ['^=', 'startswith'],
  ['$=', 'endswith'],
  ['contains', 'contains'],
  ['startswith', 'startswith'],
  ['endswith', 'endswith'],
]);
const NUMERIC: ReadonlySet<Comparator> = new Set(['=', '!=', '>', '>=', '<', '<=']);

class Parser {
  private index = 0;

  constructor(
    private readonly tokens: Token[],
    private readonly length: number,
  ) {}

  parse(): Expr {
    const expr = this.or();
    const extra = this.tokens[this.index];
    if (extra) throw new ExpressionError(`unexpected "${extra.text}": expected AND or OR`, extra.position);
    return expr;
  }

  private peek(): Token | undefined {
    return this.tokens[this.index];
  }

  private isKeyword(token: Token | undefined, ...words: string[]): boolean {
    if (!token) return false;
    const text = token.text.toLowerCase();
    return (token.kind === 'word' || token.kind === 'op') && words.includes(text);
  }

  private or(): Expr {
    let left = this.and();
    while (this.isKeyword(this.peek(), 'or', '||')) {
      this.index += 1;
      left = { type: 'or', left, right: this.and() };
    }
    return left;
  }

  private and(): Expr {
    let left = this.unary();
    while (this.isKeyword(this.peek(), 'and', '&&')) {
      this.index += 1;
      left = { type: 'and', left, right: this.unary() };
    }
    return left;
  }

  private unary(): Expr {
    const token = this.peek();
    if (this.isKeyword(token, '!', 'not')) {
      this.index += 1;
      return { type: 'not', operand: this.unary() };
    }
    if (token?.kind === 'lparen') {
      this.index += 1;
      const inner = this.or();
      const close = this.peek();
      if (close?.kind !== 'rparen') throw new ExpressionError('expected ")"', close?.position ?? this.length);
      this.index += 1;
      return inner;
    }
    return this.comparison();
  }

  private comparison(): Expr {
    const token = this.peek();
    if (token?.kind !== 'word') {
      throw new ExpressionError(
        token ? `expected an operand, found "${token.text}"` : 'expected an operand',
        token?.position ?? this.length,
      );
    }
    this.index += 1;
    const name = token.text.toLowerCase();
    const operand = OPERANDS.get(name);
    if (!operand) {
      throw new ExpressionError(
        `unknown operand "${token.text}"; try one of: ${[...operandNames('number'), ...operandNames('string'), ...operandNames('flag')].join(', ')}`,
        token.position,
      );
    }
    const opToken = this.peek();
    const comparator =
      opToken && !this.isKeyword(opToken, 'and', 'or')
        ? COMPARATORS.get(opToken.text.toLowerCase())
        : undefined;
    if (operand.type === 'flag') {
      if (comparator) {
        throw new ExpressionError(
          `"${name}" is a flag: write "${name}" or "!${name}"`,
          opToken?.position ?? 0,
        );
      }
      return { type: 'flag', operand };
    }
    if (!comparator || !opToken) {
      throw new ExpressionError(
        `expected a comparison after "${token.text}" (e.g. > 10)`,
        opToken?.position ?? this.length,
      );
    }
    this.index += 1;
    const valueToken = this.peek();
    if (valueToken?.kind !== 'word' && valueToken?.kind !== 'string') {
      throw new ExpressionError(
        `expected a value after "${opToken.text}"`,
        valueToken?.position ?? this.length,
      );
    }
    this.index += 1;
    if (operand.type === 'number') {
      if (!NUMERIC.has(comparator)) {
        throw new ExpressionError(`"${name}" is a number: use = != > >= < <=`, opToken.position);
      }
      const value = Number(valueToken.text.replace(/(%|ms)$/i, ''));
      if (valueToken.text.trim() === '' || !Number.isFinite(value)) {
        throw new ExpressionError(`"${name}" is a number: "${valueToken.text}" is not`, valueToken.position);
      }
      return { type: 'compare', operand, comparator, value };
    }
    if (comparator !== '=' && comparator !== '!=' && NUMERIC.has(comparator)) {
      throw new ExpressionError(`"${name}" is text: use = != contains startswith endswith`, opToken.position);
    }
    return { type: 'compare', operand, comparator, value: valueToken.text.toLowerCase() };
  }
}

function compare(actual: number | string, comparator: Comparator, expected: number | string): boolean {
  switch (comparator) {
    case '=':
      return actual === expected;
    case '!=':
      return actual !== expected;
    case '>':
      return actual > expected;
    case '>=':
      return actual >= expected;
    case '<':
      return actual < expected;
    case '<=':
      return actual <= expected;
    case 'contains':
      return String(actual).includes(String(expected));
    case 'startswith':
      return String(actual).startsWith(String(expected));
    case 'endswith':
      return String(actual).endsWith(String(expected));
  }
}

/** true, false, or null when the expression does not apply to the element. */
function evaluate(expr: Expr, target: GraphTarget): boolean | null {
  switch (expr.type) {
    case 'and': {
      const left = evaluate(expr.left, target);
      if (left === false) return false;
      const right = evaluate(expr.right, target);
      if (right === false) return false;
      return left === null || right === null ? null : true;
    }
    case 'or': {
      const left = evaluate(expr.left, target);
      if (left === true) return true;
      const right = evaluate(expr.right, target);
      if (right === true) return true;
      return left === null || right === null ? null : false;
    }
    case 'not': {
      const inner = evaluate(expr.operand, target);
      return inner === null ? null : !inner;
    }
    case 'flag':
      return expr.operand.test(target);
    case 'compare': {
      const actual = expr.operand.type === 'flag' ? null : expr.operand.read(target);
      if (actual === null) return null;
      return compare(typeof actual === 'string' ? actual.toLowerCase() : actual, expr.comparator, expr.value);
    }
  }
}

/** Parses a find/hide expression; empty text is no expression. Errors name the position. */
export function parseExpression(text: string): ParseResult {
  if (text.trim() === '') return { ok: true, expression: null };
  try {
    const tree = new Parser(tokenize(text), text.length).parse();
    return { ok: true, expression: { source: text, matches: (target) => evaluate(tree, target) === true } };
  } catch (error) {
    if (error instanceof ExpressionError)
      return { ok: false, error: error.message, position: error.position };
    throw error;
  }
}
