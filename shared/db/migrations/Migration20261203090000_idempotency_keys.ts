import { Migration } from '@mikro-orm/migrations';

/** The idempotency_keys table (entity IdempotencyKey): Idempotency-Key records with their responses. */
export class Migration20261203090000_idempotency_keys extends Migration {
  override name = 'Migration20261203090000_idempotency_keys';

  override up(): void {
    this.addSql(
      `create table "idempotency_keys" ("id" varchar(64) not null, "tenant_id" varchar(64) not null, "principal_id" varchar(64) not null, "method" varchar(8) not null, "route" text not null, "key" varchar(255) not null, "fingerprint" varchar(64) not null, "state" text not null, "lease_token" uuid null, "locked_until" timestamptz null, "response_status" int null, "response_headers" jsonb null, "response_body" text null, "created_at" timestamptz not null default now(), "expires_at" timestamptz not null, primary key ("id"))`,
    );
    this.addSql(`create index "idempotency_keys_expires_idx" on "idempotency_keys" ("expires_at")`);
    this.addSql(
      `alter table "idempotency_keys" add constraint "idempotency_keys_state_check" check ("state" in ('in_flight', 'completed'))`,
    );
  }

  override down(): void {
    this.addSql(`drop table if exists "idempotency_keys" cascade`);
  }
}
