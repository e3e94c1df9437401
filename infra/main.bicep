// Signoff on Azure: one resource group holding the Function App (Flex Consumption) and everything it
// needs, identity-only access everywhere (no keys, no passwords), fronted by API Management.
// Deploy with: az deployment sub create --location <region> --template-file infra/main.bicep \
//   --parameters infra/parameters/<env>.bicepparam   (see docs/deploy.md, or run infra/scripts/provision.sh)
targetScope = 'subscription'

// ---- Environment ----

@description('Short environment name (dev, prod, ...); part of resource names and of the unique token.')
@minLength(1)
@maxLength(12)
param environmentName string

@description('Azure region of every resource; it must offer Flex Consumption (az functionapp list-flexconsumption-locations).')
@minLength(1)
param location string

@description('Tags applied to every resource.')
param tags object = {}

// ---- Names: each empty value means abbreviation prefix + workload + unique token ----

@description('Resource group name; empty for rg-signoff-<environment>.')
param resourceGroupName string = ''

@description('User-assigned identity name; empty for the generated name.')
param identityName string = ''

@description('Log Analytics workspace name; empty for the generated name.')
param logAnalyticsName string = ''

@description('Application Insights name; empty for the generated name.')
param appInsightsName string = ''

@description('Storage account name (3-24 lowercase letters and digits); empty for the generated name.')
@maxLength(24)
param storageAccountName string = ''

@description('Flex Consumption plan name; empty for the generated name.')
param appServicePlanName string = ''

@description('Function App name; empty for the generated name.')
param functionAppName string = ''

@description('PostgreSQL server name; empty for the generated name.')
param postgresServerName string = ''

@description('Redis cache name; empty for the generated name.')
param redisName string = ''

@description('Key vault name (3-24 characters); empty for the generated name.')
@maxLength(24)
param keyVaultName string = ''

@description('API Management service name; empty for the generated name.')
param apimName string = ''

// ---- Identity and tokens ----

@description('Home Entra tenant of the API app registration.')
@minLength(36)
@maxLength(36)
param authTenantId string = tenant().tenantId

@description('Tenants whose users and apps may call the API, comma-separated; empty allows only the home tenant.')
param authAllowedTenantIds string = ''

@description('Accepted token audiences, comma-separated: the API app registration client id and/or App ID URI.')
@minLength(1)
param authAudience string

// ---- Application settings ----

@description('SIGNOFF_ENV of the deployed app; production refuses in-process fallbacks for PostgreSQL and Redis.')
@allowed([
  'development'
  'test'
  'production'
])
param signoffEnv string = 'production'

@description('LOG_LEVEL of the deployed app.')
@allowed([
  'debug'
  'info'
  'warn'
  'error'
])
param logLevel string = 'info'

@description('More Signoff settings by environment variable name (e.g. AUTH_SCOPE); never put secrets here.')
param appSettingOverrides object = {}

@secure()
@description('A new cursor HMAC key (32+ characters); empty keeps the key already in Key Vault. Set only by provision.sh.')
param cursorSecret string = ''

// ---- Function App ----

@description('Memory of each Function App instance in MB.')
@allowed([
  512
  2048
  4096
])
param functionInstanceMemoryMB int = 2048

@description('Most Function App instances; with databasePoolSize it bounds PostgreSQL connections.')
@minValue(1)
@maxValue(1000)
param functionMaximumInstanceCount int = 40

@description('HTTP instances kept warm (0 scales to zero, with cold starts).')
@minValue(0)
@maxValue(20)
param functionAlwaysReadyInstances int = 0

// ---- Storage ----

@description('Replication of the storage account.')
@allowed([
  'Standard_LRS'
  'Standard_ZRS'
  'Standard_GRS'
  'Standard_GZRS'
])
param storageSkuName string = 'Standard_LRS'

// ---- PostgreSQL ----

@description('PostgreSQL major version.')
@allowed([
  '16'
  '17'
])
param postgresVersion string = '17'

@description('PostgreSQL compute size.')
@minLength(1)
param postgresSkuName string = 'Standard_B1ms'

@description('PostgreSQL compute tier matching postgresSkuName.')
@allowed([
  'Burstable'
  'GeneralPurpose'
  'MemoryOptimized'
])
param postgresSkuTier string = 'Burstable'

@description('PostgreSQL storage in GiB.')
@minValue(32)
@maxValue(16384)
param postgresStorageSizeGB int = 32

@description('Days of PostgreSQL point-in-time restore.')
@minValue(7)
@maxValue(35)
param postgresBackupRetentionDays int = 7

@description('Copy PostgreSQL backups to the paired region.')
param postgresGeoRedundantBackup bool = false

@description('PostgreSQL high availability mode.')
@allowed([
  'Disabled'
  'SameZone'
  'ZoneRedundant'
])
param postgresHighAvailabilityMode string = 'Disabled'

@description('Allow connections from Azure services to PostgreSQL (needed without a virtual network).')
param postgresAllowAzureServices bool = true

@description('Object id of an Entra group of human PostgreSQL administrators; empty for none.')
param postgresAdminGroupObjectId string = ''

@description('Display name of that group.')
param postgresAdminGroupDisplayName string = ''

@description('Name of the application database.')
@minLength(1)
@maxLength(63)
param databaseName string = 'signoff'

@description('DATABASE_SCHEMA: PostgreSQL schema holding Signoff tables.')
@minLength(1)
@maxLength(63)
param databaseSchema string = 'signoff'

@description('DATABASE_POOL_SIZE: connections per instance; keep instances x pool below the server connection limit.')
@minValue(1)
@maxValue(100)
param databasePoolSize int = 5

// ---- Redis ----

@description('Redis tier.')
@allowed([
  'Basic'
  'Standard'
  'Premium'
])
param redisSkuName string = 'Basic'

@description('Redis size within the tier (0-6).')
@minValue(0)
@maxValue(6)
param redisCapacity int = 0

// ---- Key Vault ----

@description('Days a deleted key vault or secret can be recovered.')
@minValue(7)
@maxValue(90)
param keyVaultSoftDeleteRetentionInDays int = 90

@description('Forbid purging deleted secrets before retention ends (irreversible once on).')
param keyVaultPurgeProtection bool = true

// ---- API Management ----

@description('API Management tier.')
@allowed([
  'Consumption'
  'Developer'
  'BasicV2'
  'StandardV2'
])
param apimSkuName string = 'Consumption'

@description('E-mail address of the API publisher.')
@minLength(3)
param apimPublisherEmail string

@description('Name of the API publisher.')
@minLength(1)
param apimPublisherName string = 'Signoff'

@description('Gateway requests per caller per period (tiers other than Consumption).')
@minValue(1)
param apimRateLimitCalls int = 600

@description('Gateway rate-limit period in seconds.')
@minValue(1)
@maxValue(300)
param apimRateLimitPeriodSeconds int = 60

// ---- Monitoring ----

@description('Days Log Analytics keeps data.')
@minValue(30)
@maxValue(730)
param logRetentionInDays int = 30

@description('E-mail address for alerts; empty creates the alert rules without notification.')
param alertEmail string = ''

@description('Server errors in 5 minutes that raise an alert.')
@minValue(1)
param alertServerErrorThreshold int = 5

@description('95th-percentile request duration (ms) over 5 minutes that raises an alert.')
@minValue(100)
param alertLatencyP95ThresholdMs int = 2000

// ---- Derived values ----

var abbrs = loadJsonContent('abbreviations.json')
var workload = 'signoff'
var resourceToken = toLower(uniqueString(subscription().id, environmentName, location))
var allTags = union(tags, {
  workload: workload
  environment: environmentName
})
var allowedTenantIds = empty(authAllowedTenantIds) ? authTenantId : authAllowedTenantIds
var authMetadataUrl = '${environment().authentication.loginEndpoint}${authTenantId}/v2.0/.well-known/openid-configuration'
var cursorSecretName = 'cursor-secret'
var deploymentContainerName = 'app-package'

var names = {
  resourceGroup: empty(resourceGroupName) ? '${abbrs.resourcesResourceGroups}${workload}-${environmentName}' : resourceGroupName
  identity: empty(identityName) ? '${abbrs.managedIdentityUserAssignedIdentities}${workload}-${resourceToken}' : identityName
  logAnalytics: empty(logAnalyticsName) ? '${abbrs.operationalInsightsWorkspaces}${workload}-${resourceToken}' : logAnalyticsName
  appInsights: empty(appInsightsName) ? '${abbrs.insightsComponents}${workload}-${resourceToken}' : appInsightsName
  storage: empty(storageAccountName) ? '${abbrs.storageStorageAccounts}${resourceToken}' : storageAccountName
  plan: empty(appServicePlanName) ? '${abbrs.webServerFarms}${workload}-${resourceToken}' : appServicePlanName
  functionApp: empty(functionAppName) ? '${abbrs.webSitesFunctions}${workload}-${resourceToken}' : functionAppName
  postgres: empty(postgresServerName) ? '${abbrs.dBforPostgreSQLServers}${workload}-${resourceToken}' : postgresServerName
  redis: empty(redisName) ? '${abbrs.cacheRedis}${workload}-${resourceToken}' : redisName
  keyVault: empty(keyVaultName) ? take('${abbrs.keyVaultVaults}${resourceToken}', 24) : keyVaultName
  apim: empty(apimName) ? '${abbrs.apiManagementService}${workload}-${resourceToken}' : apimName
  actionGroup: '${abbrs.insightsActionGroups}${workload}-${environmentName}'
}

resource rg 'Microsoft.Resources/resourceGroups@2024-03-01' = {
  name: names.resourceGroup
  location: location
  tags: allTags
}

module identity 'modules/identity.bicep' = {
  name: 'identity'
  scope: rg
  params: {
    name: names.identity
    location: location
    tags: allTags
  }
}

module monitoring 'modules/monitoring.bicep' = {
  name: 'monitoring'
  scope: rg
  params: {
    logAnalyticsName: names.logAnalytics
    appInsightsName: names.appInsights
    location: location
    tags: allTags
    retentionInDays: logRetentionInDays
  }
}

module storage 'modules/storage.bicep' = {
  name: 'storage'
  scope: rg
  params: {
    name: names.storage
    location: location
    tags: allTags
    skuName: storageSkuName
    deploymentContainerName: deploymentContainerName
  }
}

module keyVault 'modules/keyVault.bicep' = {
  name: 'keyVault'
  scope: rg
  params: {
    name: names.keyVault
    location: location
    tags: allTags
    tenantId: tenant().tenantId
    softDeleteRetentionInDays: keyVaultSoftDeleteRetentionInDays
    enablePurgeProtection: keyVaultPurgeProtection
    cursorSecretName: cursorSecretName
    cursorSecretValue: cursorSecret
  }
}

module postgres 'modules/postgres.bicep' = {
  name: 'postgres'
  scope: rg
  params: {
    name: names.postgres
    location: location
    tags: allTags
    tenantId: tenant().tenantId
    version: postgresVersion
    skuName: postgresSkuName
    skuTier: postgresSkuTier
    storageSizeGB: postgresStorageSizeGB
    backupRetentionDays: postgresBackupRetentionDays
    geoRedundantBackup: postgresGeoRedundantBackup
    highAvailabilityMode: postgresHighAvailabilityMode
    allowAzureServices: postgresAllowAzureServices
    databaseName: databaseName
    appPrincipalId: identity.outputs.principalId
    appPrincipalName: identity.outputs.name
    adminGroupObjectId: postgresAdminGroupObjectId
    adminGroupName: postgresAdminGroupDisplayName
  }
}

module redis 'modules/redis.bicep' = {
  name: 'redis'
  scope: rg
  params: {
    name: names.redis
    location: location
    tags: allTags
    skuName: redisSkuName
    capacity: redisCapacity
    appPrincipalId: identity.outputs.principalId
    appPrincipalName: identity.outputs.name
  }
}

module roles 'modules/roles.bicep' = {
  name: 'roles'
  scope: rg
  params: {
    appPrincipalId: identity.outputs.principalId
    storageAccountName: storage.outputs.name
    appInsightsName: monitoring.outputs.appInsightsName
    keyVaultName: keyVault.outputs.name
  }
}

// The app starts only after its roles exist and the cursor secret is in the vault, so the Key Vault
// reference and the identity-based storage connection resolve on the first start.
module functionApp 'modules/functionApp.bicep' = {
  name: 'functionApp'
  scope: rg
  params: {
    planName: names.plan
    name: names.functionApp
    location: location
    tags: allTags
    identityId: identity.outputs.id
    identityClientId: identity.outputs.clientId
    storageAccountName: storage.outputs.name
    deploymentContainerUrl: storage.outputs.deploymentContainerUrl
    appInsightsConnectionString: monitoring.outputs.connectionString
    instanceMemoryMB: functionInstanceMemoryMB
    maximumInstanceCount: functionMaximumInstanceCount
    alwaysReadyHttpInstances: functionAlwaysReadyInstances
    signoffEnv: signoffEnv
    databaseUrl: 'postgresql://${identity.outputs.name}@${postgres.outputs.fqdn}:5432/${postgres.outputs.databaseName}?sslmode=require'
    databaseSchema: databaseSchema
    databasePoolSize: databasePoolSize
    redisUrl: 'rediss://${identity.outputs.principalId}@${redis.outputs.hostName}:${redis.outputs.sslPort}'
    authMetadataUrl: authMetadataUrl
    authAudience: authAudience
    authTenantIds: authAllowedTenantIds
    logLevel: logLevel
    cursorSecretUri: keyVault.outputs.cursorSecretUri
    settingOverrides: appSettingOverrides
  }
  dependsOn: [
    roles
  ]
}

module apim 'modules/apim.bicep' = {
  name: 'apim'
  scope: rg
  params: {
    name: names.apim
    location: location
    tags: allTags
    skuName: apimSkuName
    publisherEmail: apimPublisherEmail
    publisherName: apimPublisherName
    backendHostName: functionApp.outputs.defaultHostName
    loginEndpoint: environment().authentication.loginEndpoint
    openIdConfigUrl: authMetadataUrl
    allowedTenantIds: allowedTenantIds
    audiences: authAudience
    rateLimitCalls: apimRateLimitCalls
    rateLimitPeriodSeconds: apimRateLimitPeriodSeconds
  }
}

module alerts 'modules/alerts.bicep' = {
  name: 'alerts'
  scope: rg
  params: {
    appInsightsId: monitoring.outputs.appInsightsId
    location: location
    tags: allTags
    namePrefix: '${workload}-${environmentName}'
    actionGroupName: names.actionGroup
    alertEmail: alertEmail
    serverErrorThreshold: alertServerErrorThreshold
    latencyP95ThresholdMs: alertLatencyP95ThresholdMs
  }
}

output AZURE_LOCATION string = location
output AZURE_TENANT_ID string = tenant().tenantId
output AZURE_RESOURCE_GROUP string = rg.name
output FUNCTION_APP_NAME string = functionApp.outputs.name
output FUNCTION_APP_URL string = 'https://${functionApp.outputs.defaultHostName}'
output API_GATEWAY_URL string = '${apim.outputs.gatewayUrl}/api'
output APPLICATIONINSIGHTS_NAME string = monitoring.outputs.appInsightsName
output APPLICATIONINSIGHTS_CONNECTION_STRING string = monitoring.outputs.connectionString
output KEY_VAULT_NAME string = keyVault.outputs.name
output KEY_VAULT_ID string = keyVault.outputs.id
output POSTGRES_SERVER_NAME string = postgres.outputs.name
output POSTGRES_HOST string = postgres.outputs.fqdn
output POSTGRES_DATABASE string = postgres.outputs.databaseName
output REDIS_HOST string = redis.outputs.hostName
output APP_IDENTITY_NAME string = identity.outputs.name
output APP_IDENTITY_CLIENT_ID string = identity.outputs.clientId
