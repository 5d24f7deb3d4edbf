// Practice Health Check in a council's Azure subscription: one App Service (a Linux container
// with a system-assigned managed identity), the Azure Bot (single tenant), Key Vault for the
// app's client secret and each survey cycle's participation secret, Application Insights, and
// the registry the image is built into.
// docs/deploy.md has the steps; docs/adr/0020 why this host and this storage.
//
// No Bicep compiler is installed with the project: compile before use with the Bicep CLI
// (`az bicep build --file infra/main.bicep`). `atk provision` (m365agents.yml) does it for you.

@description('Names every resource. Lower-case letters and digits only (the registry allows nothing else), 3 to 18 characters.')
@minLength(3)
@maxLength(18)
param resourceBaseName string

param location string = resourceGroup().location

@description('The one Entra app (client) id: the bot\'s Microsoft App ID, the tab\'s sign-in and the app\'s Microsoft Graph identity.')
param appId string

@description('The tab\'s Entra app (client) id, the audience of its tokens: the same app as the bot.')
param tabClientId string

@description('The council\'s Microsoft Entra tenant.')
param tenantId string = subscription().tenantId

@description('The Entra app\'s client secret. Stored in Key Vault only; the app reads it through a Key Vault reference.')
@secure()
param appClientSecret string

@description('The bot\'s name in the Azure portal.')
param botDisplayName string = 'Practice Health Check'

@description('B1 is enough for a council of 1,500 staff; P0v3 and up for more headroom.')
@allowed(['B1', 'B2', 'B3', 'P0v3', 'P1v3', 'P2v3'])
param appServicePlanSku string = 'B1'

@description('The image tag the App Service starts with; `atk deploy` then runs the tag it built.')
param imageTag string = 'latest'

// The council's choices (docs/deploy.md, "Settings"). Empty means not used.
@description('PHC_SHAREPOINT_SITE: the SharePoint site that is the system of record, e.g. https://contoso.sharepoint.com/sites/phc. Empty: SQLite only.')
param sharePointSite string = ''

@description('PHC_GRAPH_MANAGED_IDENTITY: "system" to reach Microsoft Graph (SharePoint, the directory) with the App Service\'s own identity instead of the app registration. Not with teamsCatalogAppId: only the app registration named in the Teams package may install the app for staff (ADR 0018).')
@allowed(['', 'system'])
param graphManagedIdentity string = ''

@description('PHC_SHAREPOINT_RU_PER_MINUTE: the tenant\'s SharePoint budget in resource units a minute.')
@minValue(1)
param sharePointResourceUnitsPerMinute int = 1250

@description('PHC_SHAREPOINT_RU_PER_DAY: the tenant\'s SharePoint budget in resource units a day (1,200,000 up to 1,000 licences).')
@minValue(1)
param sharePointResourceUnitsPerDay int = 1200000

@description('PHC_COUNCIL_NAME: the council\'s name, sent in the User-Agent of every Microsoft Graph request as SharePoint asks (NONISV|<council>|PracticeHealthCheck/<version>).')
param councilName string = 'Council'

@description('PHC_DIRECTORY: "graph" takes the organisation from Entra ID (phc org sync); "stored" from phc org import.')
@allowed(['graph', 'stored'])
param directorySource string = 'graph'

@description('PHC_TEAMS_APP_ID: the app\'s id in the organisation\'s app catalogue (TEAMS_APP_PUBLISHED_APP_ID after atk publish), so the app can install itself for staff. Empty until then.')
param teamsCatalogAppId string = ''

@description('PHC_ADMINS: comma-separated person ids with the Principal Social Worker\'s reach in the tab.')
param admins string = ''

@description('PHC_MANAGEMENT_TEAM: comma-separated person ids who see every aggregate.')
param managementTeam string = ''

// Data protection (docs/data-protection.md).
@description('PHC_DATA_PROTECTION_OFFICERS: comma-separated person ids of the council\'s Data Protection Officer (and deputies): the access log, retention, subject access exports in the tab.')
param dataProtectionOfficers string = ''

@description('PHC_PRIVACY_CONTACT: how staff reach the council\'s Data Protection Officer (an email address or a page), shown on the welcome card, in help and in the tab.')
param privacyContact string = ''

@description('PHC_PRIVACY_NOTICE_URL: the council\'s full privacy notice for the app (the same address as PRIVACY_URL in the Teams package).')
param privacyNoticeUrl string = ''

@description('PHC_RETENTION: the council\'s own retention periods over the defaults, e.g. "audit-records=7y,caseloads=2y" (docs/data-protection.md). Empty: the defaults.')
param retentionSchedule string = ''

var port = 3978
// Inside the container, on its own disk: App Service's persistent /home is an SMB share, where
// SQLite's write-ahead log is not safe (docs/adr/0020).
var dataDir = '/var/lib/phc'
var image = 'practice-health-check'
var roles = {
  acrPull: '7f951dda-4ed3-4680-a7ca-43fe172d538d'
  // Read, write, delete and purge secrets, nothing else: the app reads its client secret and
  // makes, reads and destroys each cycle's participation secret (docs/adr/0024).
  keyVaultSecretsOfficer: 'b86a8fe4-44ce-4948-aee5-eccb2c155cd7'
}

resource logs 'Microsoft.OperationalInsights/workspaces@2023-09-01' = {
  name: '${resourceBaseName}-logs'
  location: location
  properties: {
    sku: { name: 'PerGB2018' }
    retentionInDays: 30
  }
}

resource insights 'Microsoft.Insights/components@2020-02-02' = {
  name: '${resourceBaseName}-insights'
  location: location
  kind: 'web'
  properties: {
    Application_Type: 'web'
    WorkspaceResourceId: logs.id
  }
}

resource registry 'Microsoft.ContainerRegistry/registries@2023-07-01' = {
  name: '${resourceBaseName}acr'
  location: location
  sku: { name: 'Basic' }
  properties: { adminUserEnabled: false }
}

resource vault 'Microsoft.KeyVault/vaults@2023-07-01' = {
  name: '${resourceBaseName}-kv'
  location: location
  properties: {
    tenantId: subscription().tenantId
    sku: { family: 'A', name: 'standard' }
    enableRbacAuthorization: true
    enableSoftDelete: true
    softDeleteRetentionInDays: 90
    // No purge protection: a cycle's participation secret is destroyed at the end of its
    // retention (deleted, then purged), which purge protection would refuse for 90 days. Once
    // turned on it can never be turned off, so it is left unset (docs/adr/0024).
  }
}

resource appSecret 'Microsoft.KeyVault/vaults/secrets@2023-07-01' = {
  parent: vault
  name: 'app-client-secret'
  properties: { value: appClientSecret }
}

resource plan 'Microsoft.Web/serverfarms@2023-12-01' = {
  name: '${resourceBaseName}-plan'
  location: location
  kind: 'linux'
  // One instance: the SQLite file is this instance's own (docs/adr/0020).
  sku: { name: appServicePlanSku, capacity: 1 }
  properties: { reserved: true }
}

resource site 'Microsoft.Web/sites@2023-12-01' = {
  name: resourceBaseName
  location: location
  kind: 'app,linux,container'
  identity: { type: 'SystemAssigned' }
  properties: {
    serverFarmId: plan.id
    httpsOnly: true
    clientAffinityEnabled: false
    siteConfig: {
      linuxFxVersion: 'DOCKER|${registry.properties.loginServer}/${image}:${imageTag}'
      acrUseManagedIdentityCreds: true
      alwaysOn: true
      healthCheckPath: '/healthz'
      http20Enabled: true
      minTlsVersion: '1.2'
      ftpsState: 'Disabled'
      numberOfWorkers: 1
    }
  }
}

resource pullImages 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  scope: registry
  name: guid(registry.id, site.id, roles.acrPull)
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roles.acrPull)
    principalId: site.identity.principalId
    principalType: 'ServicePrincipal'
  }
}

resource readSecrets 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  scope: vault
  name: guid(vault.id, site.id, roles.keyVaultSecretsOfficer)
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roles.keyVaultSecretsOfficer)
    principalId: site.identity.principalId
    principalType: 'ServicePrincipal'
  }
}

// Every setting the app reads (src/config.ts), one per line; docs/deploy.md says what each does
// and which are left unset on purpose. Written after the identity may read the vault, so the
// Key Vault reference resolves on the first start.
resource settings 'Microsoft.Web/sites/config@2023-12-01' = {
  parent: site
  name: 'appsettings'
  dependsOn: [readSecrets]
  properties: {
    WEBSITES_PORT: string(port)
    WEBSITES_ENABLE_APP_SERVICE_STORAGE: 'false'
    APPLICATIONINSIGHTS_CONNECTION_STRING: insights.properties.ConnectionString
    PORT: string(port)
    PHC_DATA_DIR: dataDir
    PHC_DEMO: 'off'
    MicrosoftAppId: appId
    MicrosoftAppPassword: '@Microsoft.KeyVault(VaultName=${vault.name};SecretName=${appSecret.name})'
    MicrosoftAppTenantId: tenantId
    MicrosoftAppType: 'SingleTenant'
    PHC_TAB_CLIENT_ID: tabClientId
    PHC_TAB_DOMAIN: site.properties.defaultHostName
    PHC_DIRECTORY: directorySource
    PHC_TEAMS_APP_ID: teamsCatalogAppId
    PHC_ADMINS: admins
    PHC_MANAGEMENT_TEAM: managementTeam
    PHC_SHAREPOINT_SITE: sharePointSite
    PHC_SHAREPOINT_RU_PER_MINUTE: string(sharePointResourceUnitsPerMinute)
    PHC_SHAREPOINT_RU_PER_DAY: string(sharePointResourceUnitsPerDay)
    PHC_COUNCIL_NAME: councilName
    PHC_DATA_PROTECTION_OFFICERS: dataProtectionOfficers
    PHC_PRIVACY_CONTACT: privacyContact
    PHC_PRIVACY_NOTICE_URL: privacyNoticeUrl
    PHC_RETENTION: retentionSchedule
    // App Service's front ends reach the container from private addresses and say who the
    // caller was in X-Forwarded-For: believe them, so rate limits are per person's address.
    PHC_TRUST_PROXY: '10.0.0.0/8,172.16.0.0/12,192.168.0.0/16,169.254.0.0/16'
    PHC_GRAPH_MANAGED_IDENTITY: graphManagedIdentity
    // The participation secrets, out of the container's disk: with SharePoint, a new instance
    // rebuilds everything else from the site and finds these here (docs/adr/0024).
    PHC_KEY_VAULT_URL: vault.properties.vaultUri
  }
}

// The app's console (its start-up lines, refusals and retries; never survey answers) and the
// platform's own log, kept 30 days in the workspace.
resource siteLogs 'Microsoft.Insights/diagnosticSettings@2021-05-01-preview' = {
  scope: site
  name: 'to-log-analytics'
  properties: {
    workspaceId: logs.id
    logs: [
      { category: 'AppServiceConsoleLogs', enabled: true }
      { category: 'AppServicePlatformLogs', enabled: true }
    ]
  }
}

resource bot 'Microsoft.BotService/botServices@2022-09-15' = {
  name: resourceBaseName
  location: 'global'
  kind: 'azurebot'
  sku: { name: 'F0' }
  properties: {
    displayName: botDisplayName
    endpoint: 'https://${site.properties.defaultHostName}/api/messages'
    msaAppId: appId
    msaAppTenantId: tenantId
    msaAppType: 'SingleTenant'
  }
}

resource teams 'Microsoft.BotService/botServices/channels@2022-09-15' = {
  parent: bot
  name: 'MsTeamsChannel'
  location: 'global'
  properties: {
    channelName: 'MsTeamsChannel'
    properties: { isEnabled: true }
  }
}

// Written to env/.env.<environment> by atk provision, for the manifest and the deploy step.
output TAB_DOMAIN string = site.properties.defaultHostName
output BOT_ENDPOINT string = 'https://${site.properties.defaultHostName}'
output AZURE_WEB_APP_NAME string = site.name
output AZURE_WEB_APP_RESOURCE_ID string = site.id
output AZURE_CONTAINER_REGISTRY_NAME string = registry.name
output AZURE_CONTAINER_REGISTRY_SERVER string = registry.properties.loginServer
output AZURE_KEY_VAULT_NAME string = vault.name
