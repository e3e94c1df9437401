import { Type, type Static } from '@sinclair/typebox';
import { NAME_PATTERN, WorkflowDefinitionDocumentSchema } from './definitionSchema';

const summaryProperties = {
  key: Type.String({ pattern: NAME_PATTERN }),
  version: Type.Integer({ minimum: 1 }),
  title: Type.String(),
  status: Type.Union([Type.Literal('active'), Type.Literal('retired')], {
    description: 'New cases open only on the latest active version.',
  }),
  publishedBy: Type.String({ description: 'Object id of the admin who published this version.' }),
  publishedAt: Type.String({ format: 'date-time' }),
};

/** One published version without its document, as lists show it. */
export const DefinitionSummarySchema = Type.Object(summaryProperties, {
  $id: 'DefinitionSummary',
  additionalProperties: false,
});

/** One published version with its document. */
export const PublishedDefinitionSchema = Type.Object(
  { ...summaryProperties, document: WorkflowDefinitionDocumentSchema },
  { $id: 'PublishedDefinition', additionalProperties: false },
);

/** The latest version of every definition key. */
export const DefinitionListSchema = Type.Object(
  { items: Type.Array(DefinitionSummarySchema) },
  { $id: 'DefinitionList', additionalProperties: false },
);

/** Path parameters naming a definition key. */
export const DefinitionKeyParamsSchema = Type.Object({ key: Type.String({ pattern: NAME_PATTERN }) });

/** Path parameters naming one version of a definition. */
export const DefinitionVersionParamsSchema = Type.Object({
  key: Type.String({ pattern: NAME_PATTERN }),
  version: Type.Integer({ minimum: 1, maximum: 2147483647 }),
});

/** A published version as the API shows it. */
export type PublishedDefinitionResource = Static<typeof PublishedDefinitionSchema>;

/** A published version without its document. */
export type DefinitionSummaryResource = Static<typeof DefinitionSummarySchema>;
