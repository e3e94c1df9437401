// Key Vault (RBAC authorization, no access policies) holding the HMAC key for pagination cursors. The
// secret is written only when a value is passed, which the deployment script does once per environment,
// so later deployments keep the existing key and outstanding cursors stay valid.

@description('Name of the key vault: 3-24 letters, digits and hyphens.')
@minLength(3)
@maxLength(24)
param name string

@description('Azure region of the vault.')
param location string

@description('Tags applied to the vault.')
param tags object

@description('Entra tenant that authorizes access to the vault.')
param tenantId string

@description('Days a deleted vault or secret can be recovered.')
@minValue(7)
@maxValue(90)
param softDeleteRetentionInDays int

@description('Forbid purging deleted secrets before retention ends. Irreversible once enabled.')
param enablePurgeProtection bool

@description('Name of the secret holding the cursor HMAC key.')
@minLength(1)
@maxLength(127)
param cursorSecretName string

@secure()
@description('A new cursor HMAC key (at least 32 characters); empty keeps the secret already in the vault.')
param cursorSecretValue string

resource vault 'Microsoft.KeyVault/vaults@2024-11-01' = {
  name: name
  location: location
  tags: tags
  properties: {
    tenantId: tenantId
    sku: {
      family: 'A'
      name: 'standard'
    }
    enableRbacAuthorization: true
    enableSoftDelete: true
    softDeleteRetentionInDays: softDeleteRetentionInDays
    // The API refuses an explicit false; leaving it out means "off".
    enablePurgeProtection: enablePurgeProtection ? true : null
    publicNetworkAccess: 'Enabled'
    networkAcls: {
      defaultAction: 'Allow'
      bypass: 'AzureServices'
    }
  }
}

resource cursorSecret 'Microsoft.KeyVault/vaults/secrets@2024-11-01' = if (!empty(cursorSecretValue)) {
  parent: vault
  name: cursorSecretName
  properties: {
    value: cursorSecretValue
    contentType: 'text/plain'
  }
}

@description('Name of the vault.')
output name string = vault.name

@description('Resource id of the vault.')
output id string = vault.id

@description('Versionless URI of the cursor secret, for a Key Vault reference in app settings.')
output cursorSecretUri string = '${vault.properties.vaultUri}secrets/${cursorSecretName}'
