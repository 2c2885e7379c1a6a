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
  mathjs ??= createRequire(import.meta.url)('mathjs/number') as { parse: (text: string) => MathNode };
  let node: MathNode;
  try {
    node = mathjs.parse(text);
  } catch (e) {
    throw new GridError(flag, text, EXPECTED, `It does not parse: ${(e as Error).message}.`);
  }
  const symbols = checkNode(flag, text, node);
  const code = node.compile();
  const fn: CompiledExpression = Object.assign((scope: ExpressionScope) => Number(code.evaluate({ ...scope })), {
    symbols: Object.freeze(symbols),
  });
  compiled.set(text, fn);
  return fn;
}

/** Throws unless every node of the tree is a number, a whitelisted symbol, operator or function call; returns the symbols used. */
function checkNode(flag: string, text: string, root: MathNode): string[] {
  const symbols: string[] = [];
  const refuse = (what: string): never => {
    throw new GridError(flag, text, EXPECTED, `${what} is not allowed.`);
  };
  const visit = (node: MathNode): void => {
    const n = node as MathNode & {
      fn?: MathNode | string;
      name?: string;
      value?: unknown;
      args?: MathNode[];
      content?: MathNode;
    };
    switch (node.type) {
      case 'ConstantNode':
        if (typeof n.value !== 'number') refuse(`The constant ${node.toString()}`);
        return;
      case 'SymbolNode':
        if (!(EXPRESSION_SYMBOLS as readonly string[]).includes(n.name!)) refuse(`The symbol "${n.name}"`);
        if (!symbols.includes(n.name!)) symbols.push(n.name!);
        return;
      case 'ParenthesisNode':
        visit(n.content!);
        return;
      case 'OperatorNode':
        if (!OPERATORS.has(n.fn as string)) refuse(`The operator "${(node as unknown as { op: string }).op}"`);
        for (const a of n.args!) visit(a);
        return;
      case 'FunctionNode': {
        const name = (n.fn as MathNode & { name?: string }).name ?? node.toString();
        if (!(EXPRESSION_FUNCTIONS as readonly string[]).includes(name)) refuse(`The function "${name}"`);
        for (const a of n.args!) visit(a);
        return;
      }
      default:
        refuse(
          `${node.type === 'AssignmentNode' || node.type === 'FunctionAssignmentNode' ? 'An assignment' : `"${node.toString()}" (${node.type})`}`,
        );
    }
  };
  visit(root);
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
