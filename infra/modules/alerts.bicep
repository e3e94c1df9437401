// Log alerts on the Application Insights component: server errors, slow requests and exceptions. Each
// fires into an action group that e-mails the operators, when an address is given.

@description('Resource id of the Application Insights component the alerts query.')
@minLength(1)
param appInsightsId string

@description('Azure region of the alert rules.')
param location string

@description('Tags applied to the alert rules and the action group.')
param tags object

@description('Prefix of the alert rule names, e.g. the environment name.')
@minLength(1)
param namePrefix string

@description('Name of the action group.')
@minLength(1)
param actionGroupName string

@description('E-mail address notified when an alert fires; empty creates the rules without notification.')
param alertEmail string

@description('Responses with status 500 or above in 5 minutes that raise an alert.')
@minValue(1)
param serverErrorThreshold int

@description('95th-percentile request duration in milliseconds over 5 minutes that raises an alert.')
@minValue(100)
param latencyP95ThresholdMs int

var notify = !empty(alertEmail)

resource actionGroup 'Microsoft.Insights/actionGroups@2023-01-01' = if (notify) {
  name: actionGroupName
  location: 'global'
  tags: tags
  properties: {
    groupShortName: take(namePrefix, 12)
    enabled: true
    emailReceivers: [
      {
        name: 'operators'
        emailAddress: alertEmail
        useCommonAlertSchema: true
      }
    ]
  }
}

var rules = [
  {
    name: 'server-errors'
    severity: 1
    description: 'Requests answered with status 500 or above.'
    query: 'requests | where toint(resultCode) >= 500'
    timeAggregation: 'Count'
    metricMeasureColumn: null
    threshold: serverErrorThreshold
  }
  {
    name: 'slow-requests'
    severity: 2
    description: '95th-percentile request duration above the threshold.'
    query: 'requests | summarize p95 = percentile(duration, 95)'
    timeAggregation: 'Maximum'
    metricMeasureColumn: 'p95'
    threshold: latencyP95ThresholdMs
  }
  {
    name: 'exceptions'
    severity: 2
    description: 'Exceptions from function invocations, orchestrations or activities.'
    query: 'exceptions'
    timeAggregation: 'Count'
    metricMeasureColumn: null
    threshold: 0
  }
]

resource alerts 'Microsoft.Insights/scheduledQueryRules@2022-06-15' = [
  for rule in rules: {
    name: '${namePrefix}-${rule.name}'
    location: location
    tags: tags
    kind: 'LogAlert'
    properties: {
      displayName: '${namePrefix}: ${rule.name}'
      description: rule.description
      severity: rule.severity
      enabled: true
      scopes: [
        appInsightsId
      ]
      evaluationFrequency: 'PT5M'
      windowSize: 'PT5M'
      autoMitigate: true
      criteria: {
        allOf: [
          {
            query: rule.query
            timeAggregation: rule.timeAggregation
            metricMeasureColumn: rule.metricMeasureColumn
            operator: 'GreaterThan'
            threshold: rule.threshold
            failingPeriods: {
              numberOfEvaluationPeriods: 1
              minFailingPeriodsToAlert: 1
            }
          }
        ]
      }
      actions: {
        actionGroups: notify ? [
          actionGroup.id
        ] : []
      }
    }
  }
]
