import type { ASTNode } from '@marcbachmann/cel-js';

/** The variables a condition may read: the case's data and a few facts about the case. */
export const CONDITION_VARIABLES = ['data', 'case'] as const;

/** The fields `case` carries for a condition. */
export const CASE_FIELDS = ['state', 'requester', 'assignee'] as const;

/** Macros that iterate over a list; their cost is bounded only because they may not nest. */
const COMPREHENSIONS = new Set(['all', 'exists', 'exists_one']);

/** Global functions a condition may call: conversions and presence tests, each linear in its argument. */
const FUNCTIONS = new Set(['size', 'has', 'int', 'uint', 'double', 'string', 'bool', 'dyn', 'timestamp', 'duration']);

/**
 * Methods a condition may call. Left out on purpose: matches (a backtracking regular expression),
 * split/join/map/filter (they build new lists) and cel.bind (a bound value can be doubled repeatedly).
 */
const METHODS = new Set([
  'size',
  'contains',
  'startsWith',
  'endsWith',
  'lowerAscii',
  'upperAscii',
  'trim',
  'indexOf',
  'lastIndexOf',
  'substring',
  'getFullYear',
  'getMonth',
  'getDate',
  'getDayOfMonth',
  'getDayOfWeek',
  'getDayOfYear',
  'getHours',
  'getMinutes',
  'getSeconds',
  'getMilliseconds',
  ...COMPREHENSIONS,
]);

/** What walking a condition's syntax tree found. */
export interface ConditionScan {
  /** Everything not allowed, one message each. */
  problems: string[];
  /** Top-level fields read from `data` (data.amount, data["amount"]). */
  dataFields: Set<string>;
  /** Top-level fields read from `case`. */
  caseFields: Set<string>;
}

interface Scope {
  /** The iteration variable of the comprehension being walked; undefined outside one. */
  iterator?: string;
}

function fieldOf(node: ASTNode): string | undefined {
  if (node.op === '.') return node.args[1];
  if (node.op === '[]' && node.args[1].op === 'value' && typeof node.args[1].args === 'string') {
    return node.args[1].args;
  }
  return undefined;
}

function rootField(node: ASTNode, scan: ConditionScan): void {
  if (node.op !== '.' && node.op !== '[]') return;
  const [target] = node.args;
  if (target.op !== 'id') return;
  const field = fieldOf(node);
  if (target.args === 'data' && field !== undefined) scan.dataFields.add(field);
  if (target.args === 'case' && field !== undefined) scan.caseFields.add(field);
}

function identifier(name: string, scope: Scope, scan: ConditionScan): void {
  if (scope.iterator !== undefined && name !== scope.iterator) {
    scan.problems.push(`a comprehension body may read only its own variable "${scope.iterator}", not "${name}"`);
  }
}

function comprehension(name: string, receiver: ASTNode, args: ASTNode[], scope: Scope, scan: ConditionScan): void {
  if (scope.iterator !== undefined) {
    scan.problems.push(`"${name}" may not be used inside another comprehension`);
    return;
  }
  walk(receiver, scope, scan);
  const [variable, body] = args;
  if (variable?.op !== 'id' || body === undefined) return;
  walk(body, { iterator: variable.args }, scan);
}

function call(node: ASTNode & { op: 'call' }, scope: Scope, scan: ConditionScan): void {
  const [name, args] = node.args;
  if (!FUNCTIONS.has(name)) scan.problems.push(`function "${name}" is not available in conditions`);
  for (const arg of args) walk(arg, scope, scan);
}

function methodCall(node: ASTNode & { op: 'rcall' }, scope: Scope, scan: ConditionScan): void {
  const [name, receiver, args] = node.args;
  if (!METHODS.has(name)) {
    scan.problems.push(`method "${name}" is not available in conditions`);
    return;
  }
  if (COMPREHENSIONS.has(name)) return comprehension(name, receiver, args, scope, scan);
  walk(receiver, scope, scan);
  for (const arg of args) walk(arg, scope, scan);
}

function children(node: ASTNode): ASTNode[] {
  if (node.op === 'value' || node.op === 'id') return [];
  if (node.op === '.' || node.op === '.?') return [node.args[0]];
  if (node.op === 'map') return node.args.flat();
  if (node.op === '!_' || node.op === '-_') return [node.args];
  return node.args as ASTNode[];
}

function walk(node: ASTNode, scope: Scope, scan: ConditionScan): void {
  if (node.op === 'id') return identifier(node.args, scope, scan);
  if (node.op === 'call') return call(node, scope, scan);
  if (node.op === 'rcall') return methodCall(node, scope, scan);
  if (scope.iterator === undefined) rootField(node, scan);
  for (const child of children(node)) walk(child, scope, scan);
}

/**
 * Walks a parsed condition and reports what makes its cost unbounded or its meaning unclear: functions
 * and methods outside the allowed set, comprehensions (all, exists, exists_one) inside one another, and
 * comprehension bodies reading anything but their own variable. With those rules an evaluation costs at
 * most a fixed multiple (set by the syntax tree limits) of the size of the case data. Pure.
 */
export function scanCondition(ast: ASTNode): ConditionScan {
  const scan: ConditionScan = { problems: [], dataFields: new Set(), caseFields: new Set() };
  walk(ast, {}, scan);
  return scan;
}
