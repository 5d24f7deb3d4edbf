import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { startServer, type RunningServer } from '../support/appServer';

jest.setTimeout(90_000);

/**
 * The real server (`npm start`'s entry point) warms up before it listens, and holds a long queue of connections for the
 * operating system to keep while it is busy: with Node's default of 511, a whole council opening
 * the survey at once had connections dropped (tried again seconds later) or reset.
 */
describe('the server listening', () => {
  let dir: string;
  let server: RunningServer | undefined;
  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'phc-listen-'));
    server = await startServer(dir, { PHC_DEMO: 'off', PHC_DEMO_AUDITS: 'off' });
  });
  afterAll(async () => {
    await server?.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('asks the operating system to hold up to 4,096 connections (or its own ceiling, if lower)', () => {
    const port = new URL(server!.base).port;
    // `ss` shows a listening socket's backlog as its Send-Q.
    const line = execFileSync('ss', ['-ltnH', `sport = :${port}`])
      .toString()
      .trim();
    const backlog = Number(line.split(/\s+/)[2]);
    const ceiling = Number(fs.readFileSync('/proc/sys/net/core/somaxconn', 'utf8'));
    expect(backlog).toBe(Math.min(4_096, ceiling));
  });

  it('practises before it listens, and says so: turns played, each with a card back', () => {
    const line = /Warm-up: (\d+) practice turns \((\d+) surveys answered to the end\) on a private in-memory copy in [\d.]+ s(.*)\./.exec(server!.output());
    expect(line).not.toBeNull();
    // Cut short by its time limit on a busy machine, but never to nothing, and never a turn without a card.
    expect(Number(line![1])).toBeGreaterThan(100);
    expect(line![3]).toBe('');
  });
});
