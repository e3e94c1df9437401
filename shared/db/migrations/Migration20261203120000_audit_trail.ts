import { Migration } from '@mikro-orm/migrations';

// Trigger functions find their table through TG_TABLE_SCHEMA, never the search_path: the app runs with
// schema-qualified queries and whatever search_path its role has.

const refuseAuditChange = `create or replace function "signoff_refuse_audit_change"() returns trigger
language plpgsql as $body$
begin
  raise exception 'case_events is append-only: % is refused', tg_op
    using errcode = 'insufficient_privilege',
          hint = 'Audit events are never changed or removed; record a new event instead.';
end
$body$`;

const checkAuditLink = `create or replace function "signoff_check_audit_link"() returns trigger
language plpgsql as $body$
declare
  previous text;
begin
  if new.sequence = 1 and new.prev_hash is null then
    return new;
  end if;
  execute format('select hash from %I.%I where case_id = $1 and sequence = $2', tg_table_schema, tg_table_name)
    into previous using new.case_id, new.sequence - 1;
  if previous is null or previous is distinct from new.prev_hash then
    raise exception 'case_events: event % of case % does not link to the event before it', new.sequence, new.case_id
      using errcode = 'integrity_constraint_violation',
            hint = 'prev_hash must be the hash of event sequence - 1 (null for sequence 1).';
  end if;
  return new;
end
$body$`;

const guardDefinitionChange = `create or replace function "signoff_guard_definition_change"() returns trigger
language plpgsql as $body$
begin
  if tg_op = 'DELETE' then
    raise exception 'workflow_definitions: a published version is never deleted; retire it instead'
      using errcode = 'insufficient_privilege';
  end if;
  if (new.key, new.version, new.title, new.document, new.published_by, new.published_at)
     is distinct from (old.key, old.version, old.title, old.document, old.published_by, old.published_at) then
    raise exception 'workflow_definitions: a published version is immutable; publish a new version instead'
      using errcode = 'insufficient_privilege';
  end if;
  if old.status = 'retired' and new.status <> 'retired' then
    raise exception 'workflow_definitions: a retired version stays retired; publish a new version instead'
      using errcode = 'insufficient_privilege';
  end if;
  return new;
end
$body$`;

/**
 * The tamper-evident audit trail, the outbox relay columns and definition retirement:
 * - case_events records the tenant of the case, the case state before and after, and the changed fields;
 *   UPDATE, DELETE and TRUNCATE are refused by a trigger that fires even in replica mode (ENABLE ALWAYS)
 *   and revoked from PUBLIC and from the migrating role (the owner); an insert must link to the event
 *   before it;
 * - outbox rows carry attempts and the time they may be retried; the pending index follows that time;
 * - workflow_definitions records who retired a version and when; published versions cannot be edited,
 *   un-retired or deleted.
 */
export class Migration20261203120000_audit_trail extends Migration {
  override name = 'Migration20261203120000_audit_trail';

  override up(): void {
    this.caseEventColumns();
    this.caseEventGuards();
    this.outboxColumns();
    this.definitionRetirement();
  }

  private caseEventColumns(): void {
    this.addSql(
      `update "case_events" e set "tenant_id" = c."tenant_id" from "cases" c where c."id" = e."case_id" and e."tenant_id" is null`,
    );
    this.addSql(`alter table "case_events" alter column "tenant_id" set not null`);
    this.addSql(`alter table "case_events" alter column "to_state" set not null`);
    this.addSql(
      `alter table "case_events" add column "before" jsonb null, add column "after" jsonb not null default '{}', add column "changed_fields" jsonb not null default '[]'`,
    );
    this.addSql(
      `alter table "case_events" alter column "after" drop default, alter column "changed_fields" drop default`,
    );
  }

  private caseEventGuards(): void {
    this.addSql(refuseAuditChange);
    this.addSql(
      `create trigger "case_events_append_only" before update or delete or truncate on "case_events" for each statement execute function "signoff_refuse_audit_change"()`,
    );
    this.addSql(`alter table "case_events" enable always trigger "case_events_append_only"`);
    this.addSql(checkAuditLink);
    this.addSql(
      `create trigger "case_events_linked" before insert on "case_events" for each row execute function "signoff_check_audit_link"()`,
    );
    this.addSql(`revoke update, delete, truncate on "case_events" from public`);
    this.addSql(`revoke update, delete, truncate on "case_events" from current_user`);
  }

  private outboxColumns(): void {
    this.addSql(
      `alter table "outbox" add column "available_at" timestamptz not null default now(), add column "attempts" int not null default 0, add column "last_error" text null`,
    );
    this.addSql(`drop index "outbox_pending_idx"`);
    this.addSql(`create index "outbox_pending_idx" on "outbox" ("available_at", "id") where processed_at is null`);
  }

  private definitionRetirement(): void {
    this.addSql(
      `alter table "workflow_definitions" add column "retired_at" timestamptz null, add column "retired_by" varchar(64) null`,
    );
    this.addSql(guardDefinitionChange);
    this.addSql(
      `create trigger "workflow_definitions_immutable" before update or delete on "workflow_definitions" for each row execute function "signoff_guard_definition_change"()`,
    );
  }

  override down(): void {
    this.addSql(`drop trigger if exists "workflow_definitions_immutable" on "workflow_definitions"`);
    this.addSql(`drop function if exists "signoff_guard_definition_change"()`);
    this.addSql(`alter table "workflow_definitions" drop column "retired_at", drop column "retired_by"`);
    this.addSql(`drop index "outbox_pending_idx"`);
    this.addSql(`create index "outbox_pending_idx" on "outbox" ("created_at") where processed_at is null`);
    this.addSql(`alter table "outbox" drop column "available_at", drop column "attempts", drop column "last_error"`);
    this.addSql(`grant update, delete, truncate on "case_events" to current_user`);
    this.addSql(`drop trigger if exists "case_events_linked" on "case_events"`);
    this.addSql(`drop function if exists "signoff_check_audit_link"()`);
    this.addSql(`drop trigger if exists "case_events_append_only" on "case_events"`);
    this.addSql(`drop function if exists "signoff_refuse_audit_change"()`);
    this.addSql(`alter table "case_events" drop column "before", drop column "after", drop column "changed_fields"`);
    this.addSql(`alter table "case_events" alter column "to_state" drop not null`);
    this.addSql(`alter table "case_events" alter column "tenant_id" drop not null`);
  }
}
