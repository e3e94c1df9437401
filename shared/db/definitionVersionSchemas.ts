import { Type, type Static } from '@sinclair/typebox';
import { NAME_PATTERN } from '../workflow/definitionSchema';
import { DefinitionSummarySchema } from '../workflow/publishedDefinitionSchemas';

const Name = Type.String({ pattern: NAME_PATTERN });
const Version = Type.Integer({ minimum: 1, maximum: 2147483647 });

/** Most cases one migration request moves. */
export const MAX_MIGRATION_CASES = 500;

/** One version of a definition as the version list shows it: its summary and its retirement. */
export const DefinitionVersionSchema = Type.Composite(
  [
    DefinitionSummarySchema,
    Type.Object({
      retiredBy: Type.Union([Type.String(), Type.Null()], { description: 'Object id of the admin who retired it.' }),
      retiredAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
    }),
  ],
  { $id: 'DefinitionVersion', additionalProperties: false },
);

/** Every version of one definition key, oldest first. */
export const DefinitionVersionListSchema = Type.Object(
  { key: Name, items: Type.Array(DefinitionVersionSchema) },
  { $id: 'DefinitionVersionList', additionalProperties: false },
);

/** Body of POST /api/v1/definitions/{key}/migrations. */
export const CaseMigrationBodySchema = Type.Object(
  {
    fromVersion: Version,
    toVersion: Type.Integer({ minimum: 1, maximum: 2147483647, description: 'A newer, active version.' }),
    stateMapping: Type.Record(Type.String({ pattern: NAME_PATTERN }), Name, {
      additionalProperties: false,
      minProperties: 1,
      maxProperties: 200,
      description: 'State of fromVersion -> state of toVersion. Only mapped states migrate; nothing is implied.',
    }),
    caseIds: Type.Optional(
      Type.Array(Type.String({ format: 'uuid' }), {
        minItems: 1,
        maxItems: MAX_MIGRATION_CASES,
        uniqueItems: true,
        description: 'Only these running cases; every running case of the tenant on fromVersion when absent.',
      }),
    ),
    reason: Type.Optional(Type.String({ minLength: 1, maxLength: 2000, description: 'Recorded on each event.' })),
  },
  { $id: 'CaseMigrationRequest', additionalProperties: false },
);

/** The body of a case migration request. */
export type CaseMigrationBody = Static<typeof CaseMigrationBodySchema>;

/** One migrated case. */
export const MigratedCaseSchema = Type.Object(
  {
    caseId: Type.String({ format: 'uuid' }),
    fromState: Name,
    toState: Name,
    version: Type.Integer({ minimum: 1, description: 'The case version after the migration (its new ETag).' }),
    eventId: Type.String({ format: 'uuid', description: 'The case.migrated audit event.' }),
  },
  { additionalProperties: false },
);

/** One migrated case, as the result lists it. */
export type MigratedCase = Static<typeof MigratedCaseSchema>;

/** The result of a case migration: every case it moved. */
export const CaseMigrationResultSchema = Type.Object(
  { key: Name, fromVersion: Version, toVersion: Version, migrated: Type.Array(MigratedCaseSchema) },
  { $id: 'CaseMigrationResult', additionalProperties: false },
);

/** The result of a case migration. */
export type CaseMigrationResult = Static<typeof CaseMigrationResultSchema>;
