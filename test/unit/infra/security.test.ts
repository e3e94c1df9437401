import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { infraDir } from './bicepSource';

function moduleText(name: string): string {
  return readFileSync(join(infraDir, 'modules', `${name}.bicep`), 'utf8');
}

describe('identity-only access in infra', () => {
  it('turns shared keys off on the storage account', () => {
    expect(moduleText('storage')).toContain('allowSharedKeyAccess: false');
    expect(moduleText('storage')).toContain('allowBlobPublicAccess: false');
  });

  it('turns password authentication off on PostgreSQL and makes the app identity an Entra administrator', () => {
    const postgres = moduleText('postgres');
    expect(postgres).toContain("activeDirectoryAuth: 'Enabled'");
    expect(postgres).toContain("passwordAuth: 'Disabled'");
    expect(postgres).not.toMatch(/administratorLoginPassword/);
    expect(postgres).toMatch(/name: appPrincipalId\n\s+properties: \{\n\s+principalName: appPrincipalName/);
  });

  it('turns access keys off on Redis and grants the app identity an access policy', () => {
    const redis = moduleText('redis');
    expect(redis).toContain('disableAccessKeyAuthentication: true');
    expect(redis).toContain("'aad-enabled': 'true'");
    expect(redis).toContain('enableNonSslPort: false');
    expect(redis).toMatch(/accessPolicyAssignments@[\d-]+' = \{[^}]*objectId: appPrincipalId/s);
  });

  it('authorizes Key Vault with RBAC and Application Insights ingestion with Entra only', () => {
    expect(moduleText('keyVault')).toContain('enableRbacAuthorization: true');
    expect(moduleText('keyVault')).not.toMatch(/accessPolicies/);
    expect(moduleText('monitoring')).toContain('DisableLocalAuth: true');
  });

  it('refuses publishing passwords on the Function App and serves HTTPS only', () => {
    const functionApp = moduleText('functionApp');
    expect(functionApp.match(/basicPublishingCredentialsPolicies@[\d-]+' = \{[^}]*allow: false/gs)).toHaveLength(2);
    expect(functionApp).toContain('httpsOnly: true');
    expect(functionApp).toContain("type: 'UserAssignedIdentity'");
  });

  it('outputs no keys or connection strings with credentials', () => {
    const main = readFileSync(join(infraDir, 'main.bicep'), 'utf8');
    expect(main).not.toMatch(/listKeys|listConnectionStrings|primaryKey|accessKeys/);
  });
});
