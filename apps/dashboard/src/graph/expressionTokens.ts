// Tokens of the find/hide language: words (operands, keywords, bare values), quoted strings and
// operators. Positions are 0-based offsets into the text, for error messages.

export type TokenKind = 'word' | 'string' | 'op' | 'lparen' | 'rparen';

export interface Token {
  kind: TokenKind;
  text: string;
  position: number;
}

export class ExpressionError extends Error {
  readonly position: number;

  constructor(message: string, position: number) {
    super(message);
    this.name = 'ExpressionError';
    this.position = position;
  }
}

// Longest first, so `>=` is not read as `>` then `=`.
const OPERATORS = ['>=', '<=', '!=', '*=', '^=', '$=', '&&', '||', '=', '>', '<', '!'];
const WORD = /[A-Za-z0-9_.:/%+-]/;

export function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < text.length) {
    const ch = text[i] as string;
    if (/\s/.test(ch)) {
      i += 1;
      continue;
    }
    if (ch === '(' || ch === ')') {
      tokens.push({ kind: ch === '(' ? 'lparen' : 'rparen', text: ch, position: i });
      i += 1;
      continue;
    }
    if (ch === '"' || ch === "'") {
      const end = text.indexOf(ch, i + 1);
      if (end < 0) throw new ExpressionError(`unclosed quote ${ch}`, i);
      tokens.push({ kind: 'string', text: text.slice(i + 1, end), position: i });
      i = end + 1;
      continue;
    }
    const op = OPERATORS.find((o) => text.startsWith(o, i));
    if (op) {
      tokens.push({ kind: 'op', text: op, position: i });
      i += op.length;
      continue;
    }
    if (WORD.test(ch)) {
      const start = i;
      while (i < text.length && WORD.test(text[i] as string)) i += 1;
      tokens.push({ kind: 'word', text: text.slice(start, i), position: start });
      continue;
    }
    throw new ExpressionError(`unexpected character "${ch}"`, i);
  }
  return tokens;
}
