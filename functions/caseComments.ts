import type { CaseComment } from '../shared/db/entities';
import { authenticatedPrincipal } from '../shared/auth/principal';
import { Roles } from '../shared/auth/roles';
import { caseOf } from '../shared/cases/caseAccess';
import { refuseUnstorable } from '../shared/cases/caseData';
import {
  CommentBodySchema,
  CommentListQuerySchema,
  CommentListSchema,
  CommentSchema,
  DEFAULT_COMMENT_PAGE,
  type CommentResource,
} from '../shared/cases/caseSchemas';
import { decodeCursor, encodeCursor } from '../shared/cases/cursor';
import { actorOf } from '../shared/db/actor';
import { addComment, listComments } from '../shared/db/caseComments';
import { defineEndpoint } from '../shared/http/endpoint';
import { Problem } from '../shared/http/problem';
import { registerEndpoints } from '../shared/http/register';
import { CaseParamsSchema } from '../shared/workflow/caseSchemas';

function commentResource(row: CaseComment): CommentResource {
  return {
    id: row.id,
    caseId: row.case,
    author: { type: row.authorType, objectId: row.author },
    body: row.body,
    createdAt: row.createdAt.toISOString(),
  };
}

function commentScope(tenantId: string, caseId: string) {
  return { list: 'case-comments', tenantId, query: { caseId } };
}

function commentPosition(cursor: string | undefined, scope: ReturnType<typeof commentScope>) {
  if (cursor === undefined) return undefined;
  const [id, ...rest] = decodeCursor(cursor, scope);
  if (id === undefined || rest.length > 0) {
    throw new Problem('invalid_cursor', { errors: [{ pointer: '/query/cursor', message: 'is not a comment cursor' }] });
  }
  return { id };
}

/** POST /api/v1/cases/{caseId}/comments: adds a comment, recorded in the audit trail; the case version stays. */
export const addCaseComment = defineEndpoint({
  name: 'addCaseComment',
  method: 'POST',
  route: 'v1/cases/{caseId}/comments',
  summary: 'Comment on a case',
  tags: ['cases'],
  access: { role: Roles.Requester },
  rateClass: 'write',
  idempotency: 'optional',
  successStatus: 201,
  schemas: { params: CaseParamsSchema, body: CommentBodySchema, response: CommentSchema },
  problems: ['not_found'],
  handler: async ({ params, body, principal, requestId, log, transaction }) => {
    const author = authenticatedPrincipal(principal);
    refuseUnstorable(body, '/body');

    return transaction(async (em) => {
      const row = await caseOf(em, author, params.caseId);
      const comment = await addComment(em, row.id, body.body, actorOf(author, requestId));
      log.info('case commented', { caseId: row.id, commentId: comment.id });
      return { status: 201, body: commentResource(comment) };
    });
  },
});

/** GET /api/v1/cases/{caseId}/comments: the case's comments, oldest first, one page at a time. */
export const listCaseComments = defineEndpoint({
  name: 'listCaseComments',
  method: 'GET',
  route: 'v1/cases/{caseId}/comments',
  summary: "List a case's comments, oldest first",
  tags: ['cases'],
  access: { role: Roles.Reader },
  rateClass: 'read',
  idempotency: 'none',
  successStatus: 200,
  schemas: { params: CaseParamsSchema, query: CommentListQuerySchema, response: CommentListSchema },
  problems: ['not_found', 'invalid_cursor'],
  handler: async ({ params, query, principal, em }) => {
    const reader = authenticatedPrincipal(principal);
    const scope = commentScope(reader.tenantId, params.caseId);
    const after = commentPosition(query.cursor, scope);
    const manager = await em();
    const row = await caseOf(manager, reader, params.caseId);

    const page = await listComments(manager, row.id, query.limit ?? DEFAULT_COMMENT_PAGE, after);
    const last = page.rows.at(-1);
    const nextCursor = page.hasMore && last ? encodeCursor([last.id], scope) : null;
    return { body: { items: page.rows.map(commentResource), nextCursor } };
  },
});

registerEndpoints(addCaseComment, listCaseComments);
