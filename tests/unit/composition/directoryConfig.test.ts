import { readConfig } from '../../../src/config';

const CREDENTIALS = { MicrosoftAppTenantId: 'tenant', MicrosoftAppId: 'app', MicrosoftAppPassword: 'secret' };

describe('PHC_DIRECTORY', () => {
  it('is the stored organisation (or the demo) by default', () => {
    expect(readConfig({})).toMatchObject({ demo: true, directory: { source: 'stored' } });
  });

  it('graph uses the bot credentials, turns the demo off unless asked for, and takes a mapping file', () => {
    const config = readConfig({ PHC_DIRECTORY: 'graph', PHC_DIRECTORY_MAPPING: 'mapping.json', ...CREDENTIALS });
    expect(config.demo).toBe(false);
    expect(config.directory).toEqual({
      source: 'graph',
      graph: {
        identity: { baseUrl: 'https://graph.microsoft.com/v1.0', credential: { kind: 'secret', tenantId: 'tenant', clientId: 'app', clientSecret: 'secret' }, councilName: undefined },
        mappingFile: 'mapping.json',
        managers: 'expand',
      },
    });
    expect(readConfig({ PHC_DIRECTORY: 'graph', PHC_DEMO: 'on', PHC_GRAPH_MANAGERS: 'per-user', ...CREDENTIALS })).toMatchObject({ demo: true, directory: { graph: { managers: 'per-user' } } });
  });

  it('says what is missing or wrong', () => {
    expect(() => readConfig({ PHC_DIRECTORY: 'graph' })).toThrow(
      /PHC_DIRECTORY=graph reads the directory with the app's own identity and needs the app registration: PHC_GRAPH_TENANT_ID and PHC_GRAPH_CLIENT_ID \(or the bot's MicrosoftAppTenantId and MicrosoftAppId\)/,
    );
    expect(() => readConfig({ PHC_DIRECTORY: 'ldap' })).toThrow('PHC_DIRECTORY must be "stored" or "graph", not "ldap".');
    expect(() => readConfig({ PHC_DIRECTORY: 'graph', PHC_GRAPH_MANAGERS: 'all', ...CREDENTIALS })).toThrow(/PHC_GRAPH_MANAGERS must be "expand" or "per-user"/);
  });
});

describe('PHC_DEMO_AUDITS', () => {
  it('plans the demo year on start only with the demo on, unless turned off', () => {
    expect(readConfig({}).demoAudits).toBe(true);
    expect(readConfig({ PHC_DEMO_AUDITS: 'off' }).demoAudits).toBe(false);
    expect(readConfig({ PHC_DEMO: 'off' }).demoAudits).toBe(false);
    expect(readConfig({ PHC_DIRECTORY: 'graph', ...CREDENTIALS }).demoAudits).toBe(false);
  });
});
