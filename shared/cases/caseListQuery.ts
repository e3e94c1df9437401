import type { CaseListFilter, CaseListOrder, CaseListPage, CaseListPosition, CasePageQuery } from '../db/caseList';
import { Problem, type FieldError } from '../http/problem';
import {
  DEFAULT_CASE_PAGE,
  DEFAULT_CASE_SORT,
  type CaseListQuery,
  type CaseSort,
  type CaseSummaryResource,
} from './caseListSchemas';
import { decodeCursor, encodeCursor, type CursorScope } from './cursor';

/** A case list request as the repository takes it, and the scope its cursors are bound to. */
export interface CaseListRequest {
  page: CasePageQuery;
  scope: CursorScope;
}

const WORD = /[\p{L}\p{N}]+/gu;

function orderOf(sort: CaseSort): CaseListOrder {
  const descending = sort.startsWith('-');
  const by = (descending ? sort.slice(1) : sort) as CaseListOrder['by'];
  return { by, direction: descending ? 'desc' : 'asc' };
}

function filterOf(query: CaseListQuery, errors: FieldError[]): CaseListFilter {
  const { workflowKey, state, requester, assignee, createdFrom, createdTo, q } = query;
  const filter: CaseListFilter = { workflowKey, state, requester, assignee };
  if (createdFrom !== undefined) filter.createdFrom = new Date(createdFrom);
  if (createdTo !== undefined) filter.createdTo = new Date(createdTo);
  if (filter.createdFrom && filter.createdTo && filter.createdFrom > filter.createdTo) {
    errors.push({ pointer: '/query/createdTo', message: 'must not be before createdFrom' });
  }
  if (q !== undefined) {
    filter.titleWords = q.match(WORD) ?? [];
    if (filter.titleWords.length === 0) errors.push({ pointer: '/query/q', message: 'must contain a letter or digit' });
  }
  return filter;
}

/** The filters and sort of a query: what a cursor is bound to (limit may change from page to page). */
function boundQuery(query: CaseListQuery, sort: CaseSort): Record<string, unknown> {
  const filters: Record<string, unknown> = { ...query, sort };
  delete filters['limit'];
  delete filters['cursor'];
  return filters;
}

function positionOf(cursor: string, scope: CursorScope): CaseListPosition {
  const [sortKey, id, ...rest] = decodeCursor(cursor, scope);
  if (sortKey === undefined || id === undefined || rest.length > 0) {
    throw new Problem('invalid_cursor', { errors: [{ pointer: '/query/cursor', message: 'is not a case cursor' }] });
  }
  return { sortKey, id };
}

/**
 * Turns a validated list query of `tenantId` into the repository's filter, order and start position.
 * @throws Problem validation_failed for createdTo before createdFrom or a q without any word;
 *   invalid_cursor for a cursor this exact query (tenant, filters, sort) did not give out.
 */
export function caseListRequest(query: CaseListQuery, tenantId: string): CaseListRequest {
  const sort = query.sort ?? DEFAULT_CASE_SORT;
  const errors: FieldError[] = [];
  const filter = filterOf(query, errors);
  if (errors.length > 0) throw new Problem('validation_failed', { errors });

  const scope = { list: 'cases', tenantId, query: boundQuery(query, sort) };
  const page: CasePageQuery = { tenantId, filter, order: orderOf(sort), limit: query.limit ?? DEFAULT_CASE_PAGE };
  if (query.cursor !== undefined) page.after = positionOf(query.cursor, scope);
  return { page, scope };
}

/** One page of a case list as the API answers it, with the cursor of the next page when there is one. */
export function caseListPage(
  page: CaseListPage,
  scope: CursorScope,
): {
  items: CaseSummaryResource[];
  nextCursor: string | null;
} {
  const last = page.rows.at(-1);
  const nextCursor = page.hasMore && last ? encodeCursor([last.position.sortKey, last.position.id], scope) : null;
  const items = page.rows.map((row) => ({
    id: row.id,
    workflow: { key: row.definitionKey, version: row.definitionVersion },
    state: row.state,
    title: row.title,
    requester: row.requester,
    assignee: row.assignee,
    version: row.version,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  }));
  return { items, nextCursor };
}
