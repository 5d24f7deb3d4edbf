import type { AuditReminderRun } from '../../app/auditReminders';
import { AuditService, describeFinding, withLeavers, type SampleReport } from '../../app/audits';
import { BUCKET_LABELS, COMPLIANCE_BUCKETS, type ComplianceRow } from '../../domain/audit/compliance';
import type { Directory } from '../../ports/directory';
import type { CliIo } from '../io';
import { UsageError } from '../io';

const USAGE = 'Usage: phc audits plan [--year 2026] [--json] | phc audits status [--year 2026] [--json] | phc audits sample [--year 2026] [--task <id>] [--json] | phc audits remind --once [--json]';

function yearFlag(raw: string | undefined): number | undefined {
  if (raw === undefined) return undefined;
  if (!/^\d{4}$/.test(raw)) throw new UsageError(`--year takes the year the council year starts in, e.g. 2026 for April 2026 – March 2027, not "${raw}".`);
  return Number(raw);
}

const span = (year: number): string => `April ${year} – March ${year + 1}`;

function rowLine(r: ComplianceRow): string {
  const counts = COMPLIANCE_BUCKETS.map((b) => `${r.counts[b]} ${BUCKET_LABELS[b].toLowerCase()}`).join(', ');
  return `  ${r.label}: ${r.summary}. ${counts}.`;
}

/** `phc audits plan|status [--year 2026] [--json]` */
export async function auditsCommand(
  io: CliIo,
  service: AuditService,
  directory: Directory,
  action: string | undefined,
  flags: { year?: string | undefined; json?: boolean | undefined; once?: boolean | undefined; task?: string | undefined },
  /** `phc audits remind --once`: sends today's audit digests through the real bot messenger. */
  remind?: () => Promise<AuditReminderRun>,
): Promise<void> {
  const year = yearFlag(flags.year);
  switch (action) {
    case 'plan': {
      const outcome = await service.plan(year);
      if (flags.json) {
        io.out(JSON.stringify(outcome, null, 2));
        return;
      }
      const people = new Map((await directory.organisation()).people.map((p) => [p.id as string, p.displayName]));
      const nameOf = (id: string): string => people.get(id) ?? id;
      const total = outcome.byActivity.reduce((n, a) => n + a.tasks, 0);
      io.out(
        [
          `Audit plan for ${outcome.year} (${span(outcome.year)}): ${total} audits in the plan; ${outcome.added} added now, ${outcome.cancelled} cancelled, ${outcome.kept} already planned and kept.`,
          ...outcome.byActivity.map((a) => `  ${a.title}: ${a.tasks}`),
          outcome.findings.length === 0 ? 'Nothing needs your attention.' : `${outcome.findings.length} ${outcome.findings.length === 1 ? 'thing needs' : 'things need'} your attention:`,
          ...outcome.findings.map((f) => `  - ${describeFinding(f, nameOf)}`),
          `Due dates were spread with seed ${outcome.seed}, recorded so the plan can be reproduced.`,
          ...(outcome.samples
            ? [
                `Staff supervision audit samples: ${outcome.samples.drawnNow} drawn now from the supervision log (audits due within 30 days), ${outcome.samples.kept} kept in all` +
                  (outcome.samples.superviseesWithoutRecords > 0
                    ? `; ${outcome.samples.superviseesWithoutRecords} ${outcome.samples.superviseesWithoutRecords === 1 ? 'supervisee has' : 'supervisees have'} no recorded supervision to sample`
                    : '') +
                  '. See "phc audits sample".',
              ]
            : []),
        ].join('\n'),
      );
      return;
    }
    case 'status': {
      const result = await service.status(year);
      const shownYear = year ?? service.yearOf();
      const samples = await service.sampleSummary(shownYear);
      if (flags.json) {
        io.out(JSON.stringify({ year: shownYear, ...result, ...(samples ? { samples } : {}) }, null, 2));
        return;
      }
      io.out(
        [
          `Audits ${shownYear} (${span(shownYear)}) as of ${result.today}: ${result.overall.summary}.`,
          'By audit type:',
          ...result.byType.map(rowLine),
          'By team (of the person audited; the auditor’s team for audits of the whole service):',
          ...result.byTeam.map(rowLine),
          'By auditor:',
          ...result.byAuditor.map(rowLine),
          result.overdue.length === 0 ? 'Nothing is overdue.' : `Overdue (${result.overdue.length}):`,
          ...result.overdue.map((o) => `  ${o.activityLabel} of ${o.subject}, by ${o.auditor}: due ${o.due}, ${o.daysOverdue} ${o.daysOverdue === 1 ? 'day' : 'days'} overdue`),
          ...(samples
            ? [
                `Staff supervision audit samples: ${samples.drawn} drawn from the supervision log, ${samples.stillToDraw} still to draw` +
                  (samples.superviseesWithoutRecords > 0
                    ? `; ${samples.superviseesWithoutRecords} ${samples.superviseesWithoutRecords === 1 ? 'supervisee has' : 'supervisees have'} no recorded supervision to sample`
                    : '') +
                  '. See "phc audits sample".',
              ]
            : []),
        ].join('\n'),
      );
      return;
    }
    case 'sample': {
      const report = await service.samples(year, flags.task);
      if (flags.json) {
        io.out(JSON.stringify(report, null, 2));
        return;
      }
      const organisation = await directory.organisation();
      const people = new Map(withLeavers(organisation, (await directory.leavers?.()) ?? []).people.map((p) => [p.id as string, p.displayName]));
      io.out(sampleLines(report, (id) => people.get(id) ?? `${id} (not in the directory)`).join('\n'));
      return;
    }
    case 'remind': {
      if (!flags.once || !remind) throw new UsageError("Usage: phc audits remind --once   (sends today's audit reminders, then stops)");
      const run = await remind();
      if (flags.json) {
        io.out(JSON.stringify(run, null, 2));
        return;
      }
      io.out(
        run.outsideWorkingHours
          ? 'Outside working hours: no audit reminders sent. Run again in working hours.'
          : `Audit reminders: ${run.sent} sent, ${run.skipped} already handled today, ${run.failed} failed${run.retryLater > 0 ? ` (${run.retryLater} to retry)` : ''}${run.settledInDoubt > 0 ? `; ${run.settledInDoubt} in doubt from an earlier run (not resent)` : ''}.`,
      );
      return;
    }
    default:
      throw new UsageError(USAGE);
  }
}

/** The samples in plain words: who was picked, from which session, and who had nothing to pick. */
export function sampleLines(report: SampleReport, nameOf: (id: string) => string): string[] {
  const lines = [
    `Staff supervision audit samples for ${report.year} (${span(report.year)}): ${report.sampled.length} drawn${report.drawnNow > 0 ? ` (${report.drawnNow} now)` : ''}, ${report.waiting.length} still to draw. Each is drawn from the supervision log with a seed derived from the plan's seed ${report.planSeed} and the audit's id, so it can be reproduced.`,
  ];
  for (const { task, sample } of report.sampled) {
    const supervisor = nameOf(sample.supervisorId);
    lines.push(
      '',
      `${supervisor}'s supervision, audited by ${nameOf(task.auditorId)} (due ${task.due}, ${task.status}; ${task.id}):`,
      `  drawn on ${sample.drawnOn} with seed ${sample.seed}, from supervision held ${sample.period.start} – ${sample.period.end}`,
    );
    if (sample.supervisees.length === 0) lines.push('  Nobody was supervised by them on that day: nothing to sample.');
    const picks = new Map(sample.picks.map((p) => [p.superviseeId as string, p]));
    for (const id of sample.supervisees) {
      const pick = picks.get(id);
      lines.push(
        pick
          ? `  ${nameOf(id)}: the supervision of ${pick.date} (${pick.id})`
          : `  ${nameOf(id)}: NO supervision held with ${supervisor} is recorded between ${sample.period.start} and ${sample.period.end}, so there is nothing to sample; record it ("phc supervision record" or the bot's quick card) or note the gap in the audit.`,
      );
    }
  }
  if (report.waiting.length > 0) {
    lines.push('', 'Not drawn yet (each is drawn when its audit is due within 30 days, or now with --task <id>):');
    lines.push(...report.waiting.map((t) => `  ${t.subject.kind === 'person' ? nameOf(t.subject.personId) : t.id}, audited by ${nameOf(t.auditorId)}: due ${t.due} (${t.id})`));
  }
  return lines;
}
