import type { WorkflowDefinitionDocument } from './definitionSchema';

/** One thing wrong with a definition document: where (JSON pointer into the document) and what. */
export interface DefinitionProblem {
  pointer: string;
  message: string;
}

/** What the publish-time checks need beyond the document. */
export interface CheckOptions {
  /** Every role a transition may name (the API's app roles); any other role is reported. */
  knownRoles: readonly string[];
}

/** One publish-time check: every problem it finds, in document order. */
export type DefinitionCheck = (definition: WorkflowDefinitionDocument, options: CheckOptions) => DefinitionProblem[];

/** A problem at `pointer`. */
export function problem(pointer: string, message: string): DefinitionProblem {
  return { pointer, message };
}
