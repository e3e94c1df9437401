import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { devhostStateDir } from '../paths';
import { DEV_AUDIENCE, DEV_TENANT_ID } from './defaults';
import type { DevTokenOptions } from './devTokenOptions';
import { entraSettings, type EntraSettings } from './entraSettings';
import { UsageError } from './usageError';

/** What `npm run token` was asked to do. */
export type TokenCommand =
  | { mode: 'help' }
  | { mode: 'dev'; keyDir: string; tenantId: string; audience: string; options: DevTokenOptions }
  | { mode: 'entra'; settings: EntraSettings };

const FLAGS = {
  help: { type: 'boolean', short: 'h' },
  entra: { type: 'boolean' },
  user: { type: 'string', short: 'u' },
  roles: { type: 'string', short: 'r', multiple: true },
  app: { type: 'boolean' },
  tenant: { type: 'string', short: 't' },
  scp: { type: 'string' },
  acrs: { type: 'string', multiple: true },
  amr: { type: 'string', multiple: true },
  v1: { type: 'boolean' },
  ttl: { type: 'string' },
  iat: { type: 'string' },
  nbf: { type: 'string' },
  aud: { type: 'string' },
  iss: { type: 'string' },
  azp: { type: 'string' },
  'xms-cc': { type: 'string', multiple: true },
  kid: { type: 'string' },
  claim: { type: 'string', multiple: true },
  'key-dir': { type: 'string' },
  'client-id': { type: 'string' },
  scope: { type: 'string', multiple: true },
} as const;

type Values = ReturnType<typeof parseArgs<{ options: typeof FLAGS }>>['values'];

/** Splits repeated and comma-separated values: --roles a,b --roles c gives [a, b, c]. */
function listOf(values: string[] | undefined): string[] | undefined {
  return values
    ?.flatMap((v) => v.split(','))
    .map((v) => v.trim())
    .filter((v) => v.length > 0);
}

function seconds(name: string, text: string | undefined, problems: string[]): number | undefined {
  if (text === undefined) return undefined;
  if (!/^-?\d+$/.test(text)) problems.push(`--${name} must be a whole number of seconds, got "${text}"`);
  return Number(text);
}

function extraClaims(pairs: string[] | undefined, problems: string[]): Record<string, unknown> | undefined {
  if (pairs === undefined) return undefined;
  const claims: Record<string, unknown> = {};
  for (const pair of pairs) {
    const at = pair.indexOf('=');
    if (at < 1) problems.push(`--claim takes name=value, got "${pair}"`);
    else claims[pair.slice(0, at)] = parsedValue(pair.slice(at + 1));
  }
  return claims;
}

/** A claim value: JSON when it parses (numbers, arrays, objects), else the text itself. */
function parsedValue(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}

function devOptions(values: Values, problems: string[]): DevTokenOptions {
  return {
    user: values.user,
    roles: listOf(values.roles),
    app: values.app,
    tenant: values.tenant,
    scp: values.scp,
    acrs: listOf(values.acrs),
    amr: listOf(values.amr),
    version: values.v1 ? '1.0' : '2.0',
    ttlSeconds: seconds('ttl', values.ttl, problems),
    issuedAtOffsetSeconds: seconds('iat', values.iat, problems),
    notBeforeOffsetSeconds: seconds('nbf', values.nbf, problems),
    audience: values.aud,
    issuer: values.iss,
    clientAppId: values.azp,
    capabilities: listOf(values['xms-cc']),
    kid: values.kid,
    claims: extraClaims(values.claim, problems),
  };
}

function parsed(argv: readonly string[]): Values {
  try {
    return parseArgs({ args: [...argv], options: FLAGS, strict: true, allowPositionals: false }).values;
  } catch (error) {
    throw new UsageError([error instanceof Error ? error.message : String(error)]);
  }
}

/**
 * Reads the token CLI's command line. `env` supplies defaults: AUTH_AUDIENCE (first entry) for `aud`,
 * DEVHOST_DIR for the keys (as the devhost reads it), and ENTRA_TENANT_ID, ENTRA_CLIENT_ID, ENTRA_SCOPE
 * for --entra.
 * @throws UsageError listing every problem (unknown flag, bad number, missing Entra settings).
 */
export function parseTokenArgs(argv: readonly string[], env: NodeJS.ProcessEnv = process.env): TokenCommand {
  const values = parsed(argv);
  if (values.help) return { mode: 'help' };
  if (values.entra) {
    return { mode: 'entra', settings: entraSettings(values, env) };
  }

  const problems: string[] = [];
  const options = devOptions(values, problems);
  if (problems.length > 0) throw new UsageError(problems);
  const audience = env['AUTH_AUDIENCE']?.split(',')[0]?.trim() || DEV_AUDIENCE;
  const keyDir = values['key-dir'] ?? join(devhostStateDir(env), 'keys');
  return { mode: 'dev', keyDir, tenantId: DEV_TENANT_ID, audience, options };
}

/** The CLI's help text. */
export const TOKEN_USAGE = `Usage: npm run -s token -- [flags]

Prints an access token the devhost trusts (signed with the keys in .devhost/keys).
  --user, -u NAME        user (or app) name; the same name always gets the same oid (default alice)
  --roles, -r A,B        app roles, e.g. Signoff.Requester (repeatable)
  --app                  app-only token (idtyp app, no scp)
  --tenant, -t TID       tenant id (default ${DEV_TENANT_ID})
  --scp "A B"            delegated scopes (default access_as_user; "" for none)
  --acrs c1              satisfied auth contexts (step-up)      --amr pwd,mfa  (v1 tokens)
  --v1                   v1 token (sts.windows.net issuer)      --ttl SECONDS  lifetime (default 3600)
  --iat / --nbf SECONDS  offsets from now (negative: --iat=-600) --aud, --iss, --azp, --kid  override
  --xms-cc cp1           client capabilities                    --claim name=value  any claim (JSON values)
  --key-dir DIR          signing keys (default: the devhost's, $DEVHOST_DIR/keys or .devhost/keys)

  --entra                real Entra ID token by device code flow; needs --tenant, --client-id and
                         --scope (or ENTRA_TENANT_ID, ENTRA_CLIENT_ID, ENTRA_SCOPE); --acrs asks for step-up
`;
