import { useAzureCredential } from '../../../shared/auth/azureCredential';
import { POSTGRES_ENTRA_SCOPE } from '../../../shared/auth/azureTokens';
import {
  databasePassword,
  namesUserWithoutPassword,
  wantsDatabaseEntraAuth,
} from '../../../shared/auth/databaseCredentials';
import { StandInCredential } from '../../support/tokenCredential';

const CLIENT_ID = '7d3f9a12-4b6e-4c81-9f20-3e5d7a1b8c64';
const AZURE_URL = 'postgresql://id-signoff-dev@psql-signoff.postgres.database.azure.com:5432/signoff?sslmode=require';

afterEach(() => useAzureCredential(undefined));

describe('namesUserWithoutPassword', () => {
  it.each([
    [AZURE_URL, true],
    ['postgres://postgres:secret@127.0.0.1:5432/test', false],
    ['postgres://127.0.0.1:5432/test', false],
    ['postgres://:secret@127.0.0.1/test', false],
  ])('reads %s as %s', (url, expected) => {
    expect(namesUserWithoutPassword(url)).toBe(expected);
  });
});

describe('wantsDatabaseEntraAuth', () => {
  it.each<[string, { databaseEntraAuth?: boolean; azureClientId?: string }, boolean]>([
    ['a user-assigned identity (AZURE_CLIENT_ID), as the Function App has', { azureClientId: CLIENT_ID }, true],
    ['no Azure identity: local trust or peer authentication', {}, false],
    ['DATABASE_ENTRA_AUTH=true, e.g. a developer signed in with the Azure CLI', { databaseEntraAuth: true }, true],
    ['DATABASE_ENTRA_AUTH=false over AZURE_CLIENT_ID', { databaseEntraAuth: false, azureClientId: CLIENT_ID }, false],
  ])('with %s: %s', (_case, settings, expected) => {
    expect(wantsDatabaseEntraAuth(AZURE_URL, settings)).toBe(expected);
  });

  it('never replaces a password the URL carries', () => {
    const url = 'postgresql://app:secret@db.example:5432/signoff';
    expect(wantsDatabaseEntraAuth(url, { databaseEntraAuth: true, azureClientId: CLIENT_ID })).toBe(false);
  });
});

describe('databasePassword', () => {
  it('is undefined when the connection keeps its own password', () => {
    expect(databasePassword(AZURE_URL, {})).toBeUndefined();
  });

  it('asks the process credential for the PostgreSQL scope only when a connection needs a password', async () => {
    const credential = new StandInCredential(3_600_000);
    useAzureCredential(credential);

    const password = databasePassword(AZURE_URL, { azureClientId: CLIENT_ID })!;
    expect(credential.requests).toEqual([]);

    expect(await Promise.all([password(), password()])).toEqual(['token-1', 'token-1']);
    expect(credential.requests).toEqual([POSTGRES_ENTRA_SCOPE]);
  });
});
