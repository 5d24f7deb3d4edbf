import type { Config } from '../config';

/**
 * How the server faces the network (docs/security.md): where it listens, which proxy it
 * believes, and whether an unauthenticated bot is allowed beside a tab that signs in.
 */
export interface ServerSettings {
  /**
   * `PHC_HOST`: the address to listen on. Default: this machine only (127.0.0.1) when nothing is
   * configured to sign anyone in (the demo on a laptop); every interface (0.0.0.0) otherwise.
   */
  readonly host: string;
  /** `PHC_TRUST_PROXY`: the address(es) of the reverse proxy in front (e.g. `127.0.0.1`, `10.0.0.0/8`); none by default. */
  readonly trustProxy: string | undefined;
  /** `PHC_BOT_LOCAL=on`: keep the bot in local mode (this machine only) while the tab signs in through Teams; a demo setting. */
  readonly botLocal: boolean;
  /**
   * `PHC_WARM_UP_TURNS`: practice bot turns the server plays against a private in-memory copy of
   * itself before it listens (src/composition/warmUp.ts), so the first people to answer after a start
   * are not served by code still being compiled. Default 3,000; 0 turns it off.
   */
  readonly warmUpTurns: number;
}

/** Practice turns by default: about what it took for the first burst to be answered as fast as later ones (`bench:burst`). */
export const WARM_UP_TURNS = 3_000;

/**
 * Connections the operating system holds for the server before it takes them. Node's default
 * (511) is overrun when a whole council opens the survey at once: the connections beyond it
 * are dropped and their senders try again one, three, seven… seconds later, or are reset
 * after a minute. 4,096 is Linux's usual ceiling (net.core.somaxconn), which caps it anyway.
 */
export const LISTEN_BACKLOG = 4_096;

export function serverSettings(config: Pick<Config, 'bot' | 'tab'>, env: NodeJS.ProcessEnv = process.env): ServerSettings {
  const allLocal = !config.bot.appId && !config.tab.clientId && config.tab.localFromAnywhere !== true;
  const host = env.PHC_HOST?.trim() || (allLocal ? '127.0.0.1' : '0.0.0.0');
  const trustProxy = env.PHC_TRUST_PROXY?.trim() || undefined;
  const turns = env.PHC_WARM_UP_TURNS?.trim() || String(WARM_UP_TURNS);
  if (!/^\d{1,6}$/.test(turns)) throw new Error(`PHC_WARM_UP_TURNS must be a whole number of practice turns (0 for none), not "${env.PHC_WARM_UP_TURNS}".`);
  return { host, trustProxy, botLocal: env.PHC_BOT_LOCAL === 'on', warmUpTurns: Number(turns) };
}

/**
 * A tab that signs people in through Teams beside a bot that trusts anyone who can reach it
 * would let anyone be the Principal Social Worker in the bot: refuse to start, and say what to set.
 */
export function refuseUntrustedBot(config: Pick<Config, 'bot' | 'tab'>, settings: Pick<ServerSettings, 'botLocal'>): void {
  if (!config.tab.clientId || config.bot.appId || settings.botLocal) return;
  throw new Error(
    'The tab signs in through Teams (PHC_TAB_CLIENT_ID is set), but the bot has no app registration, so it would answer anyone as anyone. ' +
      "Set MicrosoftAppId (with MicrosoftAppPassword, or MicrosoftAppType=UserAssignedMSI) to the bot's Entra app, and MicrosoftAppTenantId. " +
      'For a demo with the Agents Playground on this computer only, set PHC_BOT_LOCAL=on instead (see docs/security.md).',
  );
}
