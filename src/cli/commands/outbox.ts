import type { InvitationPlanner, QueuedMessages } from '../../app/invitations';
import { formatResponseRate, type ResponseRateService } from '../../app/responseRate';
import { ProactiveSender, type SenderDeps, type SenderRun } from '../../app/sender';
import type { App } from '../../app/app';
import { checkCadence } from '../../domain/outbox/schedule';
import { DEFAULT_PLAN, isReminder, OUTBOX_STATUSES, type OutboxPlan, type OutboxStatus } from '../../domain/outbox/types';
import { checkWorkingHours, describeWorkingHours } from '../../domain/outbox/workingHours';
import { asCycleId } from '../../domain/shared/brand';
import type { Clock } from '../../ports/clock';
import type { OutboxProgress, OutboxStore } from '../../ports/outbox';
import type { Cycle } from '../../ports/stores';
import type { CliIo } from '../io';
import { UsageError } from '../io';

/** What the outbox commands need besides the app. */
export interface OutboxContext {
  readonly app: App;
  readonly outbox: OutboxStore;
  readonly invitations: InvitationPlanner;
  readonly responseRate: ResponseRateService;
  /** The proactive sender's ports, as the server's. */
  readonly sender: SenderDeps;
  readonly clock: Clock;
  /** Waits on `clock` (real time for the real CLI). */
  readonly sleep: (ms: number) => Promise<void>;
}

export interface PlanFlags {
  readonly 'remind-after'?: string | undefined;
  readonly 'remind-before'?: string | undefined;
  readonly 'working-hours'?: string | undefined;
}

function days(raw: string | undefined, flag: string, fallback: readonly number[]): readonly number[] {
  if (raw === undefined) return fallback;
  if (raw === 'none') return [];
  if (!/^\d+(,\d+)*$/.test(raw)) throw new UsageError(`--${flag} takes days as whole numbers separated by commas (e.g. 3,5) or "none", not "${raw}".`);
  return raw.split(',').map(Number);
}

/** The message plan from `phc cycle open` flags; refuses bad ones before anything opens. */
export function planFromFlags(flags: PlanFlags): OutboxPlan {
  const cadence = {
    afterOpening: days(flags['remind-after'], 'remind-after', DEFAULT_PLAN.cadence.afterOpening),
    beforeClosing: days(flags['remind-before'], 'remind-before', DEFAULT_PLAN.cadence.beforeClosing),
  };
  const cadenceProblem = checkCadence(cadence);
  if (cadenceProblem) throw new UsageError(cadenceProblem);
  const raw = flags['working-hours'];
  if (raw === undefined) return { cadence, workingHours: DEFAULT_PLAN.workingHours };
  if (raw === 'any') return { cadence, workingHours: null };
  const m = /^(\d{2}:\d{2})-(\d{2}:\d{2})$/.exec(raw);
  const hours = m?.[1] && m[2] ? { ...(DEFAULT_PLAN.workingHours ?? { timeZone: 'Europe/London', days: [1, 2, 3, 4, 5] }), start: m[1], end: m[2] } : undefined;
  const problem = hours ? checkWorkingHours(hours) : `--working-hours takes HH:MM-HH:MM (e.g. 08:00-18:00) or "any", not "${raw}".`;
  if (problem || !hours) throw new UsageError(problem ?? 'Bad --working-hours.');
  return { cadence, workingHours: hours };
}

const LONDON = new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/London', weekday: 'short', day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });

function when(ms: number): string {
  return LONDON.format(new Date(ms)).replace(',', '');
}

function describePlan(queued: QueuedMessages): string {
  const hours = queued.plan.workingHours;
  const reminders = queued.reminderDays.length === 0 ? 'no reminders' : `reminders on ${queued.reminderDays.map((r) => r.on).join(', ')}`;
  return `${reminders}; sent ${hours ? `on ${describeWorkingHours(hours)}` : 'at any time'}`;
}

/** After `phc cycle open`: queue the invitations and reminders; returns the line to print. */
export async function queueForCycle(ctx: OutboxContext, cycle: Cycle, plan: OutboxPlan): Promise<{ readonly line: string; readonly queued: QueuedMessages }> {
  // A pulse asks no team for its 39-steps figures: those go with the Health Check.
  const pulse = cycle.surveyId !== ctx.app.questionnaire.id;
  const queued = await ctx.invitations.queue(cycle, plan, { orgDataReturns: !pulse });
  const line =
    queued.audience === 0
      ? 'Nobody is in the directory yet, so no invitations were queued.'
      : `Queued ${queued.invitations} invitations for ${queued.audience} staff (${describePlan(queued)})${queued.orgDataReturns > 0 ? `, and ${queued.orgDataReturns} 39-steps return cards for team managers` : ''}. They go out when the server runs, or with: phc send --once`;
  return { line, queued };
}

const STATUS_WORDS: Readonly<Record<OutboxStatus, string>> = {
  queued: 'queued',
  'no-conversation': 'waiting for a conversation',
  sending: 'sending',
  sent: 'sent',
  done: 'done',
  unconfirmed: 'unconfirmed (in doubt)',
  failed: 'failed',
  cancelled: 'cancelled (cycle closed)',
};

function progressLine(p: OutboxProgress): string[] {
  const total = OUTBOX_STATUSES.reduce((n, s) => n + p.counts[s], 0);
  const label =
    p.kind === 'invitation'
      ? 'Invitations'
      : p.kind === 'org-return'
        ? '39-steps return cards (team managers)'
        : p.kind === 'results'
          ? 'Results are out'
          : `Reminder ${p.kind.slice('reminder-'.length)}`;
  const shown = OUTBOX_STATUSES.filter((s) => p.counts[s] > 0).map((s) => `${STATUS_WORDS[s]} ${p.counts[s]}`);
  const retried = !isReminder(p.kind) && p.retried > 0 ? `; ${p.retried} needed a retry` : '';
  const lines = [`  ${label} (from ${when(p.dueAt)}): ${total} — ${shown.join(', ')}${retried}`];
  for (const r of p.reasons) lines.push(`      ${STATUS_WORDS[r.status]} ${r.count}: ${r.reason}`);
  return lines;
}

/** `phc outbox status` as text. Reminders say "done", never "sent" or "skipped". */
export function formatProgress(progress: readonly OutboxProgress[], titles: ReadonlyMap<string, string>): string {
  if (progress.length === 0) return 'Nothing has been queued.';
  const lines: string[] = [];
  let cycle: string | undefined;
  for (const p of progress) {
    if (p.cycleId !== cycle) {
      cycle = p.cycleId;
      lines.push(`${titles.get(cycle) ?? cycle} (${cycle})`);
    }
    lines.push(...progressLine(p));
  }
  return lines.join('\n');
}

/** One line while sending. */
function runningLine(progress: readonly OutboxProgress[]): string {
  const sum = (pick: (p: OutboxProgress) => boolean, statuses: readonly OutboxStatus[]) => progress.filter(pick).reduce((n, p) => n + statuses.reduce((m, s) => m + p.counts[s], 0), 0);
  const inv = (p: OutboxProgress) => p.kind === 'invitation';
  const rem = (p: OutboxProgress) => isReminder(p.kind);
  const retried = progress.filter(inv).reduce((n, p) => n + p.retried, 0);
  return `Sending: invitations sent ${sum(inv, ['sent'])}, queued ${sum(inv, ['queued', 'sending'])}, retried ${retried}, failed ${sum(inv, ['failed'])}, unconfirmed ${sum(inv, ['unconfirmed'])}, waiting for a conversation ${sum(inv, ['no-conversation'])}; reminders done ${sum(rem, ['done'])}.`;
}

async function titlesOf(app: App): Promise<Map<string, string>> {
  return new Map((await app.cycles.list()).map((c) => [c.id, c.title]));
}

/** `phc outbox status [--cycle id] [--watch] [--json]` */
export async function outboxCommand(
  io: CliIo,
  ctx: OutboxContext,
  action: string | undefined,
  flags: { cycle?: string | undefined; watch?: boolean | undefined; json?: boolean | undefined },
): Promise<void> {
  if (action !== 'status') throw new UsageError('Usage: phc outbox status [--cycle <id>] [--watch] [--json]');
  const cycleId = flags.cycle === undefined ? undefined : (await ctx.app.cycles.require(flags.cycle)).id;
  const show = async () => {
    const progress = await ctx.outbox.progress(cycleId === undefined ? undefined : asCycleId(cycleId));
    io.out(flags.json ? JSON.stringify(progress, null, 2) : formatProgress(progress, await titlesOf(ctx.app)));
    return progress;
  };
  let progress = await show();
  // --watch: every 2 s until nothing is being sent or due now.
  while (flags.watch) {
    const sending = progress.some((p) => p.counts.sending > 0);
    const next = await ctx.outbox.nextDue();
    if (!sending && (next === undefined || next > ctx.clock.now().getTime())) break;
    await ctx.sleep(2000);
    progress = await show();
  }
}

function runSummary(run: SenderRun): string {
  if (run.busy) return `Another sender (${run.busy.holder}) is sending; try again after ${when(run.busy.until)}, or watch it with: phc outbox status --watch`;
  const parts = [
    `${run.invitationsSent} invitations sent`,
    `${run.remindersDone} reminders done`,
    `${run.retried} put back to retry`,
    `${run.invitationsFailed} invitations failed`,
    `${run.invitationsUnconfirmed + run.settledInDoubt} in doubt (not resent)`,
    `${run.waitingForConversation} waiting for a conversation`,
    `${run.deferred} waiting for working hours`,
    ...(run.orgDataReturnsSent + run.orgDataReturnsNotSent > 0
      ? [`${run.orgDataReturnsSent} 39-steps return cards sent to team managers (${run.orgDataReturnsNotSent} not sent: see phc outbox status)`]
      : []),
  ];
  return `Done: ${parts.join(', ')}.`;
}

/** `phc send --once`: runs the proactive sender until the queue is idle, showing progress. */
export async function sendCommand(io: CliIo, ctx: OutboxContext, flags: { once?: boolean | undefined; json?: boolean | undefined }): Promise<void> {
  if (!flags.once) throw new UsageError('Usage: phc send --once   (the server sends continuously; --once sends what is due and stops)');
  const sender = new ProactiveSender({ ...ctx.sender, sleep: ctx.sleep });
  const ticker = setInterval(() => {
    void ctx.outbox.progress().then((p) => io.out(runningLine(p)));
  }, 2000);
  let run: SenderRun;
  try {
    run = await sender.runOnce();
  } finally {
    clearInterval(ticker);
  }
  if (flags.json) {
    io.out(JSON.stringify({ run, progress: await ctx.outbox.progress() }, null, 2));
    return;
  }
  io.out(runSummary(run));
  io.out(formatProgress(await ctx.outbox.progress(), await titlesOf(ctx.app)));
}

/** `phc response-rate --cycle <id> [--json]` */
export async function responseRateCommand(io: CliIo, ctx: OutboxContext, flags: { cycle?: string | undefined; json?: boolean | undefined }): Promise<void> {
  if (!flags.cycle) throw new UsageError('Usage: phc response-rate --cycle <id> [--json]');
  const report = await ctx.responseRate.rate(flags.cycle);
  io.out(flags.json ? JSON.stringify(report, null, 2) : formatResponseRate(report));
}
