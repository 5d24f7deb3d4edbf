import { queueYouSaidWeDid } from '../app/actionPlan';
import type { App } from '../app/app';
import type { OpenCycleRequest } from '../app/cycles';
import { openCycleAndQueue, openDraftAndQueue, publishAndNotify } from '../app/invitations';
import { surveyPreview } from '../bot/cards/surveys';
import type { Config } from '../config';
import type { AccessSettings } from '../domain/access';
import type { Clock } from '../ports/clock';
import type { Directory } from '../ports/directory';
import { localAuthenticator, teamsAuthenticator, type Authenticator } from '../server/auth/authenticate';
import { entraKeys } from '../server/auth/jwks';
import { createTabApi, type WarmableTabApi } from '../server/api/router';
import type { Services } from './services';
import type { StoreSet } from './stores';
import type { Nudges } from './teams';
import { privacyNotice, type PrivacyNotice } from '../domain/dataProtection/privacy';
import { DEFAULT_TEXT_THRESHOLD, DEFAULT_THRESHOLD } from '../app/cycles';

/** Teams mode when the tab has an Entra app; local mode (persona switcher) otherwise. */
export function authenticatorFor(config: Pick<Config, 'tab'>): Authenticator {
  const { clientId, tenantId, domain, keysBaseUrl } = config.tab;
  if (!clientId) return localAuthenticator({ anyAddress: config.tab.localFromAnywhere === true });
  return teamsAuthenticator({ clientId, ...(tenantId ? { tenantId } : {}), ...(domain ? { domain } : {}), keys: entraKeys({ baseUrl: keysBaseUrl }) });
}

/**
 * Admins, the management team and the DPO from configuration. In local demo mode with nobody
 * named, the first service manager sits on the management team and the second is the DPO, so
 * the persona switcher has one of each.
 */
export function accessSettingsFor(config: Pick<Config, 'tab' | 'demo'>, local: boolean): AccessSettings {
  const demo = local && config.demo;
  const managementTeam = config.tab.managementTeam.length === 0 && demo ? ['demo-002'] : config.tab.managementTeam;
  const dataProtectionOfficers = config.tab.dataProtectionOfficers.length === 0 && demo ? ['demo-003'] : config.tab.dataProtectionOfficers;
  return { admins: config.tab.admins, managementTeam, dataProtectionOfficers };
}

/** The tab's API over the use cases. `auth`: tests check tokens against a stand-in key set. */
/**
 * The privacy information staff are given, filled from configuration, with the thresholds of
 * the cycle open now (else the defaults): the welcome card, `help` and the tab all use it.
 */
export function privacyFor(config: Pick<Config, 'dataProtection'>, app: App): () => Promise<PrivacyNotice> {
  return async () => {
    const open = (await app.cycles.list()).find((c) => c.kind === 'live' && c.status === 'open');
    const { controller, contact, noticeUrl, retention } = config.dataProtection;
    return privacyNotice({ controller, contact, noticeUrl, retention, threshold: open?.threshold ?? DEFAULT_THRESHOLD, textThreshold: open?.textThreshold ?? DEFAULT_TEXT_THRESHOLD });
  };
}

export function buildTabApi(
  config: Pick<Config, 'tab' | 'demo' | 'dataProtection'>,
  set: StoreSet,
  app: App,
  services: Services,
  directory: Directory,
  clock: Clock,
  nudges: Nudges,
  auth: Authenticator = authenticatorFor(config),
): WarmableTabApi {
  return createTabApi({
    app,
    directory,
    auth,
    access: accessSettingsFor(config, auth.mode === 'local'),
    auditTasks: set.audits,
    auditRecords: set.auditRecords,
    auditRecordService: services.auditRecords,
    supervisionLog: set.supervisionLog,
    supervision: services.supervision,
    responseRate: services.responseRate,
    actions: services.actions,
    clock,
    reports: services.reports,
    framework: services.framework,
    admin: { audits: services.audits, organisation: services.organisation },
    wakeReminders: () => nudges.reminders(),
    openCycle: async (request: OpenCycleRequest) => {
      const opened = await openCycleAndQueue(app.cycles, services.invitations, request);
      nudges.sender();
      return opened;
    },
    openDraft: async (id: string) => {
      const opened = await openDraftAndQueue(app.cycles, services.invitations, id);
      nudges.sender();
      return opened;
    },
    publish: async (id: string) => {
      const published = await publishAndNotify(app.cycles, set.operational.outbox, directory, clock, id);
      nudges.sender();
      return published;
    },
    previewCards: async (cycle) =>
      surveyPreview(await app.cycles.questionnaireOf(cycle), { id: cycle.id, title: cycle.title, closesOn: cycle.closesOn, threshold: cycle.threshold, textThreshold: cycle.textThreshold }),
    announce: async (update) => {
      const queued = await queueYouSaidWeDid(set.actions, directory, update);
      nudges.updates();
      return queued;
    },
    dataProtection: { ...services.dataProtection, accessLog: set.accessLog, privacy: privacyFor(config, app) },
  });
}
