// Azure Cache for Redis with Microsoft Entra authentication only (access keys disabled) and a data access
// policy assignment that lets the app identity read and write keys. TLS only, on port 6380.

@description('Name of the cache: a globally unique DNS label.')
@minLength(1)
@maxLength(63)
param name string

@description('Azure region of the cache.')
param location string

@description('Tags applied to the cache.')
param tags object

@description('Service tier: Basic has no replica and no SLA; Standard adds a replica.')
@allowed([
  'Basic'
  'Standard'
  'Premium'
])
param skuName string

@description('Size within the tier: 0-6 (C0 is 250 MB).')
@minValue(0)
@maxValue(6)
param capacity int

@description('Object (principal) id of the app identity.')
@minLength(36)
@maxLength(36)
param appPrincipalId string

@description('Name of the app identity, shown as the alias of its access policy assignment.')
@minLength(1)
param appPrincipalName string

resource cache 'Microsoft.Cache/redis@2024-11-01' = {
  name: name
  location: location
  tags: tags
  properties: {
    sku: {
      name: skuName
      family: skuName == 'Premium' ? 'P' : 'C'
      capacity: capacity
    }
    redisVersion: '6'
    enableNonSslPort: false
    minimumTlsVersion: '1.2'
    publicNetworkAccess: 'Enabled'
    disableAccessKeyAuthentication: true
    redisConfiguration: {
      'aad-enabled': 'true'
    }
  }
}

// Data Contributor can read and write keys but not run administrative commands (FLUSHALL, CONFIG, ...).
resource appAccess 'Microsoft.Cache/redis/accessPolicyAssignments@2024-11-01' = {
  parent: cache
  name: 'signoff-app'
  properties: {
    accessPolicyName: 'Data Contributor'
    objectId: appPrincipalId
    objectIdAlias: appPrincipalName
  }
}

@description('Name of the cache.')
output name string = cache.name

@description('Host name clients connect to.')
output hostName string = cache.properties.hostName

@description('TLS port.')
output sslPort int = cache.properties.sslPort
