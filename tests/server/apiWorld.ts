import { randomBytes } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { demoOrganisation } from '../../src/adapters/directory/demoDirectory';
import type { App, ReportServices } from '../../src/app/app';
import { ensureDemoReports } from '../../src/app/caseloadDemo';
import type { Organisation, Person } from '../../src/domain/organisation/types';
import { asCycleId, asIsoDate, asParticipationKey, type UserId } from '../../src/domain/shared/brand';
import { healthCheck } from '../../src/domain/survey/healthCheck';
import type { Answers } from '../../src/domain/survey/types';
import type { ActionStore } from '../../src/ports/actions';
import type { OutboxStore } from '../../src/ports/outbox';
import type { AuditTaskStore } from '../../src/ports/audits';
import type { Directory } from '../../src/ports/directory';
import type { Authenticator } from '../../src/server/auth/authenticate';
import { createHttpServer } from '../../src/server/http';
import { TestClock } from '../fixtures/testClock';
import { syntheticResponses } from '../bench/syntheticResponses';
import { composeInMemory } from '../support/composed';

/**
 * The tab's API over the demo organisation in in-memory SQLite, as a real HTTP server:
 * - 2025-26: a live cycle with 150 synthetic responses, closed (results, breakdowns, comments);
 * - 2026-27: open now, for "My surveys";
 * - the 2026 audit programme planned from the demo organisation, and some supervision logged;
 * - today is Monday 11 January 2027.
 */
export interface ApiWorld {
  readonly base: string;
  readonly app: App;
  readonly clock: TestClock;
  readonly organisation: Organisation;
  readonly audits: AuditTaskStore;
  readonly actions: ActionStore;
  readonly outbox: OutboxStore;
  /** The issue 7 services over the same stores, with the demo caseloads, 39-steps returns and themes. */
  readonly reports: ReportServices;
  /** One person of each role, from the demo organisation. */
  readonly who: Readonly<Record<RoleName, Person>>;
  close(): Promise<void>;
}

export type RoleName = 'staff' | 'supervisor' | 'teamManager' | 'serviceManager' | 'psw' | 'admin' | 'managementTeam';

export const TODAY = '2027-01-11T10:00:00Z';
export const RESPONSES = 150;

export function demoPeople(organisation: Organisation): Record<RoleName, Person> {
  const find = (f: (p: Person) => boolean): Person => {
    const p = organisation.people.find(f);
    if (!p) throw new Error('demo organisation has changed');
    return p;
  };
  const psw = find((p) => p.role === 'principal-social-worker');
  const serviceManager = find((p) => p.role === 'service-manager');
  const teamManager = find((p) => p.role === 'team-manager' && p.teamId === 'hospital');
  const supervisor = find((p) => p.role === 'senior-practitioner' && p.teamId === 'hospital' && organisation.people.some((x) => x.supervisorId === p.id));
  const staff = find((p) => p.role === 'social-worker' && p.supervisorId === supervisor.id);
  // An admin with no management role, and a management team member who is a service manager of another service.
  const admin = find((p) => p.role === 'social-care-professional' && p.teamId === 'intake');
  const managementTeam = find((p) => p.role === 'service-manager' && p.id !== serviceManager.id);
  return { staff, supervisor, teamManager, serviceManager, psw, admin, managementTeam };
}

export async function openApiWorld(options: { auth?: Authenticator; responses?: (synthetic: Answers[]) => Answers[] } = {}): Promise<ApiWorld> {
  const clock = new TestClock(new Date('2025-10-01T09:00:00Z'));
  const organisation = demoOrganisation();
  const directory: Directory = { organisation: () => Promise.resolve(organisation) };
  const who = demoPeople(organisation);
  // The app as the server builds it, with an admin and a management team member named in configuration.
  const phc = await composeInMemory(
    { clock, directory, auditSeed: () => 42, ...(options.auth ? { tabAuth: options.auth } : {}) },
    { PHC_ADMINS: who.admin.id, PHC_MANAGEMENT_TEAM: who.managementTeam.id, PHC_ENTRA_KEYS_BASE: 'http://127.0.0.1:1' },
  );
  const { app, services } = phc;
  const { stores, operational } = phc.stores;

  await app.cycles.open({ id: '2025-26', closesOn: '2025-11-30' });
  const synthetic = syntheticResponses(healthCheck, RESPONSES, 7);
  for (const answers of options.responses ? options.responses(synthetic) : synthetic) {
    await stores.participation.submit(asCycleId('2025-26'), asParticipationKey(randomBytes(32).toString('hex')), { surveyVersion: healthCheck.version, submittedOn: asIsoDate('2025-10-02'), answers });
  }
  clock.set('2025-12-01T09:00:00Z');
  await app.cycles.close('2025-26');

  clock.set('2026-04-01T09:00:00Z');
  await services.audits.plan(2026);

  clock.set(TODAY);
  await app.cycles.open({ id: '2026-27', closesOn: '2027-03-31' });
  const log = services.supervision;
  const supervisees = organisation.people.filter((p) => p.supervisorId === who.supervisor.id);
  for (const [i, p] of supervisees.entries()) {
    for (const date of ['2026-10-14', '2026-11-12', '2026-12-09']) {
      if (i === 0 && date === '2026-11-12') continue; // one supervisee missed November
      await log.record({ supervisorId: who.supervisor.id, superviseeId: p.id, date, outcome: 'held' });
    }
  }

  const reports = services.reports;
  await ensureDemoReports(reports, organisation);
  const tabApi = phc.tabApi;
  const server: Server = createHttpServer(app, organisation, undefined, { tabApi });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    base,
    app,
    clock,
    organisation,
    audits: phc.stores.audits,
    actions: phc.stores.actions,
    outbox: operational.outbox,
    reports,
    who,
    close: async () => {
      await new Promise((resolve) => server.close(resolve));
      await app.close();
    },
  };
}

/** A request as a persona (local mode). */
export async function call(world: Pick<ApiWorld, 'base'>, as: Person | UserId | undefined, method: string, path: string, body?: unknown): Promise<{ status: number; body: unknown; text: string }> {
  const headers: Record<string, string> = {};
  if (as !== undefined) headers['x-phc-persona'] = typeof as === 'string' ? as : as.id;
  if (body !== undefined) headers['content-type'] = 'application/json';
  const res = await fetch(`${world.base}${path}`, { method, headers, ...(body !== undefined ? { body: JSON.stringify(body) } : {}) });
  const text = await res.text();
  let parsed: unknown = undefined;
  try {
    parsed = text === '' ? undefined : JSON.parse(text);
  } catch {
    parsed = text;
  }
  return { status: res.status, body: parsed, text };
}
