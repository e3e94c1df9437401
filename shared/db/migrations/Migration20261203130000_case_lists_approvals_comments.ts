import { Migration } from '@mikro-orm/migrations';

const SORTS = ['created', 'updated'] as const;
const FILTERS = [
  ['workflow_key', 'definition_key'],
  ['state', 'state'],
  ['requester', 'requester'],
  ['assignee', 'assignee'],
] as const;

function listIndexes(): string[] {
  return SORTS.flatMap((sort) => [
    `create index "cases_tenant_${sort}_idx" on "cases" ("tenant_id", "${sort}_at", "id")`,
    ...FILTERS.map(
      ([label, column]) =>
        `create index "cases_tenant_${label}_${sort}_idx" on "cases" ("tenant_id", "${column}", "${sort}_at", "id")`,
    ),
  ]);
}

function listIndexNames(): string[] {
  return SORTS.flatMap((sort) => [
    `cases_tenant_${sort}_idx`,
    ...FILTERS.map(([label]) => `cases_tenant_${label}_${sort}_idx`),
  ]);
}

/**
 * Case lists and search (keyset indexes per filter and sort, a full-text index on titles), approval
 * rounds and the approvals table (once per approver per round), and comments.
 */
export class Migration20261203130000_case_lists_approvals_comments extends Migration {
  override name = 'Migration20261203130000_case_lists_approvals_comments';

  override up(): void {
    this.addSql(`alter table "cases" add "round" int not null default 1`);
    this.addSql(`drop index "cases_tenant_requester_idx"`);
    this.addSql(`drop index "cases_tenant_state_idx"`);
    for (const sql of listIndexes()) this.addSql(sql);
    this.addSql(`create index "cases_title_search_idx" on "cases" using gin (to_tsvector('simple', "title"))`);

    this.addSql(
      `create table "case_approvals" ("id" uuid not null, "case_id" uuid not null, "transition" varchar(64) not null, "round" int not null, "approver" varchar(64) not null, "event_id" uuid not null, "approved_at" timestamptz not null, primary key ("id"))`,
    );
    this.addSql(
      `alter table "case_approvals" add constraint "case_approvals_once_per_round" unique ("case_id", "transition", "round", "approver")`,
    );
    this.addSql(
      `alter table "case_approvals" add constraint "case_approvals_case_id_foreign" foreign key ("case_id") references "cases" ("id") on delete no action`,
    );

    this.addSql(
      `create table "case_comments" ("id" uuid not null, "case_id" uuid not null, "author" varchar(64) not null, "author_type" text not null, "body" text not null, "event_id" uuid not null, "created_at" timestamptz not null, primary key ("id"))`,
    );
    this.addSql(`create index "case_comments_case_id_idx" on "case_comments" ("case_id", "id")`);
    this.addSql(
      `alter table "case_comments" add constraint "case_comments_case_id_foreign" foreign key ("case_id") references "cases" ("id") on delete no action`,
    );
    this.addSql(
      `alter table "case_comments" add constraint "case_comments_author_type_check" check ("author_type" in ('user', 'app', 'system'))`,
    );
  }

  override down(): void {
    this.addSql(`drop table if exists "case_comments" cascade`);
    this.addSql(`drop table if exists "case_approvals" cascade`);
    this.addSql(`drop index "cases_title_search_idx"`);
    for (const name of listIndexNames()) this.addSql(`drop index "${name}"`);
    this.addSql(`create index "cases_tenant_requester_idx" on "cases" ("tenant_id", "requester")`);
    this.addSql(`create index "cases_tenant_state_idx" on "cases" ("tenant_id", "state")`);
    this.addSql(`alter table "cases" drop column "round"`);
  }
}
