// A small, real OData `$filter` parser and evaluator for the user properties guestpass queries (facts §3 "Finding
// guests by email"): tokenizer → recursive descent → AST, then a property check that mirrors Graph's rules
// (which operators each property supports, which ones are "advanced queries").
import type { DirectoryUser } from '../directory.ts';

export type Literal = string | boolean | null;

export type FilterNode =
  | { kind: 'and' | 'or'; left: FilterNode; right: FilterNode }
  | { kind: 'not'; operand: FilterNode }
  | { kind: 'compare'; op: 'eq' | 'ne'; property: string; value: Literal }
  | { kind: 'in'; property: string; values: Literal[] }
  | { kind: 'function'; name: 'startsWith' | 'endsWith'; property: string; value: string }
  | { kind: 'any'; property: string; op: 'eq' | 'startsWith' | 'endsWith'; value: string };

/** Syntax errors: Graph answers 400 BadRequest "Invalid filter clause". */
export class FilterSyntaxError extends Error {}
/** Well-formed but outside what Graph supports: 400 Request_UnsupportedQuery. */
export class FilterUnsupportedError extends Error {}

type Token =
  | { type: 'ident'; text: string; at: number }
  | { type: 'string'; value: string; at: number }
  | { type: 'punct'; text: '(' | ')' | ',' | ':' | '/'; at: number }
  | { type: 'end'; at: number };

export function tokenize(source: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < source.length) {
    const ch = source[i]!;
    if (/\s/.test(ch)) {
      i++;
    } else if (ch === "'") {
      // OData string literal: a quote inside is written twice ('o''brien@x.com').
      const start = i;
      let value = '';
      i++;
      for (;;) {
        if (i >= source.length) throw new FilterSyntaxError(`Syntax error: unterminated string literal at position ${start} in '${source}'.`);
        if (source[i] === "'") {
          if (source[i + 1] === "'") {
            value += "'";
            i += 2;
            continue;
          }
          i++;
          break;
        }
        value += source[i];
        i++;
      }
      tokens.push({ type: 'string', value, at: start });
    } else if (ch === '(' || ch === ')' || ch === ',' || ch === ':' || ch === '/') {
      tokens.push({ type: 'punct', text: ch, at: i });
      i++;
    } else if (/[A-Za-z_]/.test(ch)) {
      const start = i;
      while (i < source.length && /[A-Za-z0-9_.]/.test(source[i]!)) i++;
      tokens.push({ type: 'ident', text: source.slice(start, i), at: start });
    } else {
      throw new FilterSyntaxError(`Syntax error: character '${ch}' is not valid at position ${i} in '${source}'.`);
    }
  }
  tokens.push({ type: 'end', at: source.length });
  return tokens;
}

const COMPARISON_OPERATORS = new Set(['eq', 'ne', 'gt', 'ge', 'lt', 'le']);

class Parser {
  private position = 0;
  constructor(
    private readonly tokens: Token[],
    private readonly source: string,
  ) {}

  parse(): FilterNode {
    const node = this.orExpression();
    const next = this.peek();
    if (next.type !== 'end') this.fail(next);
    return node;
  }

  private peek(): Token {
    return this.tokens[this.position]!;
  }

  private take(): Token {
    return this.tokens[this.position++]!;
  }

  private fail(token: Token): never {
    throw new FilterSyntaxError(`Syntax error at position ${token.at} in '${this.source}'.`);
  }

  private isKeyword(token: Token, word: string): boolean {
    return token.type === 'ident' && token.text.toLowerCase() === word;
  }

  private expectPunct(text: string): void {
    const token = this.take();
    if (token.type !== 'punct' || token.text !== text) this.fail(token);
  }

  private expectIdent(): string {
    const token = this.take();
    if (token.type !== 'ident') this.fail(token);
    return token.text;
  }

  private orExpression(): FilterNode {
    let left = this.andExpression();
    while (this.isKeyword(this.peek(), 'or')) {
      this.take();
      left = { kind: 'or', left, right: this.andExpression() };
    }
    return left;
  }

  private andExpression(): FilterNode {
    let left = this.unary();
    while (this.isKeyword(this.peek(), 'and')) {
      this.take();
      left = { kind: 'and', left, right: this.unary() };
    }
    return left;
  }

  private unary(): FilterNode {
    if (this.isKeyword(this.peek(), 'not')) {
      this.take();
      return { kind: 'not', operand: this.unary() };
    }
    return this.primary();
  }

  private primary(): FilterNode {
    const token = this.peek();
    if (token.type === 'punct' && token.text === '(') {
      this.take();
      const inner = this.orExpression();
      this.expectPunct(')');
      return inner;
    }
    if (token.type !== 'ident') this.fail(token);
    const name = this.expectIdent();
    const next = this.peek();
    if (next.type === 'punct' && next.text === '(') return this.functionCall(name);
    if (next.type === 'punct' && next.text === '/') return this.lambda(name);
    return this.comparison(name);
  }

  private functionCall(name: string): FilterNode {
    const lower = name.toLowerCase();
    if (lower !== 'startswith' && lower !== 'endswith') {
      throw new FilterUnsupportedError(`Unsupported Query. The function '${name}' is not supported.`);
    }
    this.expectPunct('(');
    const property = this.expectIdent();
    this.expectPunct(',');
    const value = this.stringLiteral();
    this.expectPunct(')');
    return { kind: 'function', name: lower === 'startswith' ? 'startsWith' : 'endsWith', property, value };
  }

  private lambda(property: string): FilterNode {
    this.expectPunct('/');
    const operator = this.expectIdent();
    if (operator.toLowerCase() !== 'any') {
      throw new FilterUnsupportedError(`Unsupported Query. Only 'any' lambdas are supported on '${property}'.`);
    }
    this.expectPunct('(');
    const variable = this.expectIdent();
    this.expectPunct(':');
    const head = this.expectIdent();
    let node: FilterNode;
    if (head === variable) {
      const op = this.expectIdent().toLowerCase();
      if (op !== 'eq') throw new FilterUnsupportedError(`Unsupported Query. Operator '${op}' is not supported inside 'any'.`);
      node = { kind: 'any', property, op: 'eq', value: this.stringLiteral() };
    } else {
      const lower = head.toLowerCase();
      if (lower !== 'startswith' && lower !== 'endswith') this.fail(this.tokens[this.position - 1]!);
      this.expectPunct('(');
      if (this.expectIdent() !== variable) this.fail(this.tokens[this.position - 1]!);
      this.expectPunct(',');
      const value = this.stringLiteral();
      this.expectPunct(')');
      node = { kind: 'any', property, op: lower === 'startswith' ? 'startsWith' : 'endsWith', value };
    }
    this.expectPunct(')');
    return node;
  }

  private comparison(property: string): FilterNode {
    const opToken = this.take();
    if (opToken.type !== 'ident') this.fail(opToken);
    const op = opToken.text.toLowerCase();
    if (op === 'in') {
      this.expectPunct('(');
      const values: Literal[] = [this.literal()];
      while (this.peek().type === 'punct' && (this.peek() as { text: string }).text === ',') {
        this.take();
        values.push(this.literal());
      }
      this.expectPunct(')');
      return { kind: 'in', property, values };
    }
    if (!COMPARISON_OPERATORS.has(op)) this.fail(opToken);
    const value = this.literal();
    if (op !== 'eq' && op !== 'ne') {
      throw new FilterUnsupportedError(`Unsupported or invalid query filter clause specified for property '${property}' of resource 'User'.`);
    }
    return { kind: 'compare', op, property, value };
  }

  private literal(): Literal {
    const token = this.take();
    if (token.type === 'string') return token.value;
    if (token.type === 'ident') {
      const word = token.text.toLowerCase();
      if (word === 'null') return null;
      if (word === 'true') return true;
      if (word === 'false') return false;
    }
    this.fail(token);
  }

  private stringLiteral(): string {
    const token = this.take();
    if (token.type !== 'string') this.fail(token);
    return token.value;
  }
}

export function parseFilter(source: string): FilterNode {
  if (source.trim() === '') throw new FilterSyntaxError("Invalid filter clause: the filter is empty.");
  return new Parser(tokenize(source), source).parse();
}

// Which user properties can be filtered, and how (user resource doc + aad-advanced-queries.md).
type ScalarProperty = 'mail' | 'userPrincipalName' | 'displayName' | 'userType' | 'externalUserState' | 'creationType' | 'id' | 'usageLocation';
const SCALAR_PROPERTIES: Record<ScalarProperty, { startsWith: boolean; endsWith: boolean }> = {
  mail: { startsWith: true, endsWith: true },
  userPrincipalName: { startsWith: true, endsWith: true },
  displayName: { startsWith: true, endsWith: false },
  userType: { startsWith: false, endsWith: false },
  externalUserState: { startsWith: false, endsWith: false },
  creationType: { startsWith: false, endsWith: false },
  id: { startsWith: false, endsWith: false },
  usageLocation: { startsWith: true, endsWith: false },
};
const COLLECTION_PROPERTIES = new Set(['otherMails', 'proxyAddresses']);

export interface FilterAnalysis {
  /** Operators that make this an advanced query (need ConsistencyLevel: eventual + $count=true). */
  advancedOperators: string[];
}

function unsupportedProperty(property: string): FilterUnsupportedError {
  return new FilterUnsupportedError(`Unsupported or invalid query filter clause specified for property '${property}' of resource 'User'.`);
}

function scalar(property: string): ScalarProperty {
  if (Object.hasOwn(SCALAR_PROPERTIES, property)) return property as ScalarProperty;
  throw unsupportedProperty(property);
}

/** Checks properties/operators against Graph's rules and lists the advanced-query operators used. */
export function analyzeFilter(node: FilterNode): FilterAnalysis {
  const advanced = new Set<string>();
  const visit = (n: FilterNode): void => {
    switch (n.kind) {
      case 'and':
      case 'or':
        visit(n.left);
        visit(n.right);
        return;
      case 'not':
        advanced.add('not');
        visit(n.operand);
        return;
      case 'compare':
        scalar(n.property);
        if (n.op === 'ne') advanced.add('ne');
        return;
      case 'in':
        scalar(n.property);
        return;
      case 'function': {
        const rules = SCALAR_PROPERTIES[scalar(n.property)];
        if (n.name === 'startsWith' && !rules.startsWith) throw unsupportedProperty(n.property);
        if (n.name === 'endsWith') {
          if (!rules.endsWith) throw unsupportedProperty(n.property);
          advanced.add('endsWith');
        }
        return;
      }
      case 'any':
        if (!COLLECTION_PROPERTIES.has(n.property)) throw unsupportedProperty(n.property);
        if (n.op === 'endsWith') advanced.add('endsWith');
        return;
    }
  };
  visit(node);
  return { advancedOperators: [...advanced] };
}

// Directory string comparisons are case-insensitive (facts §3: addresses match whatever their case).
const fold = (value: string): string => value.toLowerCase();

function scalarValue(user: DirectoryUser, property: ScalarProperty): string | null {
  return user[property];
}

function equals(actual: string | null, expected: Literal): boolean {
  if (expected === null || actual === null) return actual === expected;
  if (typeof expected !== 'string') return false;
  return fold(actual) === fold(expected);
}

export function matchesFilter(user: DirectoryUser, node: FilterNode): boolean {
  switch (node.kind) {
    case 'and':
      return matchesFilter(user, node.left) && matchesFilter(user, node.right);
    case 'or':
      return matchesFilter(user, node.left) || matchesFilter(user, node.right);
    case 'not':
      return !matchesFilter(user, node.operand);
    case 'compare': {
      const same = equals(scalarValue(user, scalar(node.property)), node.value);
      return node.op === 'eq' ? same : !same;
    }
    case 'in': {
      const actual = scalarValue(user, scalar(node.property));
      return node.values.some((value) => equals(actual, value));
    }
    case 'function': {
      const actual = scalarValue(user, scalar(node.property));
      if (actual === null) return false;
      return node.name === 'startsWith'
        ? fold(actual).startsWith(fold(node.value))
        : fold(actual).endsWith(fold(node.value));
    }
    case 'any': {
      const values = node.property === 'otherMails' ? user.otherMails : user.proxyAddresses;
      const wanted = fold(node.value);
      return values.some((value) => {
        const v = fold(value);
        if (node.op === 'eq') return v === wanted;
        return node.op === 'startsWith' ? v.startsWith(wanted) : v.endsWith(wanted);
      });
    }
  }
}
