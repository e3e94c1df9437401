import type { WorkflowDefinition } from '../db/entities';
import type { CompiledDefinition } from '../workflow/compileDefinition';
import { definitionCompiler } from '../workflow/definitionCompiler';

const compile = definitionCompiler();

/** The compiled form of a published definition version, compiled once per process and kept (LRU). */
export function compiledDefinitionOf(definition: WorkflowDefinition): CompiledDefinition {
  return compile(`${definition.key}@${definition.version}`, definition.document);
}
