// Defaults for every test process: the machine's PostgreSQL and Redis, quiet logs.
process.env['SIGNOFF_ENV'] ??= 'test';
process.env['DATABASE_URL'] ??= 'postgres://postgres@127.0.0.1:5432/test';
process.env['REDIS_URL'] ??= 'redis://127.0.0.1:6379';
process.env['LOG_LEVEL'] ??= 'silent';
process.env['AUTH_METADATA_URL'] ??= 'http://127.0.0.1:1/unset/.well-known/openid-configuration';
process.env['AUTH_AUDIENCE'] ??= 'api://signoff-test';
