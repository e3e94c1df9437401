// API Management in front of the Function App: the Signoff API under /api, operations for every method
// (plus the public health probes), the Function App as the backend, and the policy in infra/apim/.

@description('Name of the API Management service: a globally unique DNS label.')
@minLength(1)
@maxLength(50)
param name string

@description('Azure region of the service.')
param location string

@description('Tags applied to the service.')
param tags object

@description('Pricing tier. Consumption has no gateway rate-limit-by-key; the app still limits rates.')
@allowed([
  'Consumption'
  'Developer'
  'BasicV2'
  'StandardV2'
])
param skuName string

@description('E-mail address of the API publisher (notifications from the service).')
@minLength(3)
param publisherEmail string

@description('Name of the API publisher, shown in the developer portal.')
@minLength(1)
param publisherName string

@description('Default host name of the Function App backend (no scheme).')
@minLength(1)
param backendHostName string

@description('OpenID Connect discovery document of the home tenant of the API registration (signing keys).')
@minLength(1)
param openIdConfigUrl string

@description('Entra sign-in endpoint of the cloud, ending with a slash (environment().authentication.loginEndpoint).')
@minLength(1)
param loginEndpoint string

@description('Tenants whose tokens the gateway accepts, comma-separated.')
@minLength(36)
param allowedTenantIds string

@description('Accepted token audiences, comma-separated (API client id and/or App ID URI).')
@minLength(1)
param audiences string

@description('Requests each caller may make per period at the gateway.')
@minValue(1)
param rateLimitCalls int

@description('Length of the gateway rate-limit period in seconds.')
@minValue(1)
@maxValue(300)
param rateLimitPeriodSeconds int

var backendId = 'signoff-functions'
var supportsRateLimitByKey = skuName != 'Consumption'
var rateLimitWithCalls = replace(loadTextContent('../apim/rate-limit.xml'), '__CALLS__', string(rateLimitCalls))
var rateLimitPolicy = replace(rateLimitWithCalls, '__PERIOD_SECONDS__', string(rateLimitPeriodSeconds))
var audienceElements = join(map(split(audiences, ','), audience => '<audience>${trim(audience)}</audience>'), '')
var issuerElements = join(map(split(allowedTenantIds, ','), allowed => '<issuer>${loginEndpoint}${trim(allowed)}/v2.0</issuer>'), '')
var policyWithDiscovery = replace(loadTextContent('../apim/api-policy.xml'), '__OPENID_CONFIG_URL__', openIdConfigUrl)
var policyWithIssuers = replace(policyWithDiscovery, '__ISSUERS__', issuerElements)
var policyWithAudiences = replace(policyWithIssuers, '__AUDIENCES__', audienceElements)
var policyWithRateLimit = replace(policyWithAudiences, '__RATE_LIMIT__', supportsRateLimitByKey ? rateLimitPolicy : '')
var apiPolicy = replace(policyWithRateLimit, '__BACKEND_ID__', backendId)

// Catch-all operations forward every route; the health probes get their own so the policy can tell them apart.
var methods = [
  'GET'
  'POST'
  'PUT'
  'PATCH'
  'DELETE'
]
var healthProbes = [
  {
    name: 'health'
    urlTemplate: '/v1/health'
  }
  {
    name: 'health-ready'
    urlTemplate: '/v1/health/ready'
  }
]

resource service 'Microsoft.ApiManagement/service@2024-05-01' = {
  name: name
  location: location
  tags: tags
  sku: {
    name: skuName
    capacity: skuName == 'Consumption' ? 0 : 1
  }
  identity: {
    type: 'SystemAssigned'
  }
  properties: {
    publisherEmail: publisherEmail
    publisherName: publisherName
  }
}

resource backend 'Microsoft.ApiManagement/service/backends@2024-05-01' = {
  parent: service
  name: backendId
  properties: {
    description: 'Signoff Function App'
    protocol: 'http'
    url: 'https://${backendHostName}/api'
    tls: {
      validateCertificateChain: true
      validateCertificateName: true
    }
  }
}

resource api 'Microsoft.ApiManagement/service/apis@2024-05-01' = {
  parent: service
  name: 'signoff'
  properties: {
    displayName: 'Signoff'
    description: 'Multi-step approval workflows.'
    path: 'api'
    protocols: [
      'https'
    ]
    subscriptionRequired: false
    apiType: 'http'
  }
}

resource catchAll 'Microsoft.ApiManagement/service/apis/operations@2024-05-01' = [
  for method in methods: {
    parent: api
    name: 'any-${toLower(method)}'
    properties: {
      displayName: '${method} any route'
      method: method
      urlTemplate: '/*'
    }
  }
]

resource health 'Microsoft.ApiManagement/service/apis/operations@2024-05-01' = [
  for probe in healthProbes: {
    parent: api
    name: probe.name
    properties: {
      displayName: 'GET ${probe.urlTemplate}'
      method: 'GET'
      urlTemplate: probe.urlTemplate
    }
  }
]

resource policy 'Microsoft.ApiManagement/service/apis/policies@2024-05-01' = {
  parent: api
  name: 'policy'
  properties: {
    format: 'rawxml'
    value: apiPolicy
  }
  dependsOn: [
    backend
  ]
}

@description('Name of the service.')
output name string = service.name

@description('Gateway URL; the API is under <gatewayUrl>/api.')
output gatewayUrl string = service.properties.gatewayUrl
