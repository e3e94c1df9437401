import { Type, type Static } from '@sinclair/typebox';
import { catalogue, type ProblemCode } from './catalogue';

const codes = Object.keys(catalogue) as ProblemCode[];

/** One field-level error of a problem, as documented in the OpenAPI document. */
export const FieldErrorSchema = Type.Object(
  {
    pointer: Type.String({ description: 'JSON pointer to the offending input: /body/title, /query/limit, ...' }),
    message: Type.String({ description: 'What is wrong with it.' }),
  },
  { $id: 'FieldError', additionalProperties: false },
);

/**
 * The body of every error response (RFC 9457 problem details plus `code`, `requestId` and `errors`).
 * Extension members may follow; clients must ignore the ones they do not know.
 */
export const ProblemSchema = Type.Object(
  {
    type: Type.String({ format: 'uri', description: 'Identifies the problem type; documented in docs/errors.md.' }),
    title: Type.String({ description: 'Short summary of the problem type; the same for every occurrence.' }),
    status: Type.Integer({ minimum: 400, maximum: 599, description: 'The HTTP status code.' }),
    detail: Type.String({ description: 'What went wrong in this occurrence, and what to do next.' }),
    instance: Type.String({ description: 'The request path.' }),
    code: Type.Unsafe<ProblemCode>({ type: 'string', enum: codes, description: 'Stable error code to match on.' }),
    requestId: Type.String({ description: 'The request id; quote it when reporting a problem.' }),
    errors: Type.Array(FieldErrorSchema, { description: 'Every field error; empty for other problems.' }),
  },
  { $id: 'Problem', additionalProperties: true },
);

/** A problem body as the schema describes it. */
export type ProblemDocument = Static<typeof ProblemSchema>;
