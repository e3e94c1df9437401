import { Environment, type ParseResult } from '@marcbachmann/cel-js';
import { CASE_FIELDS, CONDITION_VARIABLES, scanCondition } from './conditionRules';

/** Syntax tree limits every condition is parsed with; together with conditionRules they bound its cost. */
export const CONDITION_LIMITS = {
  maxAstNodes: 100,
  maxDepth: 16,
  maxListElements: 32,
  maxMapEntries: 32,
  maxCallArguments: 4,
} as const;

const environment = CONDITION_VARIABLES.reduce(
  (env, name) => env.registerVariable(name, 'map'),
  new Environment({ limits: CONDITION_LIMITS }),
);

/** What a condition sees of a case. */
export interface ConditionBindings {
  data: Record<string, unknown>;
  case: { state: string; requester: string; assignee: string | null };
}

/** The result of evaluating a condition: its truth, or why it could not be decided. */
export type ConditionResult = { ok: true; value: boolean } | { ok: false; message: string };

/** A condition parsed and checked once, evaluated many times. */
export interface CompiledCondition {
  source: string;
  /**
   * Evaluates against `bindings`. Never throws: a missing field, a type mismatch or a result that is
   * not a boolean comes back as `ok: false`.
   */
  evaluate(bindings: ConditionBindings): ConditionResult;
}

/** Compiling a condition: the compiled form, or every problem found. */
export type ConditionCompilation = { ok: true; condition: CompiledCondition } | { ok: false; problems: string[] };

function firstLine(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return message.split('\n')[0] ?? message;
}

function parse(source: string): ParseResult | string {
  try {
    return environment.parse(source);
  } catch (error) {
    return `does not parse: ${firstLine(error)}`;
  }
}

function typeProblems(parsed: ParseResult): string[] {
  const checked = parsed.check();
  if (!checked.valid) return [`is not well-typed: ${firstLine(checked.error)}`];
  if (checked.type !== 'bool' && checked.type !== 'dyn') return [`yields ${checked.type}, not a boolean`];
  return [];
}

function caseFieldProblems(fields: ReadonlySet<string>): string[] {
  const known: readonly string[] = CASE_FIELDS;
  return [...fields]
    .filter((field) => !known.includes(field))
    .map((field) => `reads case.${field}; case has only ${CASE_FIELDS.join(', ')}`);
}

function dataFieldProblems(fields: ReadonlySet<string>, declared: ReadonlySet<string> | undefined): string[] {
  if (declared === undefined) return [];
  return [...fields]
    .filter((field) => !declared.has(field))
    .map((field) => `reads data.${field}, which dataSchema.properties does not declare`);
}

function evaluator(parsed: ParseResult): CompiledCondition['evaluate'] {
  return (bindings) => {
    try {
      const value: unknown = parsed({ data: bindings.data, case: bindings.case });
      if (typeof value === 'boolean') return { ok: true, value };
      return { ok: false, message: 'the condition did not yield a boolean' };
    } catch (error) {
      return { ok: false, message: firstLine(error) };
    }
  };
}

/**
 * Parses a CEL condition over `data` (the case data) and `case` (state, requester, assignee), type-checks
 * it and checks it against the cost rules (conditionRules). When `declaredDataFields` is given, reading
 * any other top-level field of `data` is a problem too. Uses no eval: cel-js interprets the syntax tree.
 * Pure; never throws.
 */
export function compileCondition(source: string, declaredDataFields?: ReadonlySet<string>): ConditionCompilation {
  const parsed = parse(source);
  if (typeof parsed === 'string') return { ok: false, problems: [parsed] };

  const scan = scanCondition(parsed.ast);
  const problems = [
    ...typeProblems(parsed),
    ...scan.problems,
    ...caseFieldProblems(scan.caseFields),
    ...dataFieldProblems(scan.dataFields, declaredDataFields),
  ];
  if (problems.length > 0) return { ok: false, problems };
  return { ok: true, condition: { source, evaluate: evaluator(parsed) } };
}
