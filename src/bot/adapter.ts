import { CloudAdapter, ConfigurationBotFrameworkAuthentication, type Activity, type ConfigurationBotFrameworkAuthenticationOptions, type TurnContext } from 'botbuilder';
import { AuthenticationConstants, ConnectorFactory, type AuthenticateRequestResult, type ClaimsIdentity, type ConnectorClient, type UserTokenClient } from 'botframework-connector';
import type { Config } from '../config';
import { SPAN_NAMES, SpanKind, traced } from '../telemetry/spans';
import { leanReplies } from './leanReplies';

/** Where a failed turn is logged (the server's structured log; stderr otherwise). */
export interface TurnLog {
  error(details: Record<string, unknown>, message: string): void;
}

export interface AdapterOptions {
  /** Milliseconds each call to a channel (`serviceUrl`) may take before it is given up (default 5 s). */
  readonly outboundMs?: number;
  readonly log?: TurnLog;
  /**
   * Tests only: where the Bot Framework's signing keys and token issuer are (a local stand-in),
   * in the SDK's own setting names (`ToBotFromChannelOpenIdMetadataUrl`, `ToBotFromChannelTokenIssuer`, …).
   */
  readonly standIns?: Pick<
    ConfigurationBotFrameworkAuthenticationOptions,
    'ToBotFromChannelOpenIdMetadataUrl' | 'ToBotFromChannelTokenIssuer' | 'ToChannelFromBotLoginUrl' | 'ToChannelFromBotOAuthScope'
  >;
}

/**
 * Every client the adapter makes for a channel gets a time limit on each call, so a slow or
 * silent `serviceUrl` cannot hold a turn (or the request that started it) for long. The SDK
 * takes a per-call `timeout` in each operation's options; nothing passes one, so it is added here.
 */
function timeLimited(client: ConnectorClient, ms: number, purpose: 'turn' | 'proactive'): ConnectorClient {
  const sdk = client.sendOperationRequest.bind(client);
  // A turn's replies go straight over HTTP (leanReplies.ts), unless a proxy is configured.
  const send = purpose === 'turn' && !proxyConfigured() ? leanReplies(client, sdk) : sdk;
  // `timeout` bounds each attempt; the signal bounds them all, with the retries between.
  const limited: typeof send = (args, spec, callback) =>
    send({ ...args, options: { ...args.options, timeout: args.options?.timeout ?? ms, abortSignal: args.options?.abortSignal ?? AbortSignal.timeout(ms) } }, spec, callback);
  client.sendOperationRequest = purpose === 'turn' ? (args, spec, callback) => traceConnectorCall(client, spec, () => limited(args, spec, callback)) : limited;
  return client;
}

/** Whether outbound HTTP is to go through a proxy, which only the SDK's pipeline honours. */
function proxyConfigured(): boolean {
  return ['HTTPS_PROXY', 'https_proxy', 'HTTP_PROXY', 'http_proxy', 'ALL_PROXY', 'all_proxy'].some((name) => (process.env[name] ?? '') !== '');
}

/** Service URLs a bot talks to: Teams' few regional ones (or the Playground's); more than this is not a cache but a leak. */
const MOST_CLIENTS = 64;

/** The bot's app id as the SDK reads it from a request's claims: the audience from a channel, else the app id claim. */
function appIdOf(identity: ClaimsIdentity): string {
  return identity.getClaimValue(AuthenticationConstants.AudienceClaim) ?? identity.getClaimValue(AuthenticationConstants.AppIdClaim) ?? '';
}

/**
 * The SDK builds a new connector client, with its own HTTP pipeline and connection pool, for
 * every turn and every proactive message: under a burst that is most of a turn's cost, and each
 * reply opens a new connection to Teams. Clients are kept instead, one per app identity,
 * service URL and audience (what makes them differ), as the SDK's older BotFrameworkAdapter did,
 * so connections and tokens are reused. Each keeps the time limit on its calls.
 */
/**
 * A dependency span per call to the channel within a turn (telemetry, when it is on): the
 * operation's path template (`v3/conversations/{conversationId}/activities`), never a
 * conversation id or what was sent. Proactive sends are counted per outbox pass instead: one
 * span per reminder would count who has not answered (docs/adr/0006).
 */
function traceConnectorCall<T>(client: ConnectorClient, spec: { readonly httpMethod?: string; readonly path?: string }, call: () => Promise<T>): Promise<T> {
  return traced(
    SPAN_NAMES.botConnector,
    SpanKind.CLIENT,
    { 'http.request.method': spec.httpMethod ?? 'POST', 'server.address': hostOf(client), 'url.template': (spec.path ?? '').replace(/\{[^}]*\}/g, '{id}') },
    call,
    (result) => {
      const status = (result as { _response?: { status?: unknown } } | undefined)?._response?.status;
      return typeof status === 'number' ? { 'http.response.status_code': status } : {};
    },
  );
}

function hostOf(client: ConnectorClient): string {
  const base = (client as unknown as { baseUri?: unknown }).baseUri;
  return typeof base === 'string' && URL.canParse(base) ? new URL(base).host : 'unknown';
}

class TimeLimitedAuthentication extends ConfigurationBotFrameworkAuthentication {
  private readonly clients = new Map<string, Promise<ConnectorClient>>();
  private readonly userTokenClients = new Map<string, Promise<UserTokenClient>>();

  constructor(
    options: ConfigurationBotFrameworkAuthenticationOptions,
    private readonly outboundMs: number,
  ) {
    super(options);
  }

  /**
   * `purpose` keeps the clients for replies within a turn apart from those for proactive
   * messages: the proactive messenger takes the SDK's own retries out of its clients' pipelines
   * (the outbox decides about retries), which replies keep.
   */
  private limited(inner: ConnectorFactory, identity: ClaimsIdentity, purpose: 'turn' | 'proactive'): ConnectorFactory {
    const ms = this.outboundMs;
    const clients = this.clients;
    const appId = appIdOf(identity);
    return new (class extends ConnectorFactory {
      create(serviceUrl: string, audience?: string): Promise<ConnectorClient> {
        const key = `${purpose}\n${appId}\n${serviceUrl}\n${audience ?? ''}`;
        const kept = clients.get(key);
        if (kept) return kept;
        const made = inner.create(serviceUrl, audience).then((client) => timeLimited(client, ms, purpose));
        // A client that could not be made is not kept: the next turn tries again.
        made.catch(() => clients.delete(key));
        if (clients.size >= MOST_CLIENTS) clients.delete(clients.keys().next().value as string);
        clients.set(key, made);
        return made;
      }
    })();
  }

  // Replies within a turn use the factory that comes with the request's authentication;
  // proactive messages use createConnectorFactory. Both get the time limit.
  override async authenticateRequest(activity: Activity, authHeader: string): Promise<AuthenticateRequestResult> {
    const result = await super.authenticateRequest(activity, authHeader);
    return result.connectorFactory ? { ...result, connectorFactory: this.limited(result.connectorFactory, result.claimsIdentity, 'turn') } : result;
  }

  override createConnectorFactory(claimsIdentity: ClaimsIdentity): ConnectorFactory {
    return this.limited(super.createConnectorFactory(claimsIdentity), claimsIdentity, 'proactive');
  }

  // Made for every turn, used only for sign-in prompts (the bot has none): one per app identity.
  override createUserTokenClient(claimsIdentity: ClaimsIdentity): Promise<UserTokenClient> {
    const appId = appIdOf(claimsIdentity);
    const kept = this.userTokenClients.get(appId);
    if (kept) return kept;
    const made = super.createUserTokenClient(claimsIdentity);
    made.catch(() => this.userTokenClients.delete(appId));
    if (this.userTokenClients.size >= MOST_CLIENTS) this.userTokenClients.clear();
    this.userTokenClients.set(appId, made);
    return made;
  }
}

/**
 * The Bot Framework adapter. With no app id it runs in local mode (the Agents Playground
 * sends no tokens; the endpoint lets in only this machine); with one, `CloudAdapter.process`
 * refuses requests without a valid Bot Framework token with 401 before any of our code runs.
 */
export function createAdapter(bot: Config['bot'], options: AdapterOptions = {}): CloudAdapter {
  const auth = new TimeLimitedAuthentication(
    {
      MicrosoftAppId: bot.appId ?? '',
      // botbuilder refuses any password with a managed identity (the configuration never gives one).
      MicrosoftAppPassword: bot.appType === 'UserAssignedMSI' ? '' : (bot.appPassword ?? ''),
      MicrosoftAppTenantId: bot.appTenantId ?? '',
      MicrosoftAppType: bot.appId ? bot.appType : '',
      ...options.standIns,
    },
    options.outboundMs ?? 5_000,
  );
  const adapter = new CloudAdapter(auth);
  adapter.onTurnError = async (context: TurnContext, error: Error) => {
    // The person gets a plain apology; the details go to the log, never to the chat.
    if (options.log) options.log.error({ err: error }, 'bot turn failed');
    else console.error(`Bot turn failed: ${error.stack ?? error.message}`);
    // The channel itself failed (gave no answer in time, or none at all): an apology would go the same way.
    if (error.name === 'AbortError' || error.name === 'RestError') return;
    try {
      await context.sendActivity('Sorry, something went wrong on our side. Your saved answers are safe; please try again in a moment.');
    } catch (sendError) {
      // The channel itself is failing (unreachable, too slow): nothing more to tell the person.
      if (options.log) options.log.error({ err: sendError }, 'bot apology not delivered');
    }
  };
  return adapter;
}
