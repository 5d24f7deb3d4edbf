/**
 * End to end: the framework's messages from the bot, in the real Microsoft 365 Agents
 * Playground as Teams. The real server (src/server/main.ts, as `npm start` runs it) with its
 * clock on Monday 23 November 2026 at 11:00. Before it starts, the PSW (through the use cases
 * on the same data directory, as the tab's API calls them) schedules a focus group for the
 * hospital team and sends its invitations, and plans a thematic review whose review group
 * includes Lynne Robbins (the playground's user-id-5, a senior practitioner in the hospital
 * team), its first stage due that day. When Lynne opens the bot, the server's reminder pass
 * sends her the invitation and the stage reminder; she answers "I'll come", the card says so,
 * and the reply is stored.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { Clock } from '../../src/ports/clock';
import { composeAt } from '../support/composed';
import { startPlayground, type Playground, type PlaygroundEvent } from '../support/playground';
import { cardOf, fixedClock, LYNNE, startServer, textOf } from './auditE2e';

jest.setTimeout(180_000);

const TODAY = '2026-11-23';

describe('focus group invitations and thematic review stage reminders in the Agents Playground', () => {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'phc-framework-bot-e2e-'));
  let server: Awaited<ReturnType<typeof startServer>> | undefined;
  let playground: Playground | undefined;
  let groupId = '';
  const clock: Clock = fixedClock(`${TODAY}T11:00:00Z`);

  beforeAll(async () => {
    const phc = await composeAt(dataDir, {}, { clock });
    try {
      const organisation = await phc.directory.organisation();
      const psw = organisation.people.find((p) => p.role === 'principal-social-worker')!;
      const { focusGroups, reviews } = phc.services.framework;
      const group = await focusGroups.schedule(
        { purpose: 'health-check', date: '2026-12-03', time: '14:00', place: 'Council House, room 2', facilitatorId: psw.id, invitedTeams: ['hospital'] },
        psw.id,
      );
      const { added } = await focusGroups.invite(group.id, group.version);
      expect(added).toBeGreaterThan(5);
      groupId = group.id;
      await reviews.create(
        2026,
        3,
        {
          theme: 'Hospital discharge planning',
          scope: 'Discharges from the acute wards in the autumn.',
          objectives: 'Why some discharges are delayed, and what helps.',
          leadId: psw.id,
          reviewGroup: [LYNNE],
          stages: { scope: TODAY, research: '2027-01-15', report: '2027-02-26' },
        },
        psw.id,
      );
    } finally {
      await phc.close();
    }
    server = await startServer(dataDir, `${TODAY}T11:00:00Z`);
    playground = await startPlayground({ botEndpoint: server.endpoint, currentUser: 'user-id-5' });
  });

  afterAll(async () => {
    if (process.env.PHC_E2E_LOG)
      fs.writeFileSync(process.env.PHC_E2E_LOG, `${server?.output() ?? ''}\n---\n${fs.existsSync(playground?.logFile ?? '') ? fs.readFileSync(playground!.logFile, 'utf8') : ''}`);
    await playground?.stop();
    server?.child.kill('SIGTERM');
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('sends Lynne the invitation and the stage reminder when she opens the bot, and takes her reply', async () => {
    const pg = playground!;
    expect(pg.user.aadObjectId).toBe(LYNNE);
    await pg.install();
    // The two cards come in either order: look among everything received before waiting.
    const seen = async (match: (e: PlaygroundEvent) => boolean): Promise<PlaygroundEvent> => pg.events.find(match) ?? pg.waitFor(match, 60_000);
    const invitation = await seen((e) => e.kind === 'message' && /Focus group invitation/.test(textOf(cardOf(e))));
    const invitationText = textOf(cardOf(invitation));
    expect(invitationText).toMatch(/When: Thursday 3 December 2026 at 14:00/);
    expect(invitationText).toMatch(/Facilitator: /);
    expect(invitationText).toMatch(/nobody is named in the notes/);
    const stage = await seen((e) => e.kind === 'message' && /Thematic review: a stage is due/.test(textOf(cardOf(e))));
    expect(textOf(cardOf(stage))).toMatch(/Hospital discharge planning[\s\S]*Stage 1 of 3: Scope, agree methodology and objectives/);

    await pg.submitCard(invitation, { action: "I'll come" });
    const updated = await pg.waitFor((e) => e.kind === 'update' && e.messageId === invitation.messageId && /You said you'll come/.test(textOf(cardOf(e))), 45_000);
    expect(textOf(cardOf(updated))).toMatch(/I can't come after all/);
    await pg.settle();
    // Each once: a second reminder pass (Lynne opening the bot again) sends neither again.
    expect(pg.events.filter((e) => e.kind === 'message' && /Focus group invitation|Thematic review: a stage/.test(textOf(cardOf(e))))).toHaveLength(2);
  });

  it('stores her reply where the facilitator sees it', async () => {
    const phc = await composeAt(dataDir, {}, { clock });
    try {
      const invitation = (await phc.services.framework.focusGroups.invitations(groupId)).find((i) => i.personId === LYNNE);
      expect(invitation).toMatchObject({ reply: 'coming', repliedOn: TODAY });
    } finally {
      await phc.close();
    }
  });
});
