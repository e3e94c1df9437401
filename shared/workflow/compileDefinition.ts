import { compileCondition, type CompiledCondition } from './condition';
import { compileAuthorSchema, type AuthorValidator } from './definitionSchemas';
import type { TransitionDefinition, WorkflowDefinitionDocument } from './definitionSchema';

/** One way out of a transition: enter `to` when `when` holds (always, without `when`). */
export interface CompiledRoute {
  when?: CompiledCondition;
  to: string;
}

/** A transition with its condition, routes and input schema compiled. */
export interface CompiledTransition {
  definition: TransitionDefinition;
  /** The guard condition; undefined when the transition has none. */
  condition?: CompiledCondition;
  /** In order; the last one has no `when`. */
  routes: CompiledRoute[];
  /** Validates the transition request body; undefined when the transition has no inputSchema. */
  validateInput?: AuthorValidator;
  /** Distinct approvals needed before the move applies (1 when not set). */
  quorum: number;
}

/** A definition compiled once and decided against many times. */
export interface CompiledDefinition {
  document: WorkflowDefinitionDocument;
  transitions: ReadonlyMap<string, CompiledTransition>;
  /** Validates case data; undefined when the definition has no dataSchema. */
  validateData?: AuthorValidator;
}

/** Thrown by compileDefinition for a document that fails its checks (published documents never do). */
export class DefinitionCompileError extends Error {
  constructor(
    readonly pointer: string,
    problem: string,
  ) {
    super(`workflow definition does not compile at ${pointer}: ${problem}`);
    this.name = 'DefinitionCompileError';
  }
}

function condition(source: string, pointer: string): CompiledCondition {
  const compiled = compileCondition(source);
  if (!compiled.ok) throw new DefinitionCompileError(pointer, compiled.problems.join('; '));
  return compiled.condition;
}

function schema(document: Record<string, unknown>, pointer: string): AuthorValidator {
  const compiled = compileAuthorSchema(document);
  if (!compiled.ok) throw new DefinitionCompileError(pointer, compiled.problem);
  return compiled.validate;
}

function routes(transition: TransitionDefinition, pointer: string): CompiledRoute[] {
  if (transition.targets === undefined) {
    if (transition.to === undefined) throw new DefinitionCompileError(pointer, 'neither to nor targets is given');
    return [{ to: transition.to }];
  }
  return transition.targets.map((target, i) =>
    target.when === undefined
      ? { to: target.to }
      : { to: target.to, when: condition(target.when, `${pointer}/targets/${i}/when`) },
  );
}

function compileTransition(transition: TransitionDefinition, index: number): CompiledTransition {
  const pointer = `/transitions/${index}`;
  return {
    definition: transition,
    condition: transition.condition === undefined ? undefined : condition(transition.condition, `${pointer}/condition`),
    routes: routes(transition, pointer),
    validateInput:
      transition.inputSchema === undefined ? undefined : schema(transition.inputSchema, `${pointer}/inputSchema`),
    quorum: transition.quorum ?? 1,
  };
}

/**
 * Compiles every condition and schema of a definition document once. Pure.
 * @throws DefinitionCompileError when a condition or schema does not compile, which checkDefinition
 *   reports before publishing, so it means a stored document was never checked.
 */
export function compileDefinition(document: WorkflowDefinitionDocument): CompiledDefinition {
  const transitions = new Map(document.transitions.map((t, i) => [t.name, compileTransition(t, i)]));
  const validateData = document.dataSchema === undefined ? undefined : schema(document.dataSchema, '/dataSchema');
  return { document, transitions, validateData };
}

/** The states a transition may enter, in target order, without duplicates. */
export function targetStates(transition: TransitionDefinition): string[] {
  const states = transition.targets?.map((t) => t.to) ?? (transition.to === undefined ? [] : [transition.to]);
  return [...new Set(states)];
}
