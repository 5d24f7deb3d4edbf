import type { CloudAdapter } from 'botbuilder';
import { createAdapter, type TurnLog } from '../bot/adapter';
import { AuditFlow } from '../bot/auditFlow';
import { botEndpoint, type BotEndpoint } from '../bot/endpoint';
import { SurveyFlow } from '../bot/flow';
import { OrgDataReturnFlow } from '../bot/orgDataReturnFlow';
import { FocusGroupFlow } from '../bot/focusGroupFlow';
import { createBotMessenger } from '../bot/proactive';
import { SupervisionFlow } from '../bot/supervisionFlow';
import { SurveyBot } from '../bot/surveyBot';
import { graphAppInstallerFor } from '../adapters/graph/fromConfig';
import type { App } from '../app/app';
import { DEFAULT_TEXT_THRESHOLD, DEFAULT_THRESHOLD } from '../app/cycles';
import type { Config } from '../config';
import type { Clock } from '../ports/clock';
import type { Directory } from '../ports/directory';
import { localAppInstaller, type AppInstaller, type Messenger } from '../ports/messenger';
import type { Services } from './services';
import type { StoreSet } from './stores';
import { privacyFor } from './tabApi';

/** Wakes the server's background loops when something is ready to send now; nothing until they run (`phc`, tests). */
export interface Nudges {
  /** Invitations and reminders: someone became reachable, or a cycle opened. */
  sender(): void;
  /** Audit reminders and notices: an audit record was sent, amended or completed. */
  reminders(): void;
  /** "You said, we did": an update was queued. */
  updates(): void;
  /**
   * A response was stored: checkpoint the WAL so it keeps no copy of the person's draft. At
   * once, on this thread, unless the server's background thread takes it over.
   */
  checkpoint(): void;
}

/** The bot in Teams: one Bot Framework adapter, for the conversations and every proactive send. */
export interface TeamsParts {
  readonly adapter: CloudAdapter;
  /** Proactive messages (invitations, reminders, audit digests, "You said, we did", 39-steps cards) through the adapter. */
  readonly messenger: Messenger;
  /** Installs the app for people the bot has never talked to: Graph with `PHC_TEAMS_APP_ID`, else it cannot. */
  readonly installer: AppInstaller;
  readonly bot: SurveyBot;
  /** `POST /api/messages`. */
  readonly endpoint: BotEndpoint;
}

export function buildTeams(
  config: Pick<Config, 'bot' | 'graph' | 'dataProtection'>,
  set: StoreSet,
  app: App,
  services: Services,
  directory: Directory,
  clock: Clock,
  nudges: Nudges,
  turnLog?: TurnLog,
): TeamsParts {
  const adapter = createAdapter(config.bot, turnLog ? { log: turnLog } : {});
  const messenger = createBotMessenger({ adapter, appId: config.bot.appId ?? '', minutes: app.questionnaire.minutes, minutesFor: async (cycle) => (await app.cycles.questionnaireOf(cycle)).minutes });
  const installer = config.graph ? graphAppInstallerFor(config.graph, config.bot, set.operational.conversations) : localAppInstaller;
  const others = [
    new SupervisionFlow(services.supervision),
    new AuditFlow(services.auditRecords, directory, clock, { onRecordChanged: () => nudges.reminders(), sampleFor: (taskId) => services.audits.sampleFor(taskId) }),
    new OrgDataReturnFlow(services.reports.orgData, directory, app.cycles),
    // Replies to focus group invitations.
    new FocusGroupFlow(services.framework.focusGroups),
  ];
  // `help` lists supervision, audits and the 39-steps return only to those they are for.
  const privacy = privacyFor(config, app);
  const survey = new SurveyFlow(app, others, directory, privacy);
  const bot = new SurveyBot({
    // Supervision, audits and 39 steps each answer only their own verbs and commands; the survey answers the rest.
    flows: [...others, survey],
    conversations: set.operational.conversations,
    thresholds: async () => {
      const open = await survey.openCycle();
      return { threshold: open?.threshold ?? DEFAULT_THRESHOLD, textThreshold: open?.textThreshold ?? DEFAULT_TEXT_THRESHOLD };
    },
    onConversationStored: () => {
      nudges.sender();
      nudges.reminders();
    },
    privacy,
  });
  return { adapter, messenger, installer, bot, endpoint: botEndpoint(adapter, bot, { mode: config.bot.appId ? 'microsoft' : 'local' }) };
}
