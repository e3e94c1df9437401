/** One thing wrong with a definition document: where (JSON pointer into the document) and what. */
export interface DefinitionProblem {
  pointer: string;
  message: string;
}
