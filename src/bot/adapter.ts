import { CloudAdapter, ConfigurationBotFrameworkAuthentication, type TurnContext } from 'botbuilder';
import type { Config } from '../config';

/**
 * The Bot Framework adapter. With no app id it runs in local mode (the Agents Playground
 * sends no tokens); with one, `CloudAdapter.process` refuses requests without a valid Bot
 * Framework token with 401 before any of our code runs.
 */
export function createAdapter(bot: Config['bot']): CloudAdapter {
  const auth = new ConfigurationBotFrameworkAuthentication({
    MicrosoftAppId: bot.appId ?? '',
    // botbuilder refuses any password with a managed identity (the configuration never gives one).
    MicrosoftAppPassword: bot.appType === 'UserAssignedMSI' ? '' : (bot.appPassword ?? ''),
    MicrosoftAppTenantId: bot.appTenantId ?? '',
    MicrosoftAppType: bot.appId ? bot.appType : '',
  });
  const adapter = new CloudAdapter(auth);
  adapter.onTurnError = async (context: TurnContext, error: Error) => {
    // The person gets a plain apology; the details go to the log, never to the chat.
    console.error(`Bot turn failed: ${error.stack ?? error.message}`);
    await context.sendActivity('Sorry, something went wrong on our side. Your saved answers are safe; please try again in a moment.');
  };
  return adapter;
}
