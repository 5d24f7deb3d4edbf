/**
 * `npm run bench:fanout`: invitations to 10,000 people through the real botbuilder path
 * (`CloudAdapter.continueConversationAsync` → `sendActivity`, local mode, no credentials)
 * against a local stand-in for the Bot Connector that enforces the Teams limits (50/s per
 * app, 7/s, 60/30 s and 1,800/h per conversation) and answers 429 with Retry-After.
 *
 * 1. The outbox sender (durable SQLite outbox, paced, Retry-After, backoff), on the
 *    stand-in's clock, which runs BENCH_SPEED times faster than real time (default 2, so
 *    about 105 s of wall-clock time for 10,000 people; faster clocks magnify the process's own
 *    pauses (garbage collection, timers) into Teams-time jitter and provoke more 429s).
 * 2. A naive sender from the same run: a plain loop over `continueConversationAsync` and
 *    `sendActivity` with no limiter (the SDK's own retry policy left as it comes), against
 *    a fresh stand-in. Its SDK sleeps on Retry-After in real time, so it runs at real speed
 *    (1×) on a sample of BENCH_NAIVE_SAMPLE people (default 1,000).
 *
 * Prints achieved sends per second as a ratio to the 50/s ceiling (goal ≥ 0.95), lost and
 * duplicate counts (goal 0 and 0) and 429s provoked. Exits non-zero if the outbox sender
 * misses a goal.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { CloudAdapter, ConfigurationBotFrameworkAuthentication } from 'botbuilder';
import { createAdapter } from '../../src/bot/adapter';
import { createBotMessenger } from '../../src/bot/proactive/botMessenger';
import { proactiveActivity } from '../../src/bot/proactive/activity';
import { openSqlite } from '../../src/adapters/sqlite/sqliteStores';
import { CycleService } from '../../src/app/cycles';
import { QuestionnaireService } from '../../src/app/questionnaires';
import { InvitationPlanner } from '../../src/app/invitations';
import { DEFAULT_SENDER_OPTIONS } from '../../src/app/sender';
import { realSleep, runSenderOnce } from '../../src/app/senderLoop';
import { DEFAULT_PLAN } from '../../src/domain/outbox/types';
import { healthCheck } from '../../src/domain/survey/healthCheck';
import { localAppInstaller } from '../../src/ports/messenger';
import type { Cycle } from '../../src/ports/stores';
import { standInReference, wallNow } from '../support/connectorStandIn';
import { startStandInProcess, type StandInReport } from '../support/standInProcess';
import { seededRandom, staticDirectory, syntheticOrganisation } from '../support/outboxFixtures';

const PEOPLE = Number(process.env.BENCH_PEOPLE ?? 10_000);
const SPEED = Number(process.env.BENCH_SPEED ?? 2);
const NAIVE_SAMPLE = Math.min(PEOPLE, Number(process.env.BENCH_NAIVE_SAMPLE ?? 1_000));
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 8);
/** The sender's own sliding window: 50 requests in this many ms (Teams: 50 in 1,000). */
const WINDOW_MS = Number(process.env.BENCH_WINDOW_MS ?? 1_020);
const CEILING = 50;
/** A Tuesday, 09:00 in London: inside working hours for the whole run. */
const START = Date.parse('2027-01-12T09:00:00Z');

interface Figures {
  readonly label: string;
  readonly people: number;
  readonly seconds: number;
  readonly accepted: number;
  readonly lost: number;
  readonly duplicates: number;
  readonly throttled: number;
  readonly errors: number;
}

function countDeliveries(report: StandInReport, userIds: readonly string[]): { lost: number; duplicates: number } {
  let lost = 0;
  let duplicates = 0;
  for (const id of userIds) {
    const n = report.counts[`a:1on1-${id}`] ?? 0;
    if (n === 0) lost++;
    duplicates += Math.max(0, n - 1);
  }
  return { lost, duplicates };
}

function print(f: Figures, note: string): void {
  const rate = f.accepted / f.seconds;
  console.log(`\n${f.label} — ${note}`);
  console.log(`  people ${f.people}, accepted ${f.accepted} in ${f.seconds.toFixed(1)} s (Teams time)`);
  console.log(`  sends/s ${rate.toFixed(2)} = ${(rate / CEILING).toFixed(3)} of the ${CEILING}/s ceiling`);
  console.log(`  lost ${f.lost}, duplicates ${f.duplicates}, 429s provoked ${f.throttled}${f.errors ? `, errors thrown ${f.errors}` : ''}`);
}

async function outboxRun(dir: string): Promise<Figures> {
  // The stand-in runs in its own process; both keep the same fast clock.
  const realStart = wallNow();
  const standIn = await startStandInProcess({ speed: SPEED, startAt: START, realStart });
  const clock = { now: () => new Date(START + (wallNow() - realStart) * SPEED) };
  const { stores, operational } = openSqlite(path.join(dir, 'bench.sqlite'));
  try {
    const organisation = syntheticOrganisation(PEOPLE);
    const cycle: Cycle = await new CycleService(stores, new QuestionnaireService(stores.questionnaires, healthCheck, clock), healthCheck, clock).open({ id: 'bench', closesOn: '2027-02-26' });
    const audience = organisation.people.filter((p) => p.role !== 'service-manager');
    for (const p of audience) await operational.conversations.put(p.id, standInReference(standIn.serviceUrl, p.id));
    const queued = await new InvitationPlanner(operational.outbox, staticDirectory(organisation), clock).queue(cycle, DEFAULT_PLAN);
    const messenger = createBotMessenger({
      adapter: createAdapter({ appId: undefined, appPassword: undefined, appTenantId: undefined, appType: 'SingleTenant' }),
      appId: '',
      minutes: healthCheck.minutes,
    });
    const started = clock.now().getTime();
    const run = await runSenderOnce(
      {
        stores,
        outbox: operational.outbox,
        conversations: operational.conversations,
        messenger,
        installer: localAppInstaller,
        clock,
        random: seededRandom(1),
        sleep: (ms, signal) => realSleep(ms / SPEED, signal),
      },
      { concurrency: CONCURRENCY, perApp: [{ limit: 50, ms: WINDOW_MS }] },
    );
    const seconds = (clock.now().getTime() - started) / 1000;
    const report = await standIn.report();
    const { lost, duplicates } = countDeliveries(
      report,
      audience.map((p) => p.id),
    );
    if (run.invitationsSent !== queued.invitations) console.log(`  (the outbox says ${run.invitationsSent} sent of ${queued.invitations} queued)`);
    return { label: 'Outbox sender', people: audience.length, seconds, accepted: report.stats.accepted, lost, duplicates, throttled: report.stats.throttled, errors: 0 };
  } finally {
    await stores.close();
    await standIn.close();
  }
}

async function naiveRun(): Promise<Figures> {
  const standIn = await startStandInProcess({ speed: 1 });
  try {
    const organisation = syntheticOrganisation(NAIVE_SAMPLE);
    const audience = organisation.people.filter((p) => p.role !== 'service-manager');
    // The plain way: an adapter as the samples make it, and a loop.
    const adapter = new CloudAdapter(new ConfigurationBotFrameworkAuthentication({ MicrosoftAppId: '' }));
    const cycle = { id: 'bench', title: 'Health Check', closesOn: '2027-02-26', threshold: 5, textThreshold: 10 } as unknown as Cycle;
    const activity = proactiveActivity({ kind: 'invitation', cycle }, healthCheck.minutes);
    let errors = 0;
    const started = performance.now();
    for (const p of audience) {
      try {
        await adapter.continueConversationAsync('', standInReference(standIn.serviceUrl, p.id) as never, async (context) => {
          await context.sendActivity(activity);
        });
      } catch {
        errors++;
      }
    }
    const seconds = (performance.now() - started) / 1000;
    const report = await standIn.report();
    const { lost, duplicates } = countDeliveries(
      report,
      audience.map((p) => p.id),
    );
    return { label: 'Naive sender', people: audience.length, seconds, accepted: report.stats.accepted, lost, duplicates, throttled: report.stats.throttled, errors };
  } finally {
    await standIn.close();
  }
}

async function main(): Promise<void> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'phc-fanout-'));
  console.log(`Fan-out benchmark: ${PEOPLE} people, stand-in clock ${SPEED}× real time, sender concurrency ${CONCURRENCY}.`);
  const realStart = performance.now();
  const outbox = await outboxRun(dir);
  print(
    outbox,
    `durable outbox, paced at ${DEFAULT_SENDER_OPTIONS.perSecond}/s with at most 50 leaving in any ${WINDOW_MS} ms, real CloudAdapter; stand-in clock ${SPEED}× real time (${((performance.now() - realStart) / 1000).toFixed(1)} s wall clock)`,
  );
  const naiveStart = performance.now();
  const naive = await naiveRun();
  print(
    naive,
    `plain loop over continueConversationAsync/sendActivity, no limiter, SDK default retries; sample of ${naive.people} people, stand-in clock 1× real time (${((performance.now() - naiveStart) / 1000).toFixed(1)} s wall clock)`,
  );
  fs.rmSync(dir, { recursive: true, force: true });
  const ratio = outbox.accepted / outbox.seconds / CEILING;
  const ok = ratio >= 0.95 && outbox.lost === 0 && outbox.duplicates === 0;
  console.log(`\n${ok ? 'Goals met' : 'GOALS MISSED'}: ratio ${ratio.toFixed(3)} (≥ 0.95), lost ${outbox.lost} (0), duplicates ${outbox.duplicates} (0).`);
  if (!ok) process.exitCode = 1;
}

void main();
