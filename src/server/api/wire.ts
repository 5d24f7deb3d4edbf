import { ActionService, queueYouSaidWeDid } from '../../app/actions';
import type { App } from '../../compose';
import type { OpenCycleRequest } from '../../app/cycles';
import type { ReportServices } from '../../app/qualityReportWiring';
import { InvitationPlanner, openCycleAndQueue } from '../../app/invitations';
import type { OutboxStore } from '../../ports/outbox';
import type { Config } from '../../config';
import type { AccessSettings } from '../../domain/access';
import type { ActionStore } from '../../ports/actions';
import type { AuditRecordStore } from '../../ports/auditRecords';
import type { AuditTaskStore } from '../../ports/audits';
import type { Clock } from '../../ports/clock';
import type { Directory } from '../../ports/directory';
import type { SupervisionLogStore } from '../../ports/supervisionLog';
import { localAuthenticator, teamsAuthenticator, type Authenticator } from '../auth/authenticate';
import { entraKeys } from '../auth/jwks';
import { createTabApi, type WarmableTabApi } from './router';

/** Teams mode when the tab has an Entra app; local mode (persona switcher) otherwise. */
export function authenticatorFor(config: Pick<Config, 'tab'>): Authenticator {
  const { clientId, tenantId, domain, keysBaseUrl } = config.tab;
  if (!clientId) return localAuthenticator({ anyAddress: config.tab.localFromAnywhere === true });
  return teamsAuthenticator({ clientId, ...(tenantId ? { tenantId } : {}), ...(domain ? { domain } : {}), keys: entraKeys({ baseUrl: keysBaseUrl }) });
}

/**
 * Admins and the management team from configuration. In local demo mode with nobody named,
 * the first service manager sits on the management team, so the persona switcher has one.
 */
export function accessSettingsFor(config: Pick<Config, 'tab' | 'demo'>, local: boolean): AccessSettings {
  const managementTeam = config.tab.managementTeam.length === 0 && local && config.demo ? ['demo-002'] : config.tab.managementTeam;
  return { admins: config.tab.admins, managementTeam };
}

export interface TabApiRuntime {
  readonly config: Pick<Config, 'tab' | 'demo'>;
  readonly app: App;
  readonly directory: Directory;
  readonly audits: AuditTaskStore;
  readonly auditRecords: AuditRecordStore;
  readonly supervisionLog: SupervisionLogStore;
  readonly actions: ActionStore;
  readonly clock: Clock;
  /** Tests pass their own (a stand-in key set); otherwise from configuration. */
  readonly auth?: Authenticator;
  /** Called once a "You said, we did" update is queued (the server starts delivering it). */
  readonly afterAnnounce?: () => void;
  /** Where a cycle's invitations are queued when the PSW opens one in the tab. */
  readonly outbox?: OutboxStore;
  /** Called once a cycle's invitations are queued (the server wakes its sender). */
  readonly afterOpen?: () => void;
  /** The issue 7 services (`reportServices`): caseloads, 39 steps, standards, Quality Report. */
  readonly reports?: ReportServices;
}

export function tabApiFor(runtime: TabApiRuntime): WarmableTabApi {
  const auth = runtime.auth ?? authenticatorFor(runtime.config);
  return createTabApi({
    app: runtime.app,
    directory: runtime.directory,
    auth,
    access: accessSettingsFor(runtime.config, auth.mode === 'local'),
    auditTasks: runtime.audits,
    auditRecords: runtime.auditRecords,
    supervisionLog: runtime.supervisionLog,
    actions: new ActionService(runtime.actions, runtime.directory, runtime.app.questionnaire, runtime.app.stores, runtime.audits, runtime.clock),
    clock: runtime.clock,
    ...(runtime.reports ? { reports: runtime.reports } : {}),
    ...(runtime.outbox
      ? {
          openCycle: async (request: OpenCycleRequest) => {
            const opened = await openCycleAndQueue(runtime.app.cycles, new InvitationPlanner(runtime.outbox as OutboxStore, runtime.directory, runtime.clock), request);
            runtime.afterOpen?.();
            return opened;
          },
        }
      : {}),
    announce: async (update) => {
      const queued = await queueYouSaidWeDid(runtime.actions, runtime.directory, update);
      runtime.afterAnnounce?.();
      return queued;
    },
  });
}
