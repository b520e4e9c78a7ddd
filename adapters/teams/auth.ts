import { createRequire } from 'node:module';
import type { Configuration } from '@azure/msal-node';
import { CallerIdConstants, ConfigurationBotFrameworkAuthentication } from 'botbuilder';
import {
  type AuthenticateRequestResult,
  AuthenticationConstants,
  AuthenticationError,
  type ConnectorClientOptions,
  MsalServiceClientCredentialsFactory,
  type ServiceClientCredentialsFactory,
} from 'botframework-connector';
import type { TeamsConfig } from './config.ts';

/** The MSAL client botbuilder's MSAL credentials factory takes. */
type MsalClient = ConstructorParameters<typeof MsalServiceClientCredentialsFactory>[1];

/**
 * MSAL's client as botbuilder loads it (the package's CommonJS build): botbuilder's factory takes
 * a client of exactly that class, and one copy of MSAL in the process is enough.
 */
const { ConfidentialClientApplication } = createRequire(import.meta.url)('@azure/msal-node') as {
  ConfidentialClientApplication: new (configuration: Configuration) => MsalClient;
};

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
 * With TEAMS_TOKEN_ENDPOINT, Berth's tokens come from an MSAL client told that endpoint, handed to
 * botbuilder's own MsalServiceClientCredentialsFactory (its extension point for MSAL clients).
 * botbuilder's default credentials hand MSAL only an authority, and MSAL then discovers the token
 * endpoint over the network (instance discovery at login.microsoftonline.com, then the
 * authority's OpenID document, https only), which cannot be pointed elsewhere. Declaring the
 * authority known and giving its metadata inline leaves the token request as the only call.
 * (An http authority is refused when the configuration is read.)
 */
function tokenEndpointCredentials(teams: TeamsConfig): ServiceClientCredentialsFactory | undefined {
  const tokenEndpoint = teams.endpoints.tokenEndpoint;
  if (!teams.appId || !tokenEndpoint) return undefined;
  const authority = authorityOf(teams);
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
      knownAuthorities: [new URL(authority).host],
      authorityMetadata: JSON.stringify(metadata),
    },
  });
  return new MsalServiceClientCredentialsFactory(teams.appId, client);
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
