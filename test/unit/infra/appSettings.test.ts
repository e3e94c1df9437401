import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ConfigSchema } from '../../../shared/config/schema';
import { envName } from '../../../shared/config/load';
import { infraDir, objectAfter, readBicep, topLevelKeys } from './bicepSource';

const functionApp = readBicep(join(infraDir, 'modules', 'functionApp.bicep'));
const signoffSettings = topLevelKeys(objectAfter(functionApp.text, 'var signoffSettings ='));
const platformSettings = topLevelKeys(objectAfter(functionApp.text, 'var platformSettings ='));

type PropertySchema = { default?: unknown };
const properties = ConfigSchema.properties as Record<string, PropertySchema>;
const configEnvNames = new Set(Object.keys(properties).map(envName));

// Settings the Functions host, Application Insights and @azure/identity read, with identity-based auth.
const knownPlatformSettings = new Set([
  'AzureWebJobsStorage__accountName',
  'AzureWebJobsStorage__credential',
  'AzureWebJobsStorage__clientId',
  'APPLICATIONINSIGHTS_CONNECTION_STRING',
  'APPLICATIONINSIGHTS_AUTHENTICATION_STRING',
  'AZURE_CLIENT_ID',
]);

// Key-based connections, and settings Flex Consumption moved into functionAppConfig or dropped.
const forbiddenSettings = [
  'AzureWebJobsStorage',
  'FUNCTIONS_EXTENSION_VERSION',
  'FUNCTIONS_WORKER_RUNTIME',
  'FUNCTIONS_WORKER_RUNTIME_VERSION',
  'FUNCTIONS_WORKER_PROCESS_COUNT',
  'SCM_DO_BUILD_DURING_DEPLOYMENT',
  'WEBSITE_CONTENTAZUREFILECONNECTIONSTRING',
  'WEBSITE_CONTENTSHARE',
  'WEBSITE_MAX_DYNAMIC_APPLICATION_SCALE_OUT',
  'WEBSITE_NODE_DEFAULT_VERSION',
  'WEBSITE_RUN_FROM_PACKAGE',
];

function overridesIn(parameterFile: string): string[] {
  const text = readFileSync(join(infraDir, 'parameters', parameterFile), 'utf8');
  return topLevelKeys(objectAfter(text, 'param appSettingOverrides =').replace('{}', '{\n}'));
}

describe('Function App settings', () => {
  it('sets Signoff settings only under names shared/config reads', () => {
    expect(signoffSettings.length).toBeGreaterThan(0);
    expect(signoffSettings.filter((name) => !configEnvNames.has(name))).toEqual([]);
  });

  it('sets platform settings only from the known identity-based set', () => {
    expect(platformSettings.filter((name) => !knownPlatformSettings.has(name))).toEqual([]);
  });

  it('sets every configuration property that has neither a default nor Optional', () => {
    const required = (ConfigSchema.required ?? []).filter((key) => properties[key]?.default === undefined);
    expect(required.length).toBeGreaterThan(0);
    expect(required.map(envName).filter((name) => !signoffSettings.includes(name))).toEqual([]);
  });

  it('runs the app as production with PostgreSQL, Redis and the cursor key from Key Vault', () => {
    expect(signoffSettings).toEqual(
      expect.arrayContaining(['SIGNOFF_ENV', 'DATABASE_URL', 'REDIS_URL', 'CURSOR_SECRET']),
    );
    expect(functionApp.text).toContain("CURSOR_SECRET: '@Microsoft.KeyVault(SecretUri=${cursorSecretUri})'");
    expect(readFileSync(join(infraDir, 'main.bicep'), 'utf8')).toContain("param signoffEnv string = 'production'");
  });

  it('sets no key-based or Flex Consumption-unsupported setting', () => {
    for (const name of forbiddenSettings) {
      expect(functionApp.text).not.toMatch(new RegExp(`^\\s*${name}:`, 'm'));
    }
  });

  it('runs on Node 22 in a Flex Consumption plan', () => {
    expect(functionApp.text).toMatch(/name: 'FC1'\n\s+tier: 'FlexConsumption'/);
    expect(functionApp.text).toMatch(/runtime: \{\n\s+name: 'node'\n\s+version: '22'/);
  });

  it('accepts per-environment overrides only under names shared/config reads', () => {
    for (const file of readdirSync(join(infraDir, 'parameters'))) {
      expect({ file, unknown: overridesIn(file).filter((name) => !configEnvNames.has(name)) }).toEqual({
        file,
        unknown: [],
      });
    }
  });
});
