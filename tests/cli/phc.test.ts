import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { runCli } from '../../src/cli/run';
import { TestClock } from '../fixtures/testClock';

/** Runs `phc` in-process against a fresh data directory, capturing what it prints. */
function phcIn(dir: string, clock = new TestClock(new Date('2027-01-11T10:00:00Z'))) {
  return async (...argv: string[]) => {
    let out = '';
    let err = '';
    const code = await runCli(argv, { out: (t) => (out += `${t}\n`), err: (t) => (err += `${t}\n`), env: { PHC_DATA_DIR: path.join(dir, 'data') }, cwd: dir }, clock);
    return { code, out, err };
  };
}

function freshDir(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), 'phc-cli-'));
}

const GOOD_ROW = {
  role: 'social-worker',
  team: 'hospital',
  'length-of-service': '2-5',
  contract: 'permanent',
};

describe('phc results on a fresh data directory', () => {
  const phc = phcIn(freshDir());

  it('prints the 2024/25 figures with the earlier years beside them as the council published them', async () => {
    const { code, out } = await phc('results', '--cycle', '2024-25');
    expect(code).toBe(0);
    for (const line of [
      '82 respondents',
      '65% say their caseload is fair and manageable (73% in 2022, 81% in 2019, 43% in 2017)',
      '48% say they have sufficient time to work effectively with the service users on their caseload most of the time (51% in 2022, 54% in 2019, 43% in 2017)',
      'Social worker: 36 (44%)',
      'Yes: 40% (52% in 2022, 54% in 2019, 43% in 2017)',
      'Completely satisfied: 37% (19% in 2022, 35% in 2019)',
      '73% are completely or to a greater extent satisfied with the quality of supervision (84% in 2022, 80% in 2019, 69% in 2017)',
      'Average 8',
    ]) {
      expect(out).toContain(line);
    }
  });

  it('gives the documented JSON shape', async () => {
    const { code, out } = await phc('results', '--cycle', '2024-25', '--json');
    expect(code).toBe(0);
    const json = JSON.parse(out) as {
      cycle: string;
      respondents: number;
      threshold: number;
      questions: {
        id: string;
        section: string;
        text: string;
        n: number | null;
        options: { id: string; label: string; percent: number; previous: { cycle: string; percent: number }[] }[];
        headline?: { percent: number; previous: { cycle: string; percent: number }[] };
      }[];
    };
    expect(json).toMatchObject({ cycle: '2024-25', respondents: 82, threshold: 5 });
    const fair = json.questions.find((q) => q.id === 'caseload-fair');
    expect(fair).toMatchObject({ section: 'caseloads', n: null });
    expect(fair?.headline?.previous).toEqual([
      { cycle: '2022-23', year: '2022', percent: 73 },
      { cycle: '2019-20', year: '2019', percent: 81 },
      { cycle: '2017-18', year: '2017', percent: 43 },
    ]);
    const sometimes = json.questions.find((q) => q.id === 'ict-problems-care-director')?.options.find((o) => o.id === 'sometimes');
    expect(sometimes).toMatchObject({
      percent: 70,
      previous: [
        { cycle: '2022-23', percent: 71 },
        { cycle: '2017-18', percent: 35 },
      ],
    });
  });

  it('refuses a breakdown of published history, and an unknown cycle, in plain words', async () => {
    const byRole = await phc('results', '--cycle', '2024-25', '--by', 'role');
    expect(byRole).toMatchObject({ code: 1 });
    expect(byRole.err).toMatch(/published report, which has no breakdown by role/);
    const unknown = await phc('results', '--cycle', '2031-32');
    expect(unknown.code).toBe(1);
    expect(unknown.err).toMatch(/There is no cycle "2031-32". Cycles: .*2024-25/);
  });

  it('says how to use it when the command line is wrong', async () => {
    expect((await phc('results')).code).toBe(2);
    expect((await phc('results', '--cycle', '2024-25', '--by', 'shoe-size')).err).toMatch(/--by takes one of role, team, service, length-of-service/);
    expect((await phc('frobnicate')).code).toBe(2);
    expect((await phc('results', '--cycel', 'x')).code).toBe(2);
    expect((await phc('help')).out).toMatch(/phc cycle open/);
  });
});

describe('a cycle from opening to results', () => {
  const dir = freshDir();
  const clock = new TestClock(new Date('2027-01-11T10:00:00Z'));
  const phc = phcIn(dir, clock);

  function csv(rows: Record<string, string>[]): string {
    const columns = [...new Set(rows.flatMap((r) => Object.keys(r)))];
    return [columns.join(','), ...rows.map((r) => columns.map((c) => JSON.stringify(r[c] ?? '')).join(','))].join('\n');
  }

  /** A complete, valid health check answer set (every shown, required question answered). */
  async function completeAnswers(overrides: Record<string, string>): Promise<Record<string, string>> {
    const { out } = await phc('survey', 'show', 'health-check', '--json');
    const q = JSON.parse(out) as { sections: { questions: { id: string; kind: string; required: boolean; showIf?: unknown; options?: { id: string }[]; min?: number }[] }[] };
    const answers: Record<string, string> = {};
    for (const question of q.sections.flatMap((s) => s.questions)) {
      if (!question.required || question.showIf) continue;
      answers[question.id] = question.kind === 'scale' ? String(question.min ?? 0) : (question.options?.[0]?.id ?? '');
    }
    const role = overrides.role ?? GOOD_ROW.role;
    const roleQuestion: Record<string, string> = role === 'social-worker' ? { 'pcf-mapped': 'yes' } : role === 'occupational-therapist' ? { 'ot-framework-mapped': 'yes' } : {};
    return { ...answers, ...GOOD_ROW, 'care-director-trained': 'no', ...roleQuestion, ...overrides };
  }

  it('opens a cycle, refuses bad dates and thresholds, and lists it', async () => {
    expect((await phc('cycle', 'open', '2026-27', '--closes', '31/03/2027')).err).toMatch(/YYYY-MM-DD/);
    const impossible = await phc('cycle', 'open', '2026-27', '--closes', '2027-02-30');
    expect(impossible.code).toBe(1);
    expect(impossible.err).toMatch(/"2027-02-30" does not exist: February 2027 has 28 days/);
    expect((await phc('cycle', 'open', '2026-27', '--closes', '2027-03-31', '--threshold', '4')).err).toMatch(/at least 5/);
    expect((await phc('cycle', 'open', 'Bad Id', '--closes', '2027-03-31')).err).toMatch(/cannot be a cycle id/);
    const opened = await phc('cycle', 'open', '2026-27', '--closes', '2027-03-31');
    expect(opened.code).toBe(0);
    expect(opened.out).toMatch(/hide groups smaller than 5/);
    expect((await phc('cycle', 'open', 'pulse-2027-01', '--closes', '2027-02-28')).err).toMatch(/2026-27 is still open/);
    expect((await phc('cycle', 'list')).out).toMatch(/2026-27\s+open/);
  });

  it('imports nothing from a file with a bad row, and names the line and question', async () => {
    const good = await completeAnswers({});
    const file = path.join(dir, 'bad.csv');
    fs.writeFileSync(file, csv([good, { ...good, 'caseload-fair': 'sometimes' }, good, { ...good, role: 'occupational-therapist', 'ot-framework-mapped': 'yes', 'cultural-confidence': '11' }]));
    const result = await phc('responses', 'import', file, '--cycle', '2026-27');
    expect(result.code).toBe(1);
    expect(result.err).toMatch(/Nothing was imported: 2 of 4 rows have problems/);
    expect(result.err).toMatch(/line 3, column \d+ \(caseload-fair\): "My caseload is fair and manageable": "sometimes" is not one of the answers/);
    expect(result.err).toMatch(/line 5, column \d+ \(cultural-confidence\): .*11 is outside the scale/);
    expect(result.err).toMatch(/line 5, column \d+ \(pcf-mapped\): .*does not apply because it is only asked when the answer to "What is your role\?" is "Social worker"/);
    expect(result.err.match(/^ {2}line/gm)).toHaveLength(3);
    fs.writeFileSync(path.join(dir, 'cols.csv'), csv([{ ...good, shoe_size: '9' }]));
    expect((await phc('responses', 'import', 'cols.csv', '--cycle', '2026-27')).err).toMatch(/columns that are not questions .*: shoe_size/);
    fs.writeFileSync(path.join(dir, 'broken.jsonl'), `${JSON.stringify(good)}\n{not json\n`);
    expect((await phc('responses', 'import', 'broken.jsonl', '--cycle', '2026-27')).err).toMatch(/Line 2 is not valid JSON; nothing was imported/);
    expect((await phc('responses', 'import', 'missing.csv', '--cycle', '2026-27')).err).toMatch(/Cannot read/);
    expect((await phc('results', '--cycle', '2026-27')).err).toMatch(/Fewer than 5 responses so far/);
  });

  it('imports a good CSV and JSON lines file, then shows results only after the cycle closes', async () => {
    const rows: Record<string, string>[] = [];
    for (let i = 0; i < 12; i++) rows.push(await completeAnswers({ role: 'social-worker', 'career-development-help': 'secondments;job-rotation' }));
    for (let i = 0; i < 6; i++) rows.push(await completeAnswers({ role: 'occupational-therapist', team: 'occupational-therapy' }));
    fs.writeFileSync(path.join(dir, 'good.csv'), csv(rows));
    expect((await phc('responses', 'import', 'good.csv', '--cycle', '2026-27', '--dry-run')).out).toMatch(/All 18 rows are valid; nothing was imported/);
    expect((await phc('responses', 'import', 'good.csv', '--cycle', '2026-27')).out).toMatch(/Imported 18 responses/);
    const jsonl = Array.from({ length: 3 }, () => JSON.stringify({ ...rows[0], role: 'social-care-professional', 'pcf-mapped': undefined, submitted_on: '2027-01-12T16:45:00Z' })).join('\n');
    fs.writeFileSync(path.join(dir, 'more.jsonl'), jsonl);
    expect((await phc('responses', 'import', 'more.jsonl', '--cycle', '2026-27')).code).toBe(0);

    const early = await phc('results', '--cycle', '2026-27');
    expect(early.code).toBe(1);
    expect(early.err).toMatch(/results are published when it closes/);

    expect((await phc('cycle', 'close', '2026-27')).code).toBe(0);
    const results = await phc('results', '--cycle', '2026-27', '--json');
    const json = JSON.parse(results.out) as { respondents: number; questions: { id: string; n: number; options: { id: string; percent: number; previous: { cycle: string }[] }[] }[] };
    expect(json.respondents).toBe(21);
    const careerHelp = json.questions.find((q) => q.id === 'career-development-help');
    // 12 social workers + 3 from the JSON lines file answered it; the 6 OTs skipped it, so n is 15.
    expect(careerHelp?.n).toBe(15);
    expect(careerHelp?.options.find((o) => o.id === 'secondments')?.percent).toBe(percentOfRows(15, 15));
    expect(json.questions.find((q) => q.id === 'pcf-mapped')?.n).toBe(12);
    // Earlier published years sit beside the new cycle's figures.
    expect(json.questions.find((q) => q.id === 'length-of-service')?.options[0]?.previous.map((p) => p.cycle)).toEqual(['2024-25', '2022-23', '2019-20', '2017-18']);

    const byRole = await phc('results', '--cycle', '2026-27', '--by', 'role');
    // 3 social care professionals hidden, and then the OTs too, because 21 - 12 - 6 = 3
    // would reveal them. The 12 social workers would show by role alone, but all 15 in the
    // hospital team minus them are the same 3: hidden by comparing views.
    expect(byRole.out).toMatch(/Social worker: Hidden so that a smaller group cannot be worked out by comparing views/);
    expect(byRole.out).toMatch(/Occupational therapist: Hidden: showing this group would let someone work out/);
    expect(byRole.out).toMatch(/Social care professional.*: Hidden: fewer than 5/);
    const byTeam = await phc('results', '--cycle', '2026-27', '--by', 'team');
    expect(byTeam.out).toMatch(/Hospital team: 15 respondents/);
    expect(byTeam.out).toMatch(/"What is your role\?", "Which team do you work in\?", .*: Not shown inside groups/);
    // The whole cycle's role answer says why its groups are not counted.
    expect(json.questions.find((q) => q.id === 'role')?.options).toEqual([]);
    expect(await phc('results', '--cycle', '2026-27')).toMatchObject({ out: expect.stringMatching(/Social worker: Hidden so that a smaller group cannot be worked out by comparing views/) });

    const more = await phc('responses', 'import', 'good.csv', '--cycle', '2026-27');
    expect(more.err).toMatch(/2026-27 is closed/);
  });

  it('refuses to close twice or touch published history', async () => {
    expect((await phc('cycle', 'close', '2026-27')).err).toMatch(/already closed/);
    expect((await phc('cycle', 'close', '2024-25')).err).toMatch(/published history/);
  });
});

function percentOfRows(count: number, n: number): number {
  return Math.floor((200 * count + n) / (2 * n));
}

describe('npx phc', () => {
  it('runs from the package bin with no build step', () => {
    const dir = freshDir();
    const bin = path.resolve(__dirname, '../../bin/phc.js');
    const result = spawnSync(process.execPath, [bin, 'results', '--cycle', '2019-20'], { cwd: dir, env: { ...process.env, PHC_DATA_DIR: path.join(dir, 'data') }, encoding: 'utf8', timeout: 60_000 });
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    expect(result.stdout).toContain('81% say their caseload is fair and manageable (43% in 2017)');
    expect(fs.existsSync(path.join(dir, 'data', 'phc.sqlite'))).toBe(true);
    const bad = spawnSync(process.execPath, [bin, 'cycle', 'close', 'nope'], { cwd: dir, env: { ...process.env, PHC_DATA_DIR: path.join(dir, 'data') }, encoding: 'utf8', timeout: 60_000 });
    expect(bad.status).toBe(1);
    expect(bad.stderr).toMatch(/There is no cycle "nope"/);
  });
});
