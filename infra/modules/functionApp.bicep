// The Flex Consumption plan and the Function App (Node 22) running as the user-assigned identity. App
// settings are the platform's identity-based connections plus Signoff's own configuration, named exactly
// as shared/config reads it (envName of each ConfigSchema property).

@description('Name of the Flex Consumption plan.')
@minLength(1)
@maxLength(60)
param planName string

@description('Name of the Function App; becomes part of its default host name.')
@minLength(2)
@maxLength(60)
param name string

@description('Azure region of the plan and the app.')
param location string

@description('Tags applied to the plan and the app.')
param tags object

@description('Resource id of the user-assigned identity the app runs as.')
@minLength(1)
param identityId string

@description('Client id of that identity.')
@minLength(36)
@maxLength(36)
param identityClientId string

@description('Storage account for the Functions host and the Durable Task hub.')
@minLength(3)
@maxLength(24)
param storageAccountName string

@description('URL of the blob container the app loads its deployment package from.')
@minLength(1)
param deploymentContainerUrl string

@description('Application Insights connection string.')
@minLength(1)
param appInsightsConnectionString string

@description('Memory of each instance in MB.')
@allowed([
  512
  2048
  4096
])
param instanceMemoryMB int

@description('Most instances the app scales out to; bound it by the database connection budget.')
@minValue(1)
@maxValue(1000)
param maximumInstanceCount int

@description('Instances kept warm for HTTP functions (0 allows scale to zero).')
@minValue(0)
@maxValue(20)
param alwaysReadyHttpInstances int

@description('SIGNOFF_ENV of the app.')
@allowed([
  'development'
  'test'
  'production'
])
param signoffEnv string

@description('DATABASE_URL without a password: the app signs in with an Entra token of its identity.')
@minLength(1)
param databaseUrl string

@description('DATABASE_SCHEMA: PostgreSQL schema holding Signoff tables.')
@minLength(1)
param databaseSchema string

@description('DATABASE_POOL_SIZE: connections per instance.')
@minValue(1)
@maxValue(100)
param databasePoolSize int

@description('REDIS_URL without a password: the app signs in with an Entra token of its identity.')
@minLength(1)
param redisUrl string

@description('AUTH_METADATA_URL: OpenID Connect discovery document of the tenant.')
@minLength(1)
param authMetadataUrl string

@description('AUTH_AUDIENCE: accepted token audiences, comma-separated.')
@minLength(1)
param authAudience string

@description('AUTH_TENANT_IDS: allowed tenant ids, comma-separated; empty uses the issuer tenant.')
param authTenantIds string

@description('LOG_LEVEL: lowest level written.')
@allowed([
  'debug'
  'info'
  'warn'
  'error'
])
param logLevel string

@description('Versionless URI of the cursor HMAC secret in Key Vault (CURSOR_SECRET).')
@minLength(1)
param cursorSecretUri string

@description('More Signoff settings by environment variable name (e.g. AUTH_SCOPE); they win over the above.')
param settingOverrides object

var platformSettings = {
  AzureWebJobsStorage__accountName: storageAccountName
  AzureWebJobsStorage__credential: 'managedidentity'
  AzureWebJobsStorage__clientId: identityClientId
  APPLICATIONINSIGHTS_CONNECTION_STRING: appInsightsConnectionString
  APPLICATIONINSIGHTS_AUTHENTICATION_STRING: 'ClientId=${identityClientId};Authorization=AAD'
  AZURE_CLIENT_ID: identityClientId
}

var signoffSettings = {
  SIGNOFF_ENV: signoffEnv
  DATABASE_URL: databaseUrl
  DATABASE_SCHEMA: databaseSchema
  DATABASE_POOL_SIZE: string(databasePoolSize)
  REDIS_URL: redisUrl
  AUTH_METADATA_URL: authMetadataUrl
  AUTH_AUDIENCE: authAudience
  AUTH_TENANT_IDS: authTenantIds
  LOG_LEVEL: logLevel
  CURSOR_SECRET: '@Microsoft.KeyVault(SecretUri=${cursorSecretUri})'
}

var httpAlwaysReady = [
  {
    name: 'http'
    instanceCount: alwaysReadyHttpInstances
  }
]

resource plan 'Microsoft.Web/serverfarms@2024-04-01' = {
  name: planName
  location: location
  tags: tags
  kind: 'functionapp'
  sku: {
    name: 'FC1'
    tier: 'FlexConsumption'
  }
  properties: {
    reserved: true
  }
}

resource site 'Microsoft.Web/sites@2024-04-01' = {
  name: name
  location: location
  tags: tags
  kind: 'functionapp,linux'
  identity: {
    type: 'UserAssigned'
    userAssignedIdentities: {
      '${identityId}': {}
    }
  }
  properties: {
    serverFarmId: plan.id
    httpsOnly: true
    publicNetworkAccess: 'Enabled'
    keyVaultReferenceIdentity: identityId
    siteConfig: {
      minTlsVersion: '1.2'
      scmMinTlsVersion: '1.2'
      ftpsState: 'Disabled'
      http20Enabled: true
    }
    functionAppConfig: {
      deployment: {
        storage: {
          type: 'blobContainer'
          value: deploymentContainerUrl
          authentication: {
            type: 'UserAssignedIdentity'
            userAssignedIdentityResourceId: identityId
          }
        }
      }
      scaleAndConcurrency: {
        instanceMemoryMB: instanceMemoryMB
        maximumInstanceCount: maximumInstanceCount
        alwaysReady: alwaysReadyHttpInstances > 0 ? httpAlwaysReady : []
      }
      runtime: {
        name: 'node'
        version: '22'
      }
    }
  }
}

resource appSettings 'Microsoft.Web/sites/config@2024-04-01' = {
  parent: site
  name: 'appsettings'
  properties: union(platformSettings, signoffSettings, settingOverrides)
}

// Deployments authenticate with Entra tokens; publishing user names and passwords are refused.
resource ftpCredentials 'Microsoft.Web/sites/basicPublishingCredentialsPolicies@2024-04-01' = {
  parent: site
  name: 'ftp'
  properties: {
    allow: false
  }
}

resource scmCredentials 'Microsoft.Web/sites/basicPublishingCredentialsPolicies@2024-04-01' = {
  parent: site
  name: 'scm'
  properties: {
    allow: false
  }
}

@description('Name of the Function App.')
output name string = site.name

@description('Resource id of the Function App.')
output id string = site.id

@description('Default host name of the Function App (no scheme).')
output defaultHostName string = site.properties.defaultHostName
