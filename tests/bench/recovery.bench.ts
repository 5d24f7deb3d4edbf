/**
 * `npm run bench:recovery`: what a lost instance costs to rebuild from SharePoint. A council of
 * BENCH_STAFF staff (default 1,500) opens a cycle (an invitation and three reminders each are
 * queued), BENCH_RESPONSES (default 1,000) of them answer; everything is written to the
 * SharePoint stand-in (in this process, its budget unlimited so the write itself is quick);
 * then a new, empty data directory opens the same site and reads everything back before it
 * would serve. Prints the items per list, the RU the writes cost (and how long that is at a
 * tenant's 1,250 RU a minute), and the read-back's requests, RU and wall time, with the load
 * average beside it (the machine is shared). Not a timed test.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { applyPlan, openSharePoint, planForSite } from '../../src/adapters/sharepoint';
import { memorySecrets } from '../../src/adapters/secrets/memory';
import { CycleService } from '../../src/app/cycles';
import { QuestionnaireService } from '../../src/app/questionnaires';
import { InvitationPlanner } from '../../src/app/invitations';
import { participationKey } from '../../src/app/participation';
import { asCycleId, asIsoDate } from '../../src/domain/shared/brand';
import { healthCheck } from '../../src/domain/survey/healthCheck';
import { ManualClock, staticDirectory, syntheticOrganisation } from '../support/outboxFixtures';
import { startSharePointStandIn } from '../support/sharepointStandIn';
import { standInClient } from '../contract/sharepointHarness';
import { syntheticResponses } from './syntheticResponses';

const STAFF = Number(process.env.BENCH_STAFF ?? 1_500);
const RESPONSES = Math.min(STAFF, Number(process.env.BENCH_RESPONSES ?? 1_000));
const BUDGET = 1_250;

async function main(): Promise<void> {
  const sp = await startSharePointStandIn({ ruPerMinute: 100_000_000, ruPerDay: 1_000_000_000 });
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'phc-bench-recovery-'));
  const secrets = memorySecrets();
  try {
    const client = standInClient(sp);
    await applyPlan(client, sp.site.id, await planForSite(client, sp.site.id));
    const clock = new ManualClock('2027-01-11T10:00:00Z');
    const first = await openSharePoint({ file: path.join(dir, 'first.sqlite'), client, site: sp.site.webUrl, budget: { perMinute: 100_000_000, perDay: 1_000_000_000 }, secrets, minGroup: 1 });
    const organisation = syntheticOrganisation(STAFF, 12);
    const cycle = await new CycleService(first.stores, new QuestionnaireService(first.stores.questionnaires, healthCheck, clock), healthCheck, clock).open({ id: '2026-27', closesOn: '2027-02-26' });
    await new InvitationPlanner(first.operational.outbox, staticDirectory(organisation), clock).queue(cycle);
    const secret = await first.stores.cycles.participationSecret(cycle.id);
    const answers = syntheticResponses(healthCheck, RESPONSES, 11);
    for (let i = 0; i < RESPONSES; i++) {
      const person = organisation.people[i];
      if (!person) break;
      await first.stores.participation.submit(cycle.id, participationKey(secret, person.id), { surveyVersion: healthCheck.version, submittedOn: asIsoDate('2027-01-12'), answers: answers[i] ?? {} });
    }
    const ruBefore = sp.ruUsage().reduce((n, m) => n + m.used, 0);
    const writeStarted = performance.now();
    const { report } = await first.writer.drain();
    const writeSeconds = (performance.now() - writeStarted) / 1000;
    const writeRu = sp.ruUsage().reduce((n, m) => n + m.used, 0) - ruBefore;
    const items = sp.itemsPerList();
    await first.close();

    const load = os.loadavg()[0]?.toFixed(1);
    const readStarted = performance.now();
    const second = await openSharePoint({
      file: path.join(dir, 'second.sqlite'),
      client,
      site: sp.site.webUrl,
      budget: { perMinute: 100_000_000, perDay: 1_000_000_000 },
      secrets,
      readBackWhenNew: true,
    });
    const readSeconds = (performance.now() - readStarted) / 1000;
    const readBack = second.readBack;
    const responses = await second.stores.responses.count(asCycleId('2026-27'));
    const messages = second.operational.db.prepare('SELECT count(*) FROM outbox').pluck().get() as number;
    await second.close();

    const lines = [
      `Recovery from SharePoint: ${STAFF} staff, ${RESPONSES} responses (load average ${load} on ${os.cpus().length} cores).`,
      `  Items in SharePoint: ${Object.entries(items)
        .filter(([, n]) => n > 0)
        .map(([l, n]) => `${l} ${n}`)
        .join(', ')}.`,
      `  Writing them: ${report.written} items in ${report.batches} batches, ${writeRu} RU = ${(writeRu / BUDGET).toFixed(1)} minutes of a 1,250 RU/minute budget (${((writeRu / 1_200_000) * 100).toFixed(1)}% of a day's); ${writeSeconds.toFixed(1)} s here with no budget.`,
      `  Reading back into an empty data directory: ${readBack?.requests ?? 0} requests, ${readBack?.ru ?? 0} RU (${((readBack?.ru ?? 0) / BUDGET).toFixed(2)} minutes of budget), ${readSeconds.toFixed(1)} s wall time; ${responses} responses and ${messages} messages back, ${readBack?.problems.length ?? 0} problems.`,
    ];
    console.log(lines.join('\n'));
    if (responses !== RESPONSES || messages !== (items['PHC Messages'] ?? -1)) process.exitCode = 1;
  } finally {
    await sp.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

void main();
