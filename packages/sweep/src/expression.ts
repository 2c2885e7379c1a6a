import { createRequire } from 'node:module';
import type { MathNode } from 'mathjs';
import { GridError } from './errors.js';

// Numeric axis values written as expressions of a cell's coordinates, parsed and compiled once with
// mathjs over a whitelist. mathjs is loaded (its light number build) only when a grid has an expression,
// so a default sweep, its workers and the CLI's start pay nothing for it.

/**
 * Symbols an expression may use: the cell's depth in the grid's depth unit, residual blocks, weight layers, hidden
 * width, and the per-position indices `block` (1-based residual block b) and `layer` (1-based weight layer l).
 */
export const EXPRESSION_SYMBOLS = ['depth', 'blocks', 'layers', 'width', 'block', 'layer'] as const;
/** The per-position symbols: an expression using one is evaluated once per block or weight layer. */
export const POSITION_SYMBOLS = ['block', 'layer'] as const;
/** A per-position symbol. */
export type PositionSymbol = (typeof POSITION_SYMBOLS)[number];
/** Functions an expression may call. */
export const EXPRESSION_FUNCTIONS = ['sqrt', 'exp', 'log', 'pow', 'min', 'max', 'abs'] as const;
/** How many arguments each function takes: [fewest, most]. */
const ARITY: Record<(typeof EXPRESSION_FUNCTIONS)[number], readonly [number, number]> = {
  sqrt: [1, 1],
  exp: [1, 1],
  log: [1, 2],
  pow: [2, 2],
  min: [1, Number.POSITIVE_INFINITY],
  max: [1, Number.POSITIVE_INFINITY],
  abs: [1, 1],
};
/** The longest expression accepted, in characters. */
export const MAX_EXPRESSION_LENGTH = 1000;
/** The deepest expression tree accepted (nested operators, calls and parentheses). */
export const MAX_EXPRESSION_DEPTH = 64;

/** A cell's coordinates an expression is evaluated at (with the position's index when it uses one). */
export type ExpressionScope = Record<Exclude<(typeof EXPRESSION_SYMBOLS)[number], PositionSymbol>, number> &
  Partial<Record<PositionSymbol, number>>;
/** A compiled expression, with the symbols it uses (each once, in order of first use). */
export type CompiledExpression = ((scope: ExpressionScope) => number) & { readonly symbols: readonly string[] };

const OPERATORS = new Set(['add', 'subtract', 'multiply', 'divide', 'pow', 'unaryMinus', 'unaryPlus']);
const EXPECTED = `a number or an expression of ${EXPRESSION_SYMBOLS.join(', ')} using + - * / ^ and ${EXPRESSION_FUNCTIONS.join(', ')} (e.g. 1/sqrt(depth))`;
const compiled = new Map<string, CompiledExpression>();
let mathjs: { parse: (text: string) => MathNode } | null = null;

/** Compiles `text` once (cached per process); a GridError naming `flag`, the text and the offending symbol when it is not allowed. */
export function compileExpression(flag: string, text: string): CompiledExpression {
  const hit = compiled.get(text);
  if (hit) return hit;
  if (text.length > MAX_EXPRESSION_LENGTH) {
    throw new GridError(flag, text, EXPECTED, `It is longer than ${MAX_EXPRESSION_LENGTH} characters.`);
  }
  mathjs ??= createRequire(import.meta.url)('mathjs/number') as { parse: (text: string) => MathNode };
  let node: MathNode;
  try {
    node = mathjs.parse(text);
  } catch (e) {
    const why = e instanceof RangeError ? `it nests deeper than ${MAX_EXPRESSION_DEPTH} levels` : (e as Error).message;
    throw new GridError(flag, text, EXPECTED, `It does not parse: ${why}.`);
  }
  const symbols = checkNode(flag, text, node);
  const code = node.compile();
  const evaluate = (scope: ExpressionScope): number => {
    try {
      return Number(code.evaluate({ ...scope }));
    } catch (e) {
      throw new GridError(flag, text, EXPECTED, `It does not evaluate: ${(e as Error).message}.`);
    }
  };
  const fn: CompiledExpression = Object.assign(evaluate, { symbols: Object.freeze(symbols) });
  compiled.set(text, fn);
  return fn;
}

/**
 * Throws unless every node of the tree is a number, a whitelisted symbol, operator or function call with its number
 * of arguments, and the tree is at most MAX_EXPRESSION_DEPTH deep; returns the symbols used (in order of first use).
 * Walks the tree with an explicit stack, so no expression can overflow the call stack here.
 */
function checkNode(flag: string, text: string, root: MathNode): string[] {
  const symbols: string[] = [];
  const refuse = (what: string): never => {
    throw new GridError(flag, text, EXPECTED, `${what}.`);
  };
  const stack: Array<[MathNode, number]> = [[root, 1]];
  while (stack.length > 0) {
    const [node, depth] = stack.pop()!;
    if (depth > MAX_EXPRESSION_DEPTH) refuse(`It nests deeper than ${MAX_EXPRESSION_DEPTH} levels`);
    const n = node as MathNode & {
      fn?: MathNode | string;
      name?: string;
      value?: unknown;
      args?: MathNode[];
      content?: MathNode;
    };
    const children = (nodes: MathNode[]): void => {
      for (let i = nodes.length - 1; i >= 0; i--) stack.push([nodes[i]!, depth + 1]);
    };
    switch (node.type) {
      case 'ConstantNode':
        if (typeof n.value !== 'number') refuse(`The constant ${node.toString()} is not allowed`);
        break;
      case 'SymbolNode':
        if (!(EXPRESSION_SYMBOLS as readonly string[]).includes(n.name!))
          refuse(`The symbol "${n.name}" is not allowed`);
        if (!symbols.includes(n.name!)) symbols.push(n.name!);
        break;
      case 'ParenthesisNode':
        children([n.content!]);
        break;
      case 'OperatorNode':
        if (!OPERATORS.has(n.fn as string)) {
          refuse(`The operator "${(node as MathNode & { op: string }).op}" is not allowed`);
        }
        children(n.args!);
        break;
      case 'FunctionNode': {
        const name = (n.fn as MathNode & { name?: string }).name ?? '';
        if (!(EXPRESSION_FUNCTIONS as readonly string[]).includes(name))
          refuse(`The function "${name}" is not allowed`);
        const [fewest, most] = ARITY[name as keyof typeof ARITY];
        const got = n.args!.length;
        if (got < fewest || got > most) {
          const takes =
            fewest === most
              ? `${fewest}`
              : most === Number.POSITIVE_INFINITY
                ? `${fewest} or more`
                : `${fewest} or ${most}`;
          refuse(`${name}() takes ${takes} argument${takes === '1' ? '' : 's'}; it was given ${got}`);
        }
        children(n.args!);
        break;
      }
      default:
        refuse(
          `${node.type === 'AssignmentNode' || node.type === 'FunctionAssignmentNode' ? 'An assignment' : `"${node.type}"`} is not allowed`,
        );
    }
  }
  return symbols;
}

/** Splits a flag's list on top-level commas only: `1,1/sqrt(depth),max(1, depth/10)` gives three items. */
export function splitTopLevel(text: string): string[] {
  const items: string[] = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '(' || c === '[') depth++;
    else if (c === ')' || c === ']') depth--;
    else if (c === ',' && depth === 0) {
      items.push(text.slice(start, i).trim());
      start = i + 1;
    }
  }
  items.push(text.slice(start).trim());
  return items;
}
