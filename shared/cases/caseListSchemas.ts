import { Type, type Static } from '@sinclair/typebox';
import { NAME_PATTERN } from '../workflow/definitionSchema';

/** Largest page of a case list. */
export const MAX_CASE_PAGE = 200;

/** Page size when `limit` is not given. */
export const DEFAULT_CASE_PAGE = 50;

/** Sort orders of a case list: by creation or last change, `-` for newest first. */
export const CaseSorts = ['-createdAt', 'createdAt', '-updatedAt', 'updatedAt'] as const;

/** Sort order when `sort` is not given: newest first. */
export const DEFAULT_CASE_SORT = '-createdAt';

const ObjectId = (description: string) => Type.String({ minLength: 1, maxLength: 64, description });

/** Query of GET /api/v1/cases: filters (all optional, combined with AND), sort, page size and cursor. */
export const CaseListQuerySchema = Type.Object(
  {
    workflowKey: Type.Optional(Type.String({ pattern: NAME_PATTERN, description: 'Cases of this workflow.' })),
    state: Type.Optional(Type.String({ pattern: NAME_PATTERN, description: 'Cases in this state.' })),
    requester: Type.Optional(ObjectId('Cases opened by this object id.')),
    assignee: Type.Optional(ObjectId('Cases assigned to this object id.')),
    createdFrom: Type.Optional(Type.String({ format: 'date-time', description: 'Created at or after (inclusive).' })),
    createdTo: Type.Optional(Type.String({ format: 'date-time', description: 'Created before (exclusive).' })),
    q: Type.Optional(
      Type.String({
        minLength: 1,
        maxLength: 200,
        description:
          'Title search: every word must start a word of the title, case-insensitively ("lap 20" finds "Laptop 2026").',
      }),
    ),
    sort: Type.Optional(
      Type.Union(
        CaseSorts.map((sort) => Type.Literal(sort)),
        { default: DEFAULT_CASE_SORT, description: 'createdAt or updatedAt, prefixed with - for newest first.' },
      ),
    ),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: MAX_CASE_PAGE, default: DEFAULT_CASE_PAGE })),
    cursor: Type.Optional(
      Type.String({
        minLength: 1,
        maxLength: 1024,
        description: 'nextCursor of the previous page, as given; only valid with the same filters and sort.',
      }),
    ),
  },
  { additionalProperties: false },
);

/** One case as lists show it: no data, no transitions. */
export const CaseSummarySchema = Type.Object(
  {
    id: Type.String({ format: 'uuid' }),
    workflow: Type.Object(
      { key: Type.String({ pattern: NAME_PATTERN }), version: Type.Integer({ minimum: 1 }) },
      { additionalProperties: false },
    ),
    state: Type.String({ pattern: NAME_PATTERN }),
    title: Type.String(),
    requester: Type.String(),
    assignee: Type.Union([Type.String(), Type.Null()]),
    version: Type.Integer({ minimum: 1 }),
    createdAt: Type.String({ format: 'date-time' }),
    updatedAt: Type.String({ format: 'date-time' }),
  },
  { $id: 'CaseSummary', additionalProperties: false },
);

/** One page of a case list. */
export const CaseListSchema = Type.Object(
  {
    items: Type.Array(CaseSummarySchema),
    nextCursor: Type.Union([Type.String(), Type.Null()], {
      description: 'Pass as ?cursor= with the same filters and sort for the next page; null on the last page.',
    }),
  },
  { $id: 'CaseList', additionalProperties: false },
);

/** The validated query of a case list. */
export type CaseListQuery = Static<typeof CaseListQuerySchema>;

/** One of CaseSorts. */
export type CaseSort = (typeof CaseSorts)[number];

/** A case summary resource. */
export type CaseSummaryResource = Static<typeof CaseSummarySchema>;
