import { ConfidentialClientApplication } from '@azure/msal-node';
import { CallerIdConstants, ConfigurationBotFrameworkAuthentication } from 'botbuilder';
import {
  type AuthenticateRequestResult,
  AuthenticationConstants,
  AuthenticationError,
  type ConnectorClientOptions,
  ServiceClientCredentialsFactory,
} from 'botframework-connector';
import { ConfigError } from '../../src/config.ts';
import type { TeamsConfig } from '../server/config.ts';

/**
 * The Bot Framework authentication for Berth's configuration. Every endpoint is passed explicitly
 * (the public-cloud default unless overridden): botbuilder treats a configuration that sets any
 * one of them as fully custom and would leave the others empty.
 */
export function botFrameworkAuthentication(
  teams: TeamsConfig,
  connectorOptions: ConnectorClientOptions,
): ConfigurationBotFrameworkAuthentication {
  const e = teams.endpoints;
  const app = teams.appId
    ? {
        MicrosoftAppId: teams.appId,
        MicrosoftAppPassword: teams.appPassword,
        MicrosoftAppType: teams.appType,
        MicrosoftAppTenantId: teams.tenantId,
      }
    : {};
  const settings = {
    ...app,
    ToBotFromChannelOpenIdMetadataUrl:
      e.openIdMetadataUrl ?? AuthenticationConstants.ToBotFromChannelOpenIdMetadataUrl,
    ToBotFromChannelTokenIssuer: e.tokenIssuer ?? AuthenticationConstants.ToBotFromChannelTokenIssuer,
    ToBotFromEmulatorOpenIdMetadataUrl:
      e.emulatorOpenIdMetadataUrl ?? AuthenticationConstants.ToBotFromEmulatorOpenIdMetadataUrl,
    ToChannelFromBotLoginUrl: e.loginUrl ?? AuthenticationConstants.ToChannelFromBotLoginUrl,
    ToChannelFromBotOAuthScope: e.oAuthScope ?? AuthenticationConstants.ToChannelFromBotOAuthScope,
    OAuthUrl: AuthenticationConstants.OAuthUrl,
    CallerId: CallerIdConstants.PublicAzureChannel,
    ValidateAuthority: true,
  };
  return new ConfigurationBotFrameworkAuthentication(
    settings,
    tokenEndpointCredentials(teams),
    undefined,
    undefined,
    connectorOptions,
  );
}

/**
 * With TEAMS_TOKEN_ENDPOINT, Berth gets its tokens from an MSAL client it builds itself.
 * botbuilder's own credentials hand MSAL only an authority, and MSAL then discovers the token
 * endpoint over the network (instance discovery at login.microsoftonline.com, then the
 * authority's OpenID document, https only), which cannot be pointed elsewhere. Declaring the
 * authority known and giving its metadata inline leaves the token request as the only call.
 */
function tokenEndpointCredentials(teams: TeamsConfig): ServiceClientCredentialsFactory | undefined {
  const tokenEndpoint = teams.endpoints.tokenEndpoint;
  if (!teams.appId || !tokenEndpoint) return undefined;
  const authority = authorityOf(teams);
  const host = new URL(authority);
  if (host.protocol !== 'https:')
    throw new ConfigError(
      'ToChannelFromBotLoginUrl',
      'an https URL (MSAL refuses other authorities)',
      authority,
    );
  const metadata = {
    token_endpoint: tokenEndpoint,
    issuer: `${authority}/v2.0`,
    authorization_endpoint: `${authority}/oauth2/v2.0/authorize`,
    end_session_endpoint: `${authority}/oauth2/v2.0/logout`,
    jwks_uri: `${authority}/discovery/v2.0/keys`,
  };
  const client = new ConfidentialClientApplication({
    auth: {
      clientId: teams.appId,
      clientSecret: teams.appPassword,
      authority,
      knownAuthorities: [host.host],
      authorityMetadata: JSON.stringify(metadata),
    },
  });
  return new MsalCredentialsFactory(teams.appId, client);
}

type Credentials = Awaited<ReturnType<ServiceClientCredentialsFactory['createCredentials']>>;

/** Signs connector requests with a client-credentials token for the request's audience (MSAL caches it). */
class MsalCredentialsFactory extends ServiceClientCredentialsFactory {
  constructor(
    private readonly appId: string,
    private readonly client: ConfidentialClientApplication,
  ) {
    super();
  }
  async isValidAppId(appId: string): Promise<boolean> {
    return appId === this.appId;
  }
  async isAuthenticationDisabled(): Promise<boolean> {
    return false;
  }
  async createCredentials(appId: string, audience: string | undefined): Promise<Credentials> {
    if (appId !== this.appId) throw new Error(`no credentials for app ${appId}`);
    const scope = `${(audience || AuthenticationConstants.ToChannelFromBotOAuthScope).replace(/\/+$/, '')}/.default`;
    return {
      signRequest: async (request) => {
        const token = await this.client.acquireTokenByClientCredential({ scopes: [scope] });
        if (!token?.accessToken) throw new Error('the token endpoint returned no access token');
        request.headers.set('authorization', `Bearer ${token.accessToken}`);
        return request;
      },
    };
  }
}

/** The authority Berth's own tokens come from: the tenant's for SingleTenant, else Bot Framework's. */
function authorityOf(teams: TeamsConfig): string {
  if (teams.endpoints.loginUrl) return teams.endpoints.loginUrl.replace(/\/+$/, '');
  return teams.appType === 'MultiTenant' || !teams.tenantId
    ? AuthenticationConstants.ToChannelFromBotLoginUrl
    : `${AuthenticationConstants.ToChannelFromBotLoginUrlPrefix}${teams.tenantId}`;
}

export type AuthOutcome =
  | { ok: true; result: AuthenticateRequestResult }
  | { ok: false; status: 401 | 503; reason: string };

/**
 * Checks the request's Bot Framework token (botbuilder does the work: signature against the
 * OpenID keys, issuer, audience = our app id, expiry, endorsements, serviceUrl claim). Any
 * failure is a 401, except when the keys themselves cannot be fetched: that is Berth's problem,
 * a 503 (Teams retries). Without an app id botbuilder returns an anonymous identity.
 */
export async function authenticate(
  auth: ConfigurationBotFrameworkAuthentication,
  activity: Parameters<ConfigurationBotFrameworkAuthentication['authenticateRequest']>[0],
  authorization: string,
): Promise<AuthOutcome> {
  try {
    return { ok: true, result: await auth.authenticateRequest(activity, authorization) };
  } catch (err) {
    const reason = err instanceof Error ? err.message : String(err);
    const keysUnavailable =
      (err instanceof AuthenticationError && err.statusCode >= 500) ||
      (err instanceof Error && err.name === 'FetchError');
    if (keysUnavailable) return { ok: false, status: 503, reason };
    return { ok: false, status: 401, reason };
  }
}
