/**
 * End to end (issue 4's "done when"): the real server process on a temporary data directory
 * with the demo organisation, and the real Microsoft 365 Agents Playground as Teams. Lynne
 * Robbins (the playground's user-id-5) is a senior practitioner who supervises three of the
 * playground's people. The server's clock is set to the day one of her practice standards
 * audits falls due: the server's reminder schedule sends her the reminder card, she opens the
 * audit from it, fills in every page of the Appendix 2 form and submits it; then
 * `phc audits status --json` on the same data directory counts it as completed on time.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { runCli } from '../../src/cli/run';
import { openRuntime } from '../../src/compose';
import { allAuditTasks } from '../../src/ports/audits';
import type { Clock } from '../../src/ports/clock';
import { startPlayground, type Playground, type PlaygroundEvent } from '../support/playground';

jest.setTimeout(180_000);

const ROOT = path.resolve(__dirname, '../..');
const LYNNE = '00000000-0000-0000-0000-0000000000025';
const YEAR = 2026;

type Json = Record<string, unknown>;

function textOf(card: unknown): string {
  const out: string[] = [];
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) node.forEach(walk);
    else if (node && typeof node === 'object') {
      const o = node as Json;
      for (const key of ['text', 'title']) if (typeof o[key] === 'string') out.push(o[key] as string);
      for (const [k, v] of Object.entries(o)) if (k !== 'data' && typeof v === 'object') walk(v);
    }
  };
  walk(card);
  return out.join('\n');
}

/** Every input of a card: id and type. */
function inputsOf(card: unknown): { id: string; type: string }[] {
  const found: { id: string; type: string }[] = [];
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) node.forEach(walk);
    else if (node && typeof node === 'object') {
      const o = node as Json;
      if (typeof o.type === 'string' && o.type.startsWith('Input.') && typeof o.id === 'string') found.push({ id: o.id, type: o.type });
      Object.values(o).forEach(walk);
    }
  };
  walk(card);
  return found;
}

/** What a supervisor fills in: every rating Yes with a comment, every text answered, no actions. */
function answersFor(card: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  for (const input of inputsOf(card)) {
    if (input.id.startsWith('q.') && input.type === 'Input.ChoiceSet') out[input.id] = 'yes';
    else if (input.id.startsWith('q.')) out[input.id] = input.id === 'q.case-identifier' ? 'Case 4471' : 'Clear, person-centred recording throughout.';
    else if (input.id.startsWith('c.')) out[input.id] = 'Discussed in supervision; well evidenced in the file.';
    else if (input.id.startsWith('n.')) out[input.id] = 'true';
  }
  return out;
}

const cardOf = (event: PlaygroundEvent | undefined): unknown => event?.attachments[0]?.content;

const fixedClock = (iso: string): Clock => ({ now: () => new Date(iso) });

async function phc(dataDir: string, clock: Clock, ...argv: string[]): Promise<string> {
  let out = '';
  let err = '';
  const code = await runCli(argv, { out: (t) => (out += t), err: (t) => (err += t), env: { PHC_DATA_DIR: dataDir }, cwd: ROOT }, clock);
  if (code !== 0) throw new Error(`phc ${argv.join(' ')} failed (${code}): ${err}`);
  return out;
}

/** `src/server/main.ts` as `npm start` runs it, on a free port, its clock started at `clockStart`. */
function startServer(dataDir: string, clockStart: string): Promise<{ child: ChildProcess; endpoint: string; output: () => string }> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/server/main.ts'], {
    cwd: ROOT,
    env: { ...process.env, PORT: '0', PHC_DATA_DIR: dataDir, MicrosoftAppId: '', PHC_CLOCK_START: clockStart },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`The server did not start in time:\n${output}`)), 60_000);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const match = /Bot endpoint: (http:\/\/localhost:\d+\/api\/messages)/.exec(output);
      if (match?.[1]) {
        clearTimeout(timer);
        resolve({ child, endpoint: match[1].replace('localhost', '127.0.0.1'), output: () => output });
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.on('exit', (code) => reject(new Error(`The server exited (${code}):\n${output}`)));
  });
}

interface StatusRow {
  key: string;
  counts: Record<string, number>;
}

async function standardsCompleted(dataDir: string, clock: Clock): Promise<number> {
  const status = JSON.parse(await phc(dataDir, clock, 'audits', 'status', '--year', String(YEAR), '--json')) as { byType: StatusRow[]; byAuditor: StatusRow[] };
  const row = status.byType.find((r) => r.key === 'practice-standards-audit');
  if (!row) throw new Error('phc audits status has no practice standards row');
  return (row.counts.completedOnTime ?? 0) + (row.counts.completedLate ?? 0);
}

const isWeekday = (date: string): boolean => {
  const day = new Date(`${date}T12:00:00Z`).getUTCDay();
  return day >= 1 && day <= 5;
};

describe('a supervisor completes a practice standards audit from a reminder in the Agents Playground', () => {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'phc-audit-e2e-'));
  let server: Awaited<ReturnType<typeof startServer>> | undefined;
  let playground: Playground | undefined;
  let taskId = '';
  let today = '';
  let clock: Clock = fixedClock(`${YEAR}-04-01T09:00:00Z`);
  let before = -1;

  beforeAll(async () => {
    await phc(dataDir, clock, 'audits', 'plan', '--year', String(YEAR));
    // One of Lynne's practice standards audits due on a working day: the server's clock starts
    // on that day, late morning (inside working hours in GMT and BST alike).
    const runtime = await openRuntime({ dataDir });
    const tasks = await allAuditTasks(runtime.audits, YEAR);
    await runtime.app.close();
    const hers = tasks.filter((t) => t.auditorId === LYNNE && t.activity === 'practice-standards-audit' && t.status === 'planned' && isWeekday(t.due)).sort((a, b) => (a.due < b.due ? -1 : 1));
    expect(hers.length).toBeGreaterThan(0);
    taskId = hers[0]!.id;
    today = hers[0]!.due;
    clock = fixedClock(`${today}T11:00:00Z`);
    before = await standardsCompleted(dataDir, clock);
    server = await startServer(dataDir, `${today}T11:00:00Z`);
    playground = await startPlayground({ botEndpoint: server.endpoint, currentUser: 'user-id-5' });
  });

  afterAll(async () => {
    await playground?.stop();
    server?.child.kill('SIGTERM');
  });

  it('gets the reminder, opens the audit from it, fills every page and submits it', async () => {
    const pg = playground!;
    expect(pg.user.aadObjectId).toBe(LYNNE);
    await pg.install();

    // The server's reminder schedule: a pass soon after start and one when her chat exists.
    const reminder = await pg.waitFor((e) => e.kind === 'message' && /Audit reminder/.test(textOf(cardOf(e))), 40_000);
    const reminderText = textOf(cardOf(reminder));
    expect(reminderText).toMatch(/Practice standards audit/);
    expect(reminderText).toMatch(/Due today/);

    // Open the audit this reminder is about (the card may list others of hers too).
    await pg.submit({ verb: 'audit.open', taskId }, reminder.messageId);
    const first = await pg.waitFor((e) => e.kind === 'message' && /Adult Services Practice Standards Audit/.test(textOf(cardOf(e))), 20_000);
    const pages = Number(/page 1 of (\d+)/.exec(textOf(cardOf(first)))?.[1]);
    // Appendix 2's 21 items, at most 6 a page: the case, then questions 1–20.
    expect(pages).toBe(5);

    // The form moves on in the same card: every page is an update of the first.
    const formId = first.messageId ?? '';
    let page = first;
    for (let n = 1; n <= pages; n++) {
      const card = cardOf(pg.latest(formId) ?? page);
      expect(textOf(card)).toMatch(new RegExp(`page ${n} of ${pages}`));
      const last = n === pages;
      await pg.submitCard(formId, { action: last ? 'Submit audit' : 'Next', inputs: answersFor(card) });
      if (!last) page = await pg.waitFor((e) => e.kind === 'update' && e.messageId === formId && new RegExp(`page ${n + 1} of ${pages}`).test(textOf(cardOf(e))), 20_000);
    }
    const sent = await pg.waitFor((e) => /Audit sent/.test(textOf(cardOf(e))), 20_000);
    expect(textOf(cardOf(sent))).toMatch(/submitted, and the audit is marked as done/);
  });

  it('phc audits status on the same data directory counts it as completed', async () => {
    expect(before).toBe(0);
    expect(await standardsCompleted(dataDir, clock)).toBe(before + 1);
    const runtime = await openRuntime({ dataDir });
    const record = await runtime.auditRecords.get(taskId as never);
    await runtime.app.close();
    expect(record?.state).toMatchObject({ status: 'submitted', leadId: LYNNE });
    expect(record?.answers.auditor?.['case-identifier']).toEqual({ kind: 'text', text: 'Case 4471' });
  });
});
