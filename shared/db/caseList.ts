import { raw } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import { Case } from './entities';

/** Filters of a case list, combined with AND; absent ones do not filter. */
export interface CaseListFilter {
  workflowKey?: string;
  state?: string;
  requester?: string;
  assignee?: string;
  /** Created at or after. */
  createdFrom?: Date;
  /** Created before. */
  createdTo?: Date;
  /** Words that must each start a word of the title (letters and digits only, at least one). */
  titleWords?: string[];
}

/** Which timestamp orders the list, and which way; the id breaks ties the same way. */
export interface CaseListOrder {
  by: 'createdAt' | 'updatedAt';
  direction: 'asc' | 'desc';
}

/** Where a page starts: just after the item with this sort key (the timestamp as text) and id. */
export interface CaseListPosition {
  sortKey: string;
  id: string;
}

/** One case of a page, with the position a next page would start after. */
export interface CaseListRow {
  id: string;
  definitionKey: string;
  definitionVersion: number;
  state: string;
  title: string;
  requester: string;
  assignee: string | null;
  version: number;
  createdAt: Date;
  updatedAt: Date;
  position: CaseListPosition;
}

/** One page of cases and whether more follow. */
export interface CaseListPage {
  rows: CaseListRow[];
  hasMore: boolean;
}

interface RawRow {
  id: string;
  definition_key: string;
  definition_version: number;
  state: string;
  title: string;
  requester: string;
  assignee: string | null;
  version: number;
  created_at: Date | string;
  updated_at: Date | string;
  sort_key: string;
}

const COLUMNS = { createdAt: 'created_at', updatedAt: 'updated_at' } as const;

const SELECTED = [
  'id',
  'definition_key',
  'definition_version',
  'state',
  'title',
  'requester',
  'assignee',
  'version',
  'created_at',
  'updated_at',
] as const;

/** The tsquery text for title words: each word as a prefix, all of them required. */
export function titleQuery(words: readonly string[]): string {
  return words.map((word) => `${word.toLowerCase()}:*`).join(' & ');
}

function equalities(
  tenantId: string,
  filter: CaseListFilter,
): Pick<Case, 'tenantId'> & Partial<Pick<Case, 'state' | 'requester' | 'assignee'>> {
  const { state, requester, assignee } = filter;
  return {
    tenantId,
    ...(state === undefined ? {} : { state }),
    ...(requester === undefined ? {} : { requester }),
    ...(assignee === undefined ? {} : { assignee }),
  };
}

function toRow(raw: RawRow): CaseListRow {
  return {
    id: raw.id,
    definitionKey: raw.definition_key,
    definitionVersion: Number(raw.definition_version),
    state: raw.state,
    title: raw.title,
    requester: raw.requester,
    assignee: raw.assignee,
    version: Number(raw.version),
    createdAt: new Date(raw.created_at),
    updatedAt: new Date(raw.updated_at),
    position: { sortKey: raw.sort_key, id: raw.id },
  };
}

/** One page to read: whose cases, which of them, in what order, how many, from where. */
export interface CasePageQuery {
  tenantId: string;
  filter: CaseListFilter;
  order: CaseListOrder;
  limit: number;
  /** Start just after this item; the first page without it. */
  after?: CaseListPosition;
}

function pageQueryBuilder(em: EntityManager, query: CasePageQuery) {
  const { filter, order, after } = query;
  const column = `c.${COLUMNS[order.by]}`;
  const qb = em
    .createQueryBuilder(Case, 'c')
    .select([...SELECTED.map((name) => raw(`c.${name}`)), raw(`${column}::text as sort_key`)])
    .where(equalities(query.tenantId, filter));
  if (filter.workflowKey !== undefined) qb.andWhere('c.definition_key = ?', [filter.workflowKey]);
  if (filter.createdFrom !== undefined) qb.andWhere('c.created_at >= ?', [filter.createdFrom]);
  if (filter.createdTo !== undefined) qb.andWhere('c.created_at < ?', [filter.createdTo]);
  if (filter.titleWords !== undefined) {
    qb.andWhere(`to_tsvector('simple', c.title) @@ to_tsquery('simple', ?)`, [titleQuery(filter.titleWords)]);
  }
  if (after !== undefined) {
    const comparison = order.direction === 'asc' ? '>' : '<';
    qb.andWhere(`(${column}, c.id) ${comparison} (?::timestamptz, ?::uuid)`, [after.sortKey, after.id]);
  }
  // One more than the page, to know whether another page follows.
  return qb.orderBy([{ [order.by]: order.direction }, { id: order.direction }]).limit(query.limit + 1);
}

/** The SQL listCases runs for `query`, parameters inlined (for EXPLAIN and diagnostics). */
export function casePageSql(em: EntityManager, query: CasePageQuery): string {
  return pageQueryBuilder(em, query).getFormattedQuery();
}

/**
 * One page of the cases of `query.tenantId` matching its filter, ordered by `order` then id, starting
 * just after `after` (keyset pagination: stable while cases are added, and as fast on page 500 as on
 * page 1). Each filter and sort has an index of its own (tenant, filter column, sort column, id); titles
 * are searched through the full-text index over to_tsvector('simple', title). Sort keys travel as
 * timestamp text, at the database's full precision, so no two items ever compare equal by accident.
 */
export async function listCases(em: EntityManager, query: CasePageQuery): Promise<CaseListPage> {
  const found = (await pageQueryBuilder(em, query).execute('all', false)) as RawRow[];
  return { rows: found.slice(0, query.limit).map(toRow), hasMore: found.length > query.limit };
}
