import type * as http from 'node:http';
import type { ActionService } from '../../app/actionPlan';
import type { AuditRecordService } from '../../app/auditRecords';
import type { ResponseRateService } from '../../app/responseRate';
import type { SupervisionLogService } from '../../app/supervisionLog';
import type { App } from '../../app/app';
import { ROLE_LABELS, viewerOf, type AccessSettings, type Scope, type Viewer } from '../../domain/access';
import type { Organisation, Person } from '../../domain/organisation/types';
import type { AuditRecordStore } from '../../ports/auditRecords';
import type { AuditTaskStore } from '../../ports/audits';
import type { Clock } from '../../ports/clock';
import type { Directory } from '../../ports/directory';
import type { SupervisionLogStore } from '../../ports/supervisionLog';
import type { YouSaidWeDid } from '../../domain/actionPlan/types';
import type { OpenCycleRequest } from '../../app/cycles';
import type { FrameworkServices, ReportServices } from '../../app/app';
import type { AdminServices } from './admin';
import type { Cycle } from '../../ports/stores';
import type { Authenticator } from '../auth/authenticate';
import { ApiError } from './respond';
import type { ResultsOf } from './resultsCache';
import type { PersonDto, ScopeDto } from './types';
import type { DataProtectionApiDeps } from './dataProtection';

/** Everything the tab's API reads and writes through: the use cases and stores, no SDKs. */
export interface TabApiDeps {
  readonly app: App;
  readonly directory: Directory;
  readonly auth: Authenticator;
  readonly access: AccessSettings;
  readonly auditTasks: AuditTaskStore;
  readonly auditRecords: AuditRecordStore;
  /** Audit forms: viewing, saving, sending, signing off. */
  readonly auditRecordService: AuditRecordService;
  readonly supervisionLog: SupervisionLogStore;
  readonly supervision: SupervisionLogService;
  readonly responseRate: ResponseRateService;
  readonly actions: ActionService;
  readonly clock: Clock;
  /** Queues a "You said, we did" update for all staff (through the outbox); returns how many. */
  readonly announce?: (update: YouSaidWeDid) => Promise<number>;
  /** Opens a cycle and queues its invitations (`openCycleAndQueue`); absent where there is no outbox. */
  /** The caseload audit, 39 steps, standards and Quality Report; absent: those routes answer 404. */
  readonly reports?: ReportServices;
  /** Focus groups, thematic reviews and self-assessments; absent: those routes answer 404. */
  readonly framework?: FrameworkServices;
  /** The audit plan's rules and the organisation import, for the admin pages; absent: those routes answer 404. */
  readonly admin?: AdminServices;
  /** Wakes the reminder pass (focus group invitations just sent go out now). */
  readonly wakeReminders?: () => void;
  readonly openCycle?: (request: OpenCycleRequest) => Promise<{ readonly cycle: Cycle; readonly queued: { readonly audience: number; readonly invitations: number; readonly reminders: number } }>;
  /** Opens a draft made in the tab and queues its invitations (`openDraftAndQueue`); absent where there is no outbox. */
  readonly openDraft?: (id: string) => Promise<{ readonly cycle: Cycle; readonly queued: { readonly audience: number; readonly invitations: number; readonly reminders: number } }>;
  /** Publishes a closed cycle's results and queues "the results are out" to its audience; absent where there is no outbox. */
  readonly publish?: (id: string) => Promise<{ readonly cycle: Cycle; readonly notices: number }>;
  /** The cards a cycle's staff will be sent (the bot's own builders), for the PSW's preview. */
  readonly previewCards?: (cycle: Cycle) => Promise<readonly { readonly title: string; readonly card: Readonly<Record<string, unknown>> }[]>;
  /** Privacy information, the access log (written by every route that serves named records), retention, subject access. */
  readonly dataProtection?: DataProtectionApiDeps;
}

/** The deps with what the API builds for itself once (the results cache). */
export interface ApiDeps extends TabApiDeps {
  readonly resultsOf: ResultsOf;
}

/** One request: who is asking (checked) and the organisation as it is now. */
export interface RequestContext {
  readonly viewer: Viewer;
  readonly organisation: Organisation;
  readonly url: URL;
  /** The request's logger, for a part of an answer that failed without failing the whole. */
  readonly log?: LogSink;
}

/** Where a log line goes: the request's own logger (with its request id). */
export interface LogSink {
  warn(details: Record<string, unknown>, message: string): void;
}

/**
 * 401 unless signed in (Teams) or a persona is chosen (local); 403 for someone not in the
 * directory. `remoteAddress`: the client's address, or undefined when it cannot be known
 * (a proxy passed it on and none is trusted), which local mode refuses.
 */
export async function signIn(deps: TabApiDeps, headers: http.IncomingHttpHeaders, remoteAddress: string | undefined, url: URL, log?: LogSink): Promise<RequestContext> {
  let result;
  try {
    result = await deps.auth.authenticate(headers, remoteAddress);
  } catch (error) {
    log?.warn({ err: error }, 'sign-in could not be checked');
    throw new ApiError(503, 'Sign-in cannot be checked just now (Entra could not be reached). Please try again in a minute.');
  }
  if (!result.ok) throw new ApiError(401, result.error);
  const organisation = await deps.directory.organisation();
  const person = organisation.people.find((p) => p.id === result.personId);
  if (!person) {
    if (deps.auth.mode === 'local') throw new ApiError(401, `There is nobody with the id "${result.personId}" in the directory. Choose someone from the persona list.`);
    throw new ApiError(
      403,
      "You are signed in, but you are not in the council's staff directory, so the tab has nothing to show you. Ask the Principal Social Worker to check the organisation import.",
    );
  }
  return { viewer: viewerOf(person, organisation, deps.access), organisation, url, ...(log ? { log } : {}) };
}

export function personDto(person: Person, organisation: Organisation): PersonDto {
  const team = organisation.teams.find((t) => t.id === person.teamId);
  return {
    id: person.id,
    displayName: person.displayName,
    role: person.role,
    roleLabel: ROLE_LABELS[person.role],
    teamId: team?.id ?? null,
    teamName: team?.name ?? null,
    serviceArea: team?.serviceArea ?? null,
  };
}

export function scopeDto(scope: Scope): ScopeDto {
  switch (scope.kind) {
    case 'all':
      return { kind: 'all' };
    case 'service':
      return { kind: 'service', serviceArea: scope.serviceAreas.join(','), teamIds: scope.teamIds };
    case 'team':
      return { kind: 'team', teamIds: scope.teamIds };
    case 'supervisees':
      return { kind: 'supervisees', personIds: scope.personIds };
    case 'self':
      return { kind: 'self' };
  }
}

export function mustBe(condition: boolean, message: string): void {
  if (!condition) throw new ApiError(403, message);
}
