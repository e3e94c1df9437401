import { compileCondition } from './condition';
import { problem, type DefinitionCheck, type DefinitionProblem } from './definitionProblem';
import { compileAuthorSchema } from './definitionSchemas';
import type { TransitionDefinition, WorkflowDefinitionDocument } from './definitionSchema';

function declaredDataFields(d: WorkflowDefinitionDocument): Set<string> {
  const properties = d.dataSchema?.['properties'];
  const isObject = typeof properties === 'object' && properties !== null && !Array.isArray(properties);
  return new Set(isObject ? Object.keys(properties) : []);
}

function conditionProblems(d: WorkflowDefinitionDocument, source: string, pointer: string): DefinitionProblem[] {
  const compiled = compileCondition(source, declaredDataFields(d));
  return compiled.ok ? [] : compiled.problems.map((message) => problem(pointer, `condition ${message}`));
}

function transitionConditions(d: WorkflowDefinitionDocument, t: TransitionDefinition, i: number) {
  const guard = t.condition === undefined ? [] : conditionProblems(d, t.condition, `/transitions/${i}/condition`);
  const routes = (t.targets ?? []).flatMap((target, j) =>
    target.when === undefined ? [] : conditionProblems(d, target.when, `/transitions/${i}/targets/${j}/when`),
  );
  return [...guard, ...routes];
}

/**
 * Every condition parses, type-checks, keeps to the cost rules, reads only `data` and `case`, and
 * reads from `data` only fields the dataSchema declares.
 */
export const conditionsCompile: DefinitionCheck = (d) => d.transitions.flatMap((t, i) => transitionConditions(d, t, i));

function schemaProblems(schema: Record<string, unknown> | undefined, pointer: string): DefinitionProblem[] {
  if (schema === undefined) return [];
  const compiled = compileAuthorSchema(schema);
  return compiled.ok ? [] : [problem(pointer, `schema does not compile: ${compiled.problem}`)];
}

function dataSchemaIsObject(d: WorkflowDefinitionDocument): DefinitionProblem[] {
  const type = d.dataSchema?.['type'];
  if (type === undefined || type === 'object') return [];
  return [problem('/dataSchema/type', 'case data is an object, so dataSchema must have type "object"')];
}

/** The dataSchema and every inputSchema compile; the dataSchema describes an object. */
export const schemasCompile: DefinitionCheck = (d) => [
  ...schemaProblems(d.dataSchema, '/dataSchema'),
  ...dataSchemaIsObject(d),
  ...d.transitions.flatMap((t, i) => schemaProblems(t.inputSchema, `/transitions/${i}/inputSchema`)),
];
