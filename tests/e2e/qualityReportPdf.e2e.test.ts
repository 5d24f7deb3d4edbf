import { execFile } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { promisify } from 'node:util';
import { reportServer, reportWorld, type ReportWorld } from '../fixtures/reportWorld';

const run = promisify(execFile);
const CHROMIUM = process.env.CHROMIUM ?? '/usr/bin/chromium';
const PDFTOTEXT = '/usr/bin/pdftotext';
const hasChromium = fs.existsSync(CHROMIUM);
if (!hasChromium) console.warn(`Skipping the Quality Report PDF test: no Chromium at ${CHROMIUM} (set CHROMIUM to its path).`);

/**
 * The PSW's path end to end: the server renders /report/quarterly, headless Chromium prints
 * it to PDF as a browser would, and the PDF's own text is checked (pdftotext), so a report
 * that prints blank, loses a section or runs off A4 fails here.
 */
(hasChromium ? describe : describe.skip)('the Quarterly Quality Report printed to PDF in Chromium', () => {
  let world: ReportWorld;
  let server: Awaited<ReturnType<typeof reportServer>> | undefined;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'phc-report-pdf-'));
  const pdf = path.join(dir, 'quality-report.pdf');

  beforeAll(async () => {
    world = await reportWorld();
    server = await reportServer(world);
    await run(
      CHROMIUM,
      [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        `--user-data-dir=${path.join(dir, 'profile')}`,
        '--no-pdf-header-footer',
        `--print-to-pdf=${pdf}`,
        `${server.base}/report/quarterly?quarter=2026-Q3&persona=${server.psw}`,
      ],
      { timeout: 25_000 },
    );
  }, 30_000);

  afterAll(async () => {
    await server?.close();
    await world?.app.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('is a PDF of a few A4 pages', () => {
    const bytes = fs.readFileSync(pdf);
    expect(bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    const text = bytes.toString('latin1');
    const pages = (text.match(/\/Type\s*\/Page[^s]/g) ?? []).length;
    expect(pages).toBeGreaterThanOrEqual(1);
    expect(pages).toBeLessThanOrEqual(6);
    // A4 is 595 × 842 points.
    const box = /\/MediaBox\s*\[\s*0 0 ([\d.]+) ([\d.]+)\s*\]/.exec(text);
    expect(Math.round(Number(box?.[1]))).toBe(595);
    expect(Math.round(Number(box?.[2]))).toBe(842);
  });

  (fs.existsSync(PDFTOTEXT) ? it : it.skip)("has every section's words and figures in its text, and no one's name", async () => {
    const { stdout } = await run(PDFTOTEXT, [pdf, '-']);
    const text = stdout.replace(/\s+/g, ' ');
    for (const words of [
      'Quarterly Quality Report',
      'Quarter 3, October – December 2026',
      '1. Audit compliance',
      'Staff supervision audit',
      '2. Key themes',
      'Recording of mental capacity assessments',
      '3. Supervision frequency',
      '4. Caseloads',
      'Hospital team',
      '20.6',
      '5. Health check',
      'say their caseload is fair and manageable',
      'Health check action plan',
    ]) {
      expect(text).toContain(words);
    }
    // The demo action plan is shown, not the words for a council with none.
    expect(text).not.toContain('No action plan yet.');
    for (const person of world.organisation.people.filter((p) => p.role !== 'principal-social-worker')) expect(text).not.toContain(person.displayName);
  });
});
