// Azure Database for PostgreSQL Flexible Server with Microsoft Entra authentication only (password
// authentication off), the application database, and the Entra administrators: the app's managed
// identity (it owns the schema and runs migrations) and, optionally, a group of human operators.

@description('Name of the server: a globally unique DNS label.')
@minLength(3)
@maxLength(63)
param name string

@description('Azure region of the server.')
param location string

@description('Tags applied to the server.')
param tags object

@description('Entra tenant whose identities may sign in.')
param tenantId string

@description('PostgreSQL major version.')
@allowed([
  '16'
  '17'
])
param version string

@description('Compute size, e.g. Standard_B1ms (Burstable) or Standard_D2ds_v5 (GeneralPurpose).')
@minLength(1)
param skuName string

@description('Compute tier matching skuName.')
@allowed([
  'Burstable'
  'GeneralPurpose'
  'MemoryOptimized'
])
param skuTier string

@description('Provisioned storage in GiB.')
@minValue(32)
@maxValue(16384)
param storageSizeGB int

@description('Days of point-in-time restore.')
@minValue(7)
@maxValue(35)
param backupRetentionDays int

@description('Copy backups to the paired region.')
param geoRedundantBackup bool

@description('High availability mode; anything but Disabled needs the GeneralPurpose or MemoryOptimized tier.')
@allowed([
  'Disabled'
  'SameZone'
  'ZoneRedundant'
])
param highAvailabilityMode string

@description('Allow connections from Azure services (Flex Consumption egress has no fixed addresses).')
param allowAzureServices bool

@description('Name of the application database.')
@minLength(1)
@maxLength(63)
param databaseName string

@description('Object (principal) id of the app identity, made an Entra administrator.')
@minLength(36)
@maxLength(36)
param appPrincipalId string

@description('Name of the app identity; it is the PostgreSQL role the app signs in as.')
@minLength(1)
param appPrincipalName string

@description('Object id of an Entra group of human administrators; empty for none.')
param adminGroupObjectId string

@description('Display name of that group; it is the role its members sign in as.')
param adminGroupName string

resource server 'Microsoft.DBforPostgreSQL/flexibleServers@2024-08-01' = {
  name: name
  location: location
  tags: tags
  sku: {
    name: skuName
    tier: skuTier
  }
  properties: {
    version: version
    authConfig: {
      activeDirectoryAuth: 'Enabled'
      passwordAuth: 'Disabled'
      tenantId: tenantId
    }
    storage: {
      storageSizeGB: storageSizeGB
      autoGrow: 'Enabled'
    }
    backup: {
      backupRetentionDays: backupRetentionDays
      geoRedundantBackup: geoRedundantBackup ? 'Enabled' : 'Disabled'
    }
    highAvailability: {
      mode: highAvailabilityMode
    }
    network: {
      publicNetworkAccess: 'Enabled'
    }
  }
}

// 0.0.0.0-0.0.0.0 is the documented "allow Azure services" rule; Entra tokens still gate every login.
resource azureServices 'Microsoft.DBforPostgreSQL/flexibleServers/firewallRules@2024-08-01' = if (allowAzureServices) {
  parent: server
  name: 'AllowAllAzureServicesAndResourcesWithinAzureIps'
  properties: {
    startIpAddress: '0.0.0.0'
    endIpAddress: '0.0.0.0'
  }
}

// Administrators are added one at a time after the server accepts connections; concurrent changes fail.
resource appAdministrator 'Microsoft.DBforPostgreSQL/flexibleServers/administrators@2024-08-01' = {
  parent: server
  name: appPrincipalId
  properties: {
    principalName: appPrincipalName
    principalType: 'ServicePrincipal'
    tenantId: tenantId
  }
  dependsOn: [
    azureServices
  ]
}

resource groupAdministrator 'Microsoft.DBforPostgreSQL/flexibleServers/administrators@2024-08-01' = if (!empty(adminGroupObjectId)) {
  parent: server
  name: empty(adminGroupObjectId) ? 'unused' : adminGroupObjectId
  properties: {
    principalName: adminGroupName
    principalType: 'Group'
    tenantId: tenantId
  }
  dependsOn: [
    appAdministrator
  ]
}

resource database 'Microsoft.DBforPostgreSQL/flexibleServers/databases@2024-08-01' = {
  parent: server
  name: databaseName
  properties: {
    charset: 'UTF8'
    collation: 'en_US.utf8'
  }
  dependsOn: [
    appAdministrator
  ]
}

@description('Name of the server.')
output name string = server.name

@description('Host name clients connect to.')
output fqdn string = server.properties.fullyQualifiedDomainName

@description('Name of the application database.')
output databaseName string = database.name
