import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { runCli } from '../../src/cli/run';
import { applyPlan, describeWait, LISTS, planForSite, SCHEMA_VERSION, SharePointError, type ProvisionWait, type Step } from '../../src/adapters/sharepoint';
import { describeList } from '../../src/adapters/sharepoint/schema';
import { startSharePointStandIn, type SharePointStandIn } from '../support/sharepointStandIn';
import { manualStandInClock } from '../support/sharepointStandIn/clock';
import { standInClient } from './sharepointHarness';
import { bareGraph } from '../support/sharepointStandIn/testClient';

/** `phc` with the stand-in as the tenant: configuration only. */
function phcWith(sp: SharePointStandIn, dir: string, site = true) {
  return async (...argv: string[]) => {
    let out = '';
    let err = '';
    // The stand-in's budget (a cycle's messages are hundreds of items: at the default 1,250 RU a minute they take a minute to write).
    const env = {
      PHC_DATA_DIR: path.join(dir, 'data'),
      PHC_GRAPH_BASE_URL: sp.baseUrl,
      PHC_GRAPH_STATIC_TOKEN: 'stand-in-token',
      PHC_SHAREPOINT_RU_PER_MINUTE: '1000000',
      PHC_SHAREPOINT_RU_PER_DAY: '100000000',
      ...(site ? { PHC_SHAREPOINT_SITE: sp.site.webUrl } : {}),
    };
    const code = await runCli(argv, { out: (t) => (out += `${t}\n`), err: (t) => (err += `${t}\n`), env, cwd: dir });
    return { code, out, err };
  };
}

describe('phc sharepoint', () => {
  let sp: SharePointStandIn;
  let dir: string;
  beforeEach(async () => {
    sp = await startSharePointStandIn({ ruPerMinute: 1_000_000 });
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'phc-sp-'));
  });
  afterEach(async () => {
    await sp.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('prints the plan on a dry run and changes nothing; provisions; a second run changes nothing and says so', async () => {
    const phc = phcWith(sp, dir, false);
    const dry = await phc('sharepoint', 'provision', '--site', sp.site.webUrl, '--dry-run');
    expect(dry.code).toBe(0);
    expect(dry.out).toContain(`Would make ${LISTS.length} changes`);
    expect(dry.out).toContain('create list "PHC Survey Responses" with 5 columns (PhcId, CycleId indexed)');
    expect(sp.findList('PHC Survey Responses')).toBeUndefined();

    const first = await phc('sharepoint', 'provision', '--site', sp.site.webUrl);
    expect(first.code).toBe(0);
    expect(first.out).toContain(`Made ${LISTS.length} changes`);
    for (const spec of LISTS) {
      const list = sp.findList(spec.displayName);
      expect(list).toBeDefined();
      for (const c of spec.columns) expect(list?.columns.find((have) => have.name === c.name)?.indexed ?? false).toBe(c.indexed === true);
    }

    const again = await phc('sharepoint', 'provision', '--site', sp.site.id, '--json');
    expect(again.code).toBe(0);
    expect(JSON.parse(again.out)).toMatchObject({ steps: [], conflicts: [], dryRun: false });
    const words = await phc('sharepoint', 'provision', '--site', sp.site.webUrl);
    expect(words.out).toContain('Nothing to change: every list');
  });

  it('checks that the lists of survey answers and audits are restricted to the app and the named admins, and says which are open', async () => {
    // Answers, audits and their samples, messages (who was sent what), 39-steps returns (sickness figures), focus groups (who was invited, their replies).
    const RESTRICTED = ['PHC Survey Responses', 'PHC Participation', 'PHC Audit Tasks', 'PHC Audit Records', 'PHC Supervision Samples', 'PHC 39 Steps Returns', 'PHC Messages', 'PHC Focus Groups'];
    const phc = phcWith(sp, dir, false);
    const first = await phc('sharepoint', 'provision', '--site', sp.site.webUrl);
    expect(first.code).toBe(0);
    // New lists inherit the site's groups: each restricted list is reported open, with what to do.
    for (const name of RESTRICTED) expect(first.out).toMatch(new RegExp(`"${name}" is open to .*the group "[^"]* Members" \\(write\\)`));
    expect(first.out).not.toMatch(/"PHC Actions" is open/);
    expect(first.out).toMatch(/Restricting the lists/);
    // An administrator stops them inheriting and grants one named admin; the app keeps its grant.
    for (const name of RESTRICTED) {
      sp.findList(name)!.permissions = [
        { id: 'a', roles: ['write'], grantedToIdentitiesV2: [{ application: { id: 'any', displayName: 'Practice Health Check' } }] },
        { id: 'u', roles: ['read'], grantedToV2: { user: { id: 'admin-object-id', displayName: 'Ada Admin', email: 'ada@anytown.gov.uk' } } },
      ];
    }
    const admins = await runCli(['sharepoint', 'provision', '--site', sp.site.webUrl, '--json'], {
      out: () => undefined,
      err: () => undefined,
      env: { PHC_DATA_DIR: path.join(dir, 'data'), PHC_GRAPH_BASE_URL: sp.baseUrl, PHC_GRAPH_STATIC_TOKEN: 'stand-in-token' },
      cwd: dir,
    });
    expect(admins).toBe(0);
    let out = '';
    await runCli(['sharepoint', 'provision', '--site', sp.site.webUrl], {
      out: (t) => (out += t),
      err: () => undefined,
      env: { PHC_DATA_DIR: path.join(dir, 'data'), PHC_GRAPH_BASE_URL: sp.baseUrl, PHC_GRAPH_STATIC_TOKEN: 'stand-in-token', PHC_ADMINS: 'admin-object-id' },
      cwd: dir,
    });
    expect(out).toContain(`Restricted as they should be (the app and the named admins only): ${RESTRICTED.join(', ')}.`);
    // Someone who is not named is reported.
    out = '';
    await runCli(['sharepoint', 'provision', '--site', sp.site.webUrl], {
      out: (t) => (out += t),
      err: () => undefined,
      env: { PHC_DATA_DIR: path.join(dir, 'data'), PHC_GRAPH_BASE_URL: sp.baseUrl, PHC_GRAPH_STATIC_TOKEN: 'stand-in-token', PHC_ADMINS: 'someone-else' },
      cwd: dir,
    });
    expect(out).toMatch(/"PHC Survey Responses" is open to Ada Admin \(read\)/);
  });

  it('says the permissions could not be checked where the app may not read them', async () => {
    const closed = await startSharePointStandIn({ ruPerMinute: 1_000_000, listPermissions: 'forbidden' });
    try {
      const run = await phcWith(closed, dir, false)('sharepoint', 'provision', '--site', closed.site.webUrl);
      expect(run.code).toBe(0);
      expect(run.out).toMatch(/permissions could not be checked: the app may not read the permissions of "PHC Survey Responses" \(Graph answered 403/);
    } finally {
      await closed.close();
    }
  });

  it('repairs a list made by hand (missing columns, an index, the schema version) and leaves a column of the wrong type alone', async () => {
    const graph = bareGraph(sp.baseUrl);
    const made = await graph.post(`/sites/${sp.site.id}/lists`, {
      displayName: 'PHC Cycles',
      list: { template: 'genericList' },
      columns: [
        { name: 'PhcId', text: {} },
        { name: 'Threshold', text: {} },
      ],
    });
    expect(made.status).toBe(201);
    const phc = phcWith(sp, dir);
    const run = await phc('sharepoint', 'provision');
    expect(run.code).toBe(1);
    expect(run.out).toContain('index column PhcId of "PHC Cycles"');
    expect(run.out).toContain('add column Status (choice, indexed) to "PHC Cycles"');
    expect(run.out).toContain(`record schema ${SCHEMA_VERSION} on "PHC Cycles" (was none)`);
    expect(run.out).toMatch(/column Threshold is text in SharePoint but should be number; left as it is/);
    expect(run.err).toContain('need a person to decide');
    const cycles = sp.findList('PHC Cycles');
    expect(cycles?.columns.find((c) => c.name === 'PhcId')?.indexed).toBe(true);
    expect(cycles?.columns.find((c) => c.name === 'Threshold')?.type).toBe('text');

    const again = await phc('sharepoint', 'provision', '--dry-run');
    expect(again.out).not.toContain('Would make');
    expect(again.out).toContain('Nothing to change');
    expect(again.code).toBe(1);
  });

  it('upgrades a site an earlier version provisioned without updating a list (Graph documents no list update): the version goes on the key column', async () => {
    const phc = phcWith(sp, dir);
    expect((await phc('sharepoint', 'provision')).code).toBe(0);
    // As an earlier version left it: the schema version in each list's description, none on its columns.
    for (const spec of LISTS) {
      const list = sp.findList(spec.displayName);
      if (!list) throw new Error(`no ${spec.displayName}`);
      list.description = describeList(spec, 1);
      for (const c of list.columns) c.description = '';
    }
    // Until it is upgraded, the app will not write to it (columns it writes may be missing).
    const early = await phc('sharepoint', 'status');
    expect(early.code).toBe(1);
    expect(early.err).toContain('set up by an earlier version of the app: run "phc sharepoint provision');
    const run = await phc('sharepoint', 'provision');
    expect(run.err).toBe('');
    expect(run.code).toBe(0);
    expect(run.out).toContain(`record schema ${SCHEMA_VERSION} on "PHC Cycles" (was 1)`);
    for (const spec of LISTS) expect(sp.findList(spec.displayName)?.columns.find((c) => c.name === 'PhcId')?.description).toContain(`[phc-schema ${SCHEMA_VERSION}]`);
    expect((await phc('sharepoint', 'provision')).out).toContain('Nothing to change');
  });

  it('runs the app on SharePoint by configuration alone: a cycle opened with phc lands in the list', async () => {
    const phc = phcWith(sp, dir);
    const early = await phc('sharepoint', 'status');
    expect(early.code).toBe(1);
    expect(early.err).toContain('phc sharepoint provision');

    expect((await phc('sharepoint', 'provision')).code).toBe(0);
    const opened = await phc('cycle', 'open', '2026-27', '--closes', '2099-03-31');
    expect(opened.err).toBe('');
    expect(opened.code).toBe(0);
    const status = await phc('sharepoint', 'status');
    expect(status.out).toMatch(/[1-9]\d* record\(s\) waiting/);
    const sync = await phc('sharepoint', 'sync');
    expect(sync.code).toBe(0);
    expect(sync.out).toMatch(/Wrote [1-9]\d* record\(s\)/);
    const items = [...(sp.findList('PHC Cycles')?.items.values() ?? [])].map((i) => i.fields);
    expect(items).toEqual(expect.arrayContaining([expect.objectContaining({ PhcId: '2026-27', Status: 'open', Threshold: 5 })]));
    expect((await phc('sharepoint', 'status')).out).toContain('0 record(s) waiting');
  });

  it('sets aside a record SharePoint refuses, says why, and writes it once provisioning has repaired the list', async () => {
    const phc = phcWith(sp, dir);
    expect((await phc('sharepoint', 'provision')).code).toBe(0);
    // Someone edits the Status column by hand and drops "open".
    const cycles = sp.findList('PHC Cycles');
    const status = cycles?.columns.find((c) => c.name === 'Status');
    expect((await bareGraph(sp.baseUrl).patch(`/sites/${sp.site.id}/lists/${cycles?.id}/columns/${status?.id}`, { choice: { choices: ['draft', 'closed'] } })).status).toBe(200);

    expect((await phc('cycle', 'open', '2026-27', '--closes', '2099-03-31')).code).toBe(0);
    const sync = await phc('sharepoint', 'sync');
    expect(sync.out).toMatch(/1 refused/);
    const why = await phc('sharepoint', 'status');
    expect(why.out).toMatch(/1 × SharePoint refused the cycles record \(400: 'open' is not one of the choices of field 'Status'\.\); retrying will not help/);

    const repair = await phc('sharepoint', 'provision');
    expect(repair.out).toContain('add choices to Status of "PHC Cycles": draft, closed, open');
    expect((await phc('sharepoint', 'retry')).out).toContain('1 refused record(s) are back in the queue');
    expect((await phc('sharepoint', 'sync')).out).toMatch(/Wrote 1 record\(s\).*0 refused/);
    expect([...(sp.findList('PHC Cycles')?.items.values() ?? [])].filter((i) => i.fields.PhcId === '2026-27').map((i) => i.fields.Status)).toEqual(['open']);
    expect((await phc('sharepoint', 'retry')).out).toContain('Nothing was refused');
  });

  it('explains a missing credential instead of failing as a bug', async () => {
    const env = { PHC_DATA_DIR: path.join(dir, 'data'), PHC_SHAREPOINT_SITE: 'https://contoso.sharepoint.com/sites/phc' };
    let err = '';
    const code = await runCli(['sharepoint', 'provision', '--dry-run'], { out: () => undefined, err: (t) => (err += t), env, cwd: dir });
    expect(code).toBe(1);
    expect(err).toContain('PHC_GRAPH_TENANT_ID');
  });
});

describe('provisioning a tenant that throttles', () => {
  let sp: SharePointStandIn;
  afterEach(() => sp.close());

  /**
   * A stand-in whose clock moves only when provisioning sleeps, and a client that tries each
   * request once: every wait is provisioning's own, and SharePoint's minutes turn exactly
   * where it waits, however busy the machine.
   */
  async function throttling(ruPerMinute: number) {
    const clock = manualStandInClock(Date.parse('2027-01-11T09:00:00Z'));
    sp = await startSharePointStandIn({ ruPerMinute, clock, retryAfterIn: 'standIn' });
    const slept: number[] = [];
    const sleep = async (ms: number) => {
      slept.push(ms);
      clock.advance(ms);
    };
    const client = standInClient(sp, { maxAttempts: 1, sleep });
    const waits: ProvisionWait[] = [];
    const done: Step[] = [];
    const options = { sleep, onWait: (w: ProvisionWait) => waits.push(w), onStep: (step: Step) => done.push(step) };
    return { clock, client, slept, waits, done, options };
  }

  it('waits as long as SharePoint asks when it throttles (429), says so, and sends the same step again until every list is made', async () => {
    // 30 RU a minute: the lists (2 RU each to create) take several minutes, as on a small tenant.
    const { clock, client, slept, waits, done, options } = await throttling(30);
    const plan = await planForSite(client, sp.site.id);
    expect(plan.steps).toHaveLength(LISTS.length);
    await applyPlan(client, sp.site.id, plan, options);

    // Every step once, in order, and every list there as the schema says.
    expect(done).toEqual(plan.steps);
    for (const spec of LISTS) expect(sp.findList(spec.displayName)?.columns.map((c) => c.name)).toEqual(expect.arrayContaining(spec.columns.map((c) => c.name)));
    // Throttled, and each 429 waited for exactly as long as its Retry-After said, nothing more.
    expect(sp.stats.throttled.length).toBeGreaterThan(0);
    expect(waits.map((w) => [w.status, w.waitMs, w.asked])).toEqual(sp.stats.throttled.map((t) => [429, t.retryAfterSeconds * 1_000, true]));
    expect(slept).toEqual(waits.map((w) => w.waitMs));
    // Waiting kept every minute within the budget: only the throttled requests themselves went over.
    expect(Math.max(...sp.ruUsage().map((m) => m.used))).toBeLessThanOrEqual(30);
    expect(describeWait(waits[0]!)).toMatch(/^SharePoint is throttling the app \(429\): waiting \d+ s as it asked, then trying again to create list "PHC [^"]+" with \d+ columns \([^)]*\)\.$/);

    // Done: in a fresh minute, nothing is left to change.
    clock.advance(60_000);
    expect((await planForSite(client, sp.site.id)).steps).toEqual([]);
  });

  it('backs off 2 s then 4 s on 503 without Retry-After, then carries on', async () => {
    const { client, waits, done, options } = await throttling(1_000_000);
    const plan = await planForSite(client, sp.site.id);
    sp.faults.inject({ kind: 'status', status: 503 }, 2);
    await applyPlan(client, sp.site.id, plan, options);
    expect(waits.map((w) => [w.status, w.waitMs, w.asked, w.wait])).toEqual([
      [503, 2_000, false, 1],
      [503, 4_000, false, 2],
    ]);
    expect(describeWait(waits[1]!)).toMatch(/^SharePoint is too busy \(503\): waiting 4 s, then trying again to create list "PHC [^"]+" .*\(wait 2\)\.$/);
    expect(done).toEqual(plan.steps);
  });

  it('gives up in words, not a hang, when SharePoint keeps refusing or asks for a longer wait than provisioning makes, and a later run carries on', async () => {
    const { client, waits, options } = await throttling(1_000_000);
    const plan = await planForSite(client, sp.site.id);
    sp.faults.inject({ kind: 'status', status: 429, retryAfter: '5' }, 4);
    const stubborn = applyPlan(client, sp.site.id, plan, { ...options, maxWaits: 3 });
    await expect(stubborn).rejects.toThrow(SharePointError);
    await expect(stubborn).rejects.toThrow(
      /^SharePoint refused to create list "PHC [^"]+" .*\(429: Injected by the stand-in\.\)\. It was still refusing after 3 waits\. Nothing is lost: run provision again later and it carries on where it stopped\.$/,
    );
    expect(waits).toHaveLength(3);

    sp.faults.inject({ kind: 'status', status: 429, retryAfter: '3600' });
    await expect(applyPlan(client, sp.site.id, plan, options)).rejects.toThrow(/It asked to wait 3600 s, longer than provisioning waits\. Nothing is lost/);
    expect(waits).toHaveLength(3);

    // Nothing was made, and the next run makes it all.
    expect(LISTS.filter((l) => sp.findList(l.displayName))).toEqual([]);
    await applyPlan(client, sp.site.id, await planForSite(client, sp.site.id), options);
    expect((await planForSite(client, sp.site.id)).steps).toEqual([]);
  });
});
