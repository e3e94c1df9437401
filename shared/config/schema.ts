import { Type, type Static } from '@sinclair/typebox';

/**
 * Every setting Signoff reads, one property each. The environment variable of a property is its name in
 * UPPER_SNAKE_CASE (`databaseUrl` -> `DATABASE_URL`); see `envName`.
 */
export const ConfigSchema = Type.Object(
  {
    signoffEnv: Type.Union([Type.Literal('development'), Type.Literal('test'), Type.Literal('production')], {
      default: 'development',
      description: 'Deployment environment; production refuses in-process fallbacks.',
    }),
    port: Type.Integer({ minimum: 0, maximum: 65535, default: 7071, description: 'Devhost HTTP port.' }),
    databaseUrl: Type.Optional(
      Type.String({ minLength: 1, description: 'PostgreSQL connection URL; the devhost embeds one when unset.' }),
    ),
    databaseSchema: Type.String({ pattern: '^[a-z_][a-z0-9_]*$', default: 'public', description: 'Schema.' }),
    databasePoolSize: Type.Integer({ minimum: 1, maximum: 100, default: 10, description: 'Connections.' }),
    databaseMigrateOnStart: Type.Optional(
      Type.Boolean({ description: 'Migrate the schema when the ORM starts; unset means only in production.' }),
    ),
    databaseEntraAuth: Type.Optional(
      Type.Boolean({
        description:
          'Sign in to PostgreSQL with Entra tokens when DATABASE_URL has no password; unset means ' +
          'when AZURE_CLIENT_ID is set.',
      }),
    ),
    azureClientId: Type.Optional(
      Type.String({ format: 'uuid', description: 'Client id of the managed identity the process runs as.' }),
    ),
    databaseQueueLimit: Type.Integer({
      minimum: 1,
      maximum: 10000,
      default: 40,
      description: 'Requests that may wait for a database connection; beyond it new requests are shed with 503.',
    }),
    redisUrl: Type.Optional(Type.String({ minLength: 1, description: 'Redis URL; in-process fallback when unset.' })),
    authMetadataUrl: Type.String({
      format: 'uri',
      description: 'OpenID Connect discovery document of the identity provider.',
    }),
    authAudience: Type.String({
      minLength: 1,
      description: 'Accepted `aud` values, comma-separated: the API client id and/or App ID URI.',
    }),
    authClockSkewSeconds: Type.Integer({ minimum: 0, maximum: 600, default: 60, description: 'Allowed skew.' }),
    authTenantIds: Type.Optional(
      Type.String({
        pattern: '^[0-9a-fA-F-]{36}(,[0-9a-fA-F-]{36})*$',
        description: 'Comma-separated allow-list of tenant ids; defaults to the tenant of a single-tenant issuer.',
      }),
    ),
    authScope: Type.String({ minLength: 1, default: 'access_as_user', description: 'Delegated scope required.' }),
    authStepUpContexts: Type.String({
      pattern: '^([0-9a-fA-F-]{36}=)?c[0-9]{1,2}(,([0-9a-fA-F-]{36}=)?c[0-9]{1,2})*$',
      default: 'c1',
      description: 'Step-up auth context id (`c1`) and per-tenant overrides (`<tenantId>=c2`), comma-separated.',
    }),
    authRoleHierarchy: Type.String({
      minLength: 1,
      default: 'Signoff.Reader,Signoff.Requester,Signoff.Approver,Signoff.Admin',
      description: 'App roles from least to most privileged; each implies those before it.',
    }),
    authMaxTokenLifetimeSeconds: Type.Integer({
      minimum: 300,
      maximum: 172800,
      default: 100800,
      description: 'Longest accepted exp - iat; revocations are kept this long.',
    }),
    authJwksCooldownSeconds: Type.Integer({ minimum: 0, maximum: 3600, default: 30, description: 'JWKS refetch gap.' }),
    logLevel: Type.Union(
      [
        Type.Literal('debug'),
        Type.Literal('info'),
        Type.Literal('warn'),
        Type.Literal('error'),
        Type.Literal('silent'),
      ],
      { default: 'info', description: 'Lowest level written.' },
    ),
    cursorSecret: Type.String({
      minLength: 32,
      default: 'signoff-development-cursor-secret-change-me',
      description: 'HMAC key for pagination cursors.',
    }),
    redisKeyPrefix: Type.String({
      pattern: '^[A-Za-z0-9:_.-]{1,64}$',
      default: 'signoff:',
      description: 'Prefix of every Redis key Signoff writes (rate limits, locks, slots).',
    }),
    rateLimitWindowSeconds: Type.Integer({ minimum: 1, maximum: 3600, default: 60, description: 'Quota window.' }),
    rateLimitRead: Type.Integer({ minimum: 1, default: 600, description: 'Read requests per user per window.' }),
    rateLimitWrite: Type.Integer({ minimum: 1, default: 120, description: 'Write requests per user per window.' }),
    rateLimitAdmin: Type.Integer({ minimum: 1, default: 60, description: 'Admin requests per user per window.' }),
    rateLimitAppFactor: Type.Integer({
      minimum: 1,
      default: 10,
      description: 'A client app gets this many times the per-user quota in each tenant.',
    }),
    tenantConcurrency: Type.Integer({
      minimum: 1,
      default: 8,
      description: 'Expensive list and search calls one tenant may have in flight at once.',
    }),
  },
  { additionalProperties: false },
);

/** The validated, frozen configuration. */
export type Config = Static<typeof ConfigSchema>;
