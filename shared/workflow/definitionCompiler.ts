import { compileDefinition, type CompiledDefinition } from './compileDefinition';
import type { WorkflowDefinitionDocument } from './definitionSchema';

/** Compiles a published version once: same `id` (key and version), same compiled definition. */
export type DefinitionCompiler = (id: string, document: WorkflowDefinitionDocument) => CompiledDefinition;

/**
 * A compiler that remembers the `maxEntries` most recently used versions. Published versions are
 * immutable, so an id never needs recompiling. Holds no I/O; each caller owns its instance.
 * @throws DefinitionCompileError (from compileDefinition) for a document that was never checked.
 */
export function definitionCompiler(maxEntries = 100): DefinitionCompiler {
  const compiled = new Map<string, CompiledDefinition>();
  return (id, document) => {
    const hit = compiled.get(id);
    if (hit !== undefined) {
      compiled.delete(id);
      compiled.set(id, hit);
      return hit;
    }
    const fresh = compileDefinition(document);
    compiled.set(id, fresh);
    if (compiled.size > maxEntries) compiled.delete(compiled.keys().next().value as string);
    return fresh;
  };
}
