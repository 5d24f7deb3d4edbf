import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { runCli } from '../../src/cli/run';
import { composeAt } from '../support/composed';
import { TestClock } from '../fixtures/testClock';

/**
 * A pulse survey from the command line: the same registry, cycle and refusals as the tab
 * (`phc survey list|show|create`, `phc cycle open --survey … --audience …`, `phc cycle publish`).
 */
describe('phc survey and phc cycle for a pulse', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'phc-pulse-cli-'));
  const clock = new TestClock(new Date('2027-01-11T10:00:00Z'));
  const phc = async (...argv: string[]) => {
    let out = '';
    let err = '';
    const code = await runCli(argv, { out: (t) => (out += `${t}\n`), err: (t) => (err += `${t}\n`), env: { PHC_DATA_DIR: path.join(dir, 'data') }, cwd: dir }, clock);
    return { code, out, err };
  };

  it('lists the Health Check and the templates, and shows any of them', async () => {
    const list = await phc('survey', 'list');
    expect(list.code).toBe(0);
    expect(list.out).toMatch(/^health-check\s+health-check v2\s+\d+ questions {2}Adult Social Care Organisational Health Check$/m);
    expect(list.out).toMatch(/^template-you-said-we-did\s+template\s+v1\s+6 questions {2}You said, we did$/m);
    const show = await phc('survey', 'show', 'template-supervision');
    expect(show.out).toMatch(/^Supervision quality \(template-supervision, version 1, about 2 minutes\)/);
    expect(show.out).toMatch(/supervision-quality {2}How satisfied are you with the quality of your supervision\?/);
    expect((await phc('survey', 'show', 'nope')).err).toMatch(/Unknown survey "nope"\. Surveys: health-check, template-supervision/);
  });

  it('refuses a copy whose edits are wrong, keeping nothing, then makes it', async () => {
    fs.writeFileSync(
      path.join(dir, 'bad.json'),
      JSON.stringify([
        { op: 'remove', question: 'supervision-frequency' },
        { op: 'add-from-bank', question: 'care-director-training' },
      ]),
    );
    const bad = await phc('survey', 'create', 'supervision-spring', '--from', 'template-supervision', '--edits', 'bad.json');
    expect(bad.code).toBe(1);
    expect(bad.err).toMatch(/asked only after "Have you had training on Care Director\?", which this survey does not ask/);
    expect((await phc('survey', 'list')).out).not.toMatch(/supervision-spring/);

    fs.writeFileSync(
      path.join(dir, 'edits.json'),
      JSON.stringify([
        { op: 'remove', question: 'supervision-postponed' },
        { op: 'add-custom', kind: 'agree', text: 'The new supervision policy works for me' },
      ]),
    );
    const made = await phc('survey', 'create', 'supervision-spring', '--from', 'template-supervision', '--title', 'Supervision pulse, spring 2027', '--edits', 'edits.json');
    expect(made.code).toBe(0);
    expect(made.out).toMatch(/^Made Supervision pulse, spring 2027 \(supervision-spring, version 2\) from template-supervision\./);
    expect(made.out).toMatch(/own-2-1 {2}The new supervision policy works for me/);
    expect((await phc('survey', 'create', 'supervision-spring', '--from', 'template-supervision')).err).toMatch(/There is already a survey called "supervision-spring"/);
  });

  it('opens it for two teams beside the Health Check, refuses a template, an unknown team and a low threshold, and publishes it once closed', async () => {
    expect((await phc('cycle', 'open', '2026-27', '--closes', '2027-03-31')).code).toBe(0);
    const template = await phc('cycle', 'open', 'pulse-bad', '--survey', 'template-supervision', '--closes', '2027-01-29', '--audience', 'teams:hospital,atlantis', '--threshold', '4');
    expect(template.code).toBe(1);
    expect(template.err).toMatch(/^Nothing was saved: 3 things need putting right\./);
    expect(template.err).toMatch(/"Supervision quality" is a template: copy it first/);
    expect(template.err).toMatch(/"atlantis" is not a team in the directory\./);
    expect(template.err).toMatch(/The threshold must be a whole number of at least 5: smaller groups could be identified\./);
    expect((await phc('cycle', 'list')).out).not.toMatch(/pulse-bad/);

    const opened = await phc(
      'cycle',
      'open',
      'pulse-2027-01',
      '--survey',
      'supervision-spring',
      '--closes',
      '2027-01-29',
      '--audience',
      'teams:hospital,intake',
      '--threshold',
      '6',
      '--remind-after',
      '2',
      '--remind-before',
      'none',
    );
    expect(opened.code).toBe(0);
    expect(opened.out).toMatch(/^Opened Supervision pulse, spring 2027 \(pulse-2027-01\) until 2027-01-29\. Results hide groups smaller than 6/);
    expect(opened.out).not.toMatch(/39-steps/);
    const list = (await phc('cycle', 'list')).out;
    expect(list).toMatch(/2026-27\s+open/);
    expect(list).toMatch(/pulse-2027-01\s+open/);

    // Settings survive with the cycle: the audience and the reminder days are its own.
    const composed = await composeAt(path.join(dir, 'data'));
    const cycle = await composed.app.cycles.require('pulse-2027-01');
    await composed.close();
    expect(cycle).toMatchObject({
      surveyId: 'supervision-spring',
      surveyVersion: 2,
      audience: { kind: 'teams', teamIds: ['hospital', 'intake'] },
      plan: { cadence: { afterOpening: [2], beforeClosing: [] } },
    });

    expect((await phc('cycle', 'publish', 'pulse-2027-01')).err).toMatch(/is open: close it first, then publish its results/);
    clock.set('2027-01-30T10:00:00Z');
    expect((await phc('cycle', 'close', 'pulse-2027-01')).out).toMatch(/publish them to staff with: phc cycle publish pulse-2027-01/);
    const published = await phc('cycle', 'publish', 'pulse-2027-01');
    expect(published.code).toBe(0);
    expect(published.out).toMatch(/^Published the results of Supervision pulse, spring 2027 \(pulse-2027-01\) to staff on 2027-01-30\. \d+ "results are out" messages queued/);
    expect((await phc('outbox', 'status', '--cycle', 'pulse-2027-01')).out).toMatch(/Results are out/);
    expect((await phc('results', '--cycle', 'pulse-2027-01')).out).toMatch(/Hidden: no one has responded/);
  });
});
