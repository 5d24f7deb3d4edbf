/**
 * `npm run smoke:sharepoint`: an opt-in check against a real tenant, for a council to run in
 * its own test site. Provisions the lists, writes a cycle and three responses through the
 * outbox, reads them back through delta sync with an empty second database, then deletes the
 * items it made. Skipped, with a message saying what to set, unless PHC_SMOKE_SHAREPOINT_SITE
 * and the Graph credentials are given (docs/sharepoint.md).
 */
import { randomBytes } from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { applyPlan, openSharePoint, planForSite, resolveSite, type SharePointRuntime } from '../src/adapters/sharepoint';
import { graphClientFor } from '../src/adapters/sharepoint/fromConfig';
import { sharepointConfig } from '../src/config';
import { asCycleId, asIsoDate, asParticipationKey } from '../src/domain/shared/brand';

export type SmokeOutcome = 'passed' | 'skipped' | 'failed';

export async function runSmoke(env: NodeJS.ProcessEnv, log: (line: string) => void): Promise<SmokeOutcome> {
  const site = env.PHC_SMOKE_SHAREPOINT_SITE?.trim();
  if (!site) {
    log(
      'SharePoint smoke test skipped: set PHC_SMOKE_SHAREPOINT_SITE to a test site (e.g. https://contoso.sharepoint.com/sites/phc-test) and the app credentials (PHC_GRAPH_TENANT_ID, PHC_GRAPH_CLIENT_ID and a certificate or PHC_GRAPH_CLIENT_SECRET). It writes to that site and removes what it wrote.',
    );
    return 'skipped';
  }
  let config;
  try {
    config = sharepointConfig({ ...env, PHC_SHAREPOINT_SITE: site });
  } catch (error) {
    log(`SharePoint smoke test skipped: ${(error as Error).message}`);
    return 'skipped';
  }
  const client = graphClientFor(config);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'phc-smoke-'));
  const opened: SharePointRuntime[] = [];
  const made: { list: 'cycles' | 'responses' | 'participation'; key: string }[] = [];
  let writer: SharePointRuntime | undefined;
  try {
    const ref = await resolveSite(client, site);
    log(`Site: ${ref.webUrl ?? ref.id}`);
    const plan = await planForSite(client, ref.id);
    await applyPlan(client, ref.id, plan);
    log(plan.steps.length === 0 ? 'Lists: already provisioned.' : `Lists: ${plan.steps.length} change(s) made.`);

    writer = await openSharePoint({ file: path.join(dir, 'writer.sqlite'), client, site, budget: { perMinute: config.ruPerMinute, perDay: config.ruPerDay } });
    opened.push(writer);
    const cycleId = asCycleId(`smoke-${randomBytes(4).toString('hex')}`);
    await writer.stores.cycles.create(
      {
        id: cycleId,
        surveyId: 'health-check',
        surveyVersion: 1,
        title: `Smoke test ${cycleId}`,
        kind: 'live',
        status: 'draft',
        opensOn: asIsoDate('2026-01-05'),
        closesOn: asIsoDate('2026-01-30'),
        threshold: 5,
        textThreshold: 10,
      },
      randomBytes(32),
    );
    await writer.stores.cycles.setStatus(cycleId, 'open');
    made.push({ list: 'cycles', key: cycleId });
    for (let i = 0; i < 3; i++) {
      const key = asParticipationKey(randomBytes(32).toString('hex'));
      await writer.stores.participation.submit(cycleId, key, { surveyVersion: 1, submittedOn: asIsoDate('2026-01-12'), answers: { smoke: i } });
      made.push({ list: 'participation', key: `${cycleId}:${key}` });
    }
    for (const r of (await writer.stores.responses.list(cycleId, { limit: 10 })).items) made.push({ list: 'responses', key: r.id });
    const { report, pending } = await writer.writer.drain({ deadline: Date.now() + 120_000 });
    log(`Wrote ${report.written} item(s) in ${report.batches} batch(es); ${pending.waiting} waiting, ${pending.failed} refused.`);
    if (pending.waiting > 0 || pending.failed > 0) throw new Error(`not everything was written: ${pending.reasons.map((r) => r.reason).join('; ')}`);

    const reader = await openSharePoint({ file: path.join(dir, 'reader.sqlite'), client, site, budget: { perMinute: config.ruPerMinute, perDay: config.ruPerDay } });
    opened.push(reader);
    const sync = await reader.sync.sync();
    log(`Read back through delta: ${sync.lists.map((l) => `${l.list} ${l.items}`).join(', ')} (${sync.requests} request(s)).`);
    const back = await reader.stores.responses.list(cycleId, { limit: 10 });
    const cycle = await reader.stores.cycles.get(cycleId);
    if (!cycle || cycle.status !== 'open' || back.items.length !== 3) throw new Error(`read back ${back.items.length} of 3 responses and ${cycle ? `a ${cycle.status}` : 'no'} cycle`);
    log('Read back: the cycle and its 3 responses.');
    return 'passed';
  } catch (error) {
    log(`SharePoint smoke test failed: ${(error as Error).message}`);
    return 'failed';
  } finally {
    if (writer) {
      let removed = 0;
      for (const m of made) {
        const listId = writer.state.listId(m.list);
        const itemId = writer.state.itemId(m.list, m.key);
        if (!listId || !itemId) continue;
        const answer = await client.request('DELETE', `/sites/${writer.site.id}/lists/${listId}/items/${itemId}`).catch(() => undefined);
        if (answer && (answer.status === 204 || answer.status === 404)) removed++;
      }
      log(`Cleaned up: ${removed} of ${made.length} item(s) removed (the lists stay, provisioned).`);
    }
    for (const r of opened) await r.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

if (require.main === module) {
  void runSmoke(process.env, (line) => console.log(line)).then((outcome) => {
    process.exitCode = outcome === 'failed' ? 1 : 0;
  });
}
