export { createBotMessenger, outcomeOf, retryAfterMs, type BotMessengerOptions } from './botMessenger';
export { proactiveActivity } from './activity';
