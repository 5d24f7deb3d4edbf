import type { SharePointConfig } from '../../config';
import { createGraphClient, graphUserAgent, managedIdentityTokenProvider, msalTokenProvider, type GraphClient, type TokenProvider } from '../graph/graphClient';

/** The token provider the configuration asks for: MSAL with a certificate or secret, or the stand-in's fixed token. */
export function tokenProviderFor(credential: SharePointConfig['credential']): TokenProvider {
  switch (credential.kind) {
    case 'static-token':
      return { getAccessToken: async () => credential.token };
    case 'managed-identity':
      return managedIdentityTokenProvider({ clientId: credential.clientId });
    case 'certificate':
      return msalTokenProvider({ tenantId: credential.tenantId, clientId: credential.clientId, certificatePrivateKey: credential.certificatePrivateKey, certificateThumbprint: credential.certificateThumbprint });
    case 'secret':
      return msalTokenProvider({ tenantId: credential.tenantId, clientId: credential.clientId, clientSecret: credential.clientSecret });
  }
}

export function graphClientFor(config: SharePointConfig, log?: (line: string) => void): GraphClient {
  return createGraphClient({ baseUrl: config.baseUrl, tokenProvider: tokenProviderFor(config.credential), userAgent: graphUserAgent(config.councilName), ...(log ? { log } : {}) });
}
