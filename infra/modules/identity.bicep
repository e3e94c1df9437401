// The user-assigned managed identity the Function App runs as. Every data-plane grant (storage, Key
// Vault, Application Insights, PostgreSQL, Redis) names this identity, so it exists before the app does.

@description('Name of the user-assigned managed identity.')
@minLength(3)
@maxLength(128)
param name string

@description('Azure region of the identity.')
param location string

@description('Tags applied to the identity.')
param tags object

resource identity 'Microsoft.ManagedIdentity/userAssignedIdentities@2023-01-31' = {
  name: name
  location: location
  tags: tags
}

@description('Resource id of the identity.')
output id string = identity.id

@description('Name of the identity; also its PostgreSQL role name as an Entra administrator.')
output name string = identity.name

@description('Client (application) id, used by the Functions host and @azure/identity to pick this identity.')
output clientId string = identity.properties.clientId

@description('Object (principal) id, used in role assignments and data-plane access policies.')
output principalId string = identity.properties.principalId
