import { describe, expect, it } from 'vitest';
import { readServerConfig } from '../../adapters/server/config.ts';
import { botFrameworkAuthentication } from '../../adapters/teams/auth.ts';
import { teamsChannelStatus } from '../../adapters/teams/channel.ts';
import { connectorTransport } from '../../adapters/teams/connector-transport.ts';

const APP_ID = '5b0d8f4e-3c2a-4e1b-9d7f-6a5c4b3e2d1f';
const SECRET = 'not-a-real-secret~123';
const TENANT = '72f988bf-86f1-41af-91ab-2d7cd011db47';
const teamsOf = (env: Record<string, string>) => readServerConfig(env).teams;

describe('Teams configuration', () => {
  it('is on in local trial mode when nothing is set', () => {
    const config = readServerConfig({});
    expect(config.teams).toEqual({ enabled: true, appType: 'MultiTenant', endpoints: {} });
    const status = teamsChannelStatus(config.teams);
    expect(status).toMatchObject({ name: 'teams', on: true });
    expect(status.reason).toMatch(/local trial mode.*this machine only/);
  });

  it('requires tokens once an app id is set, and says so', () => {
    const config = readServerConfig({ MicrosoftAppId: APP_ID, MicrosoftAppPassword: SECRET });
    expect(config.teams).toMatchObject({ appId: APP_ID, appPassword: SECRET, appType: 'MultiTenant' });
    expect(teamsChannelStatus(config.teams).reason).toContain(`for app ${APP_ID}`);
    expect(teamsChannelStatus(config.teams).reason).not.toContain(SECRET);
  });

  it('can be turned off', () => {
    expect(teamsChannelStatus(readServerConfig({ TEAMS_ENABLED: 'false' }).teams)).toEqual({
      name: 'teams',
      on: false,
      reason: 'TEAMS_ENABLED=false',
    });
  });

  it('reads the endpoint overrides under botbuilder’s own names', () => {
    const teams = teamsOf({
      ToBotFromChannelOpenIdMetadataUrl: 'http://127.0.0.1:9/openid',
      ToBotFromChannelTokenIssuer: 'https://issuer.example/',
      ToBotFromEmulatorOpenIdMetadataUrl: 'http://127.0.0.1:9/emulator',
      ToChannelFromBotLoginUrl: 'https://login.example/botframework.com',
      ToChannelFromBotOAuthScope: 'https://api.example',
      TEAMS_TOKEN_ENDPOINT: 'http://127.0.0.1:9/token',
    });
    expect(teams.endpoints).toEqual({
      openIdMetadataUrl: 'http://127.0.0.1:9/openid',
      tokenIssuer: 'https://issuer.example/',
      emulatorOpenIdMetadataUrl: 'http://127.0.0.1:9/emulator',
      loginUrl: 'https://login.example/botframework.com',
      oAuthScope: 'https://api.example',
      tokenEndpoint: 'http://127.0.0.1:9/token',
    });
  });

  it.each([
    [{ MicrosoftAppPassword: SECRET }, /^MicrosoftAppId: /],
    [{ MicrosoftAppId: APP_ID }, /^MicrosoftAppPassword: expected the client secret/],
    [
      { MicrosoftAppId: APP_ID, MicrosoftAppPassword: SECRET, MicrosoftAppType: 'SingleTenant' },
      /^MicrosoftAppTenantId: /,
    ],
    [{ MicrosoftAppId: APP_ID, MicrosoftAppType: 'UserAssignedMSI' }, /^MicrosoftAppTenantId: /],
    [
      {
        MicrosoftAppId: APP_ID,
        MicrosoftAppPassword: SECRET,
        MicrosoftAppType: 'UserAssignedMSI',
        MicrosoftAppTenantId: TENANT,
      },
      /^MicrosoftAppPassword: expected unset/,
    ],
    [
      {
        MicrosoftAppId: APP_ID,
        MicrosoftAppType: 'UserAssignedMSI',
        MicrosoftAppTenantId: TENANT,
        TEAMS_TOKEN_ENDPOINT: 'http://x/token',
      },
      /^TEAMS_TOKEN_ENDPOINT: /,
    ],
    [
      { MicrosoftAppType: 'Personal' },
      /^MicrosoftAppType: expected one of MultiTenant, SingleTenant, UserAssignedMSI/,
    ],
    [
      { ToBotFromChannelOpenIdMetadataUrl: 'login.botframework.com/v1' },
      /^ToBotFromChannelOpenIdMetadataUrl: expected an absolute/,
    ],
    [{ TEAMS_ENABLED: 'maybe' }, /^TEAMS_ENABLED: /],
  ])('names the variable at fault: %o', (env, message) => {
    expect(() => readServerConfig(env)).toThrow(message);
  });

  it('never puts the secret in an error message', () => {
    const env = {
      MicrosoftAppId: APP_ID,
      MicrosoftAppPassword: SECRET,
      MicrosoftAppType: 'UserAssignedMSI',
      MicrosoftAppTenantId: TENANT,
    };
    expect(() => readServerConfig(env)).toThrow(
      expect.objectContaining({ message: expect.not.stringContaining(SECRET) }),
    );
  });

  it('takes a tenant id without an app type as SingleTenant (the only kind Azure still creates)', () => {
    const teams = teamsOf({
      MicrosoftAppId: APP_ID,
      MicrosoftAppPassword: SECRET,
      MicrosoftAppTenantId: TENANT,
    });
    expect(teams.appType).toBe('SingleTenant');
    expect(teamsOf({ MicrosoftAppId: APP_ID, MicrosoftAppPassword: SECRET }).appType).toBe('MultiTenant');
  });

  it('accepts SingleTenant and managed identity set up completely', () => {
    expect(
      teamsOf({
        MicrosoftAppId: APP_ID,
        MicrosoftAppPassword: SECRET,
        MicrosoftAppType: 'SingleTenant',
        MicrosoftAppTenantId: TENANT,
      }),
    ).toMatchObject({ appType: 'SingleTenant', tenantId: TENANT });
    expect(
      teamsOf({ MicrosoftAppId: APP_ID, MicrosoftAppType: 'UserAssignedMSI', MicrosoftAppTenantId: TENANT }),
    ).toMatchObject({ appType: 'UserAssignedMSI' });
  });

  it('builds botbuilder authentication for each kind of setup', () => {
    const options = { httpClient: connectorTransport() };
    const setups: Record<string, string>[] = [
      {},
      { MicrosoftAppId: APP_ID, MicrosoftAppPassword: SECRET },
      {
        MicrosoftAppId: APP_ID,
        MicrosoftAppPassword: SECRET,
        MicrosoftAppType: 'SingleTenant',
        MicrosoftAppTenantId: TENANT,
      },
      {
        MicrosoftAppId: APP_ID,
        MicrosoftAppPassword: SECRET,
        TEAMS_TOKEN_ENDPOINT: 'http://127.0.0.1:9/token',
      },
    ];
    for (const env of setups) expect(() => botFrameworkAuthentication(teamsOf(env), options)).not.toThrow();
  });

  it('refuses a token endpoint under an http authority, which MSAL would reject at the first reply', () => {
    const env = {
      MicrosoftAppId: APP_ID,
      MicrosoftAppPassword: SECRET,
      ToChannelFromBotLoginUrl: 'http://127.0.0.1:9/botframework.com',
      TEAMS_TOKEN_ENDPOINT: 'http://127.0.0.1:9/token',
    };
    expect(() => teamsOf(env)).toThrow(/^ToChannelFromBotLoginUrl: expected an https URL/);
  });
});

describe('TRUST_PROXY', () => {
  it('is off by default, takes addresses, subnets and names, and refuses anything else by name', () => {
    expect(readServerConfig({}).trustProxy).toEqual([]);
    expect(readServerConfig({ TRUST_PROXY: '10.0.0.0/8, 127.0.0.1,loopback' }).trustProxy).toEqual([
      '10.0.0.0/8',
      '127.0.0.1',
      'loopback',
    ]);
    expect(() => readServerConfig({ TRUST_PROXY: 'true' })).toThrow(/^TRUST_PROXY: expected proxy addresses/);
    expect(() => readServerConfig({ TRUST_PROXY: '10.0.0.0/99' })).toThrow(/TRUST_PROXY/);
  });
});
