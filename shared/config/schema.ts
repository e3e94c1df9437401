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
    redisUrl: Type.Optional(Type.String({ minLength: 1, description: 'Redis URL; in-process fallback when unset.' })),
    authMetadataUrl: Type.String({
      format: 'uri',
      description: 'OpenID Connect discovery document of the identity provider.',
    }),
    authAudience: Type.String({ minLength: 1, description: 'Expected `aud`: the API client id or App ID URI.' }),
    authClockSkewSeconds: Type.Integer({ minimum: 0, maximum: 600, default: 60, description: 'Allowed skew.' }),
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
  },
  { additionalProperties: false },
);

/** The validated, frozen configuration. */
export type Config = Static<typeof ConfigSchema>;
