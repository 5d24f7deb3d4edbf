import { parseArgs } from 'node:util';
import { UserFacingError } from '../app/errors';
import { compose, type Composition } from '../composition';
import { readConfig } from '../config';
import type { Clock } from '../ports/clock';
import { systemClock } from '../ports/clock';
import { auditsCommand } from './commands/audits';
import { runAuditRemindersOnce, type AuditReminderRun } from '../app/auditReminders';
import { allAuditTasks } from '../ports/audits';
import { supervisionCommand } from './commands/supervision';
import { mappingFrom, orgCommand } from './commands/org';
import { cycleCommand } from './commands/cycle';
import { outboxCommand, planFromFlags, queueForCycle, responseRateCommand, sendCommand, type OutboxContext } from './commands/outbox';
import { realSleep } from '../app/senderLoop';
import { responsesCommand } from './commands/responses';
import { resultsCommand } from './commands/results';
import { surveyCommand } from './commands/survey';
import { publishAndNotify } from '../app/invitations';
import { SharePointError } from '../adapters/sharepoint/site';
import { sharepointAction, sharepointProvision, sharepointRetry, sharepointStatus, sharepointSync } from './commands/sharepoint';
import { EXIT, UsageError, type CliIo } from './io';
import { caseloadsCommand } from './commands/caseloads';
import { orgDataCommand } from './commands/orgData';
import { standardsCommand } from './commands/standards';
import { reportCommand } from './commands/qualityReport';
import { accessLogCommand, dpiaCommand, personCommand, retentionCommand } from './commands/dataProtection';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { storedFieldsAndDeclarations } from '../composition';
import { dataInventory, dpiaPackMarkdown } from '../domain/dataProtection/inventory';
import { version } from '../../package.json';

export const HELP = `phc — Practice Health Check admin

  phc survey list [--json]                     the Health Check, the pulse templates and your own pulses
  phc survey show <id> [--json]                a questionnaire, with question and answer ids (e.g. health-check)
  phc survey create <id> --from <template> [--title "…"] [--edits edits.json]
                                                a pulse of your own, copied from a template (and changed as the edits say)
  phc cycle list [--json]                       cycles, newest first
  phc cycle open <id> --closes YYYY-MM-DD [--survey <id>] [--audience everyone|teams:a,b|roles:a,b] [--opens YYYY-MM-DD]
      [--threshold 5] [--text-threshold 10] [--title "…"] [--remind-after 3,5|none] [--remind-before 2|none] [--working-hours 08:00-18:00|any]
      opening queues an invitation for everyone asked, and reminders (day 3 and 5, 2 days before closing)
  phc cycle close <id>
  phc cycle publish <id>                        publish a closed cycle's results to staff, and tell them in Teams
  phc cycle status <id>                         response rate, overall and by team (same as phc response-rate)
  phc response-rate --cycle <id> [--json]       response rate; small groups hidden
  phc outbox status [--cycle <id>] [--watch] [--json]   invitations and reminders: queued, sent, retried, failed, why
  phc audits remind --once [--json]            send today's audit reminder digests, then stop
  phc send --once [--json]                      send what is due now (Teams limits, quiet hours), then stop
  phc responses import <file.csv|file.jsonl> --cycle <id> [--dry-run] [--json]
  phc results --cycle <id> [--by role|team|service|length-of-service] [--json]
  phc audits plan [--year 2026] [--json]        plan (or re-plan) the council year's audits from the directory; safe to repeat
  phc audits status [--year 2026] [--json]      audit compliance by type, team and auditor, and what is overdue
  phc audits sample [--year 2026] [--task <id>] [--json]
                                                staff supervision audit samples: one supervision record per supervisee,
                                                drawn from the supervision log (seeded, kept); --task draws that audit's now
  phc supervision record --supervisor <id> --supervisee <id> --date YYYY-MM-DD --outcome held|postponed|cancelled
                                                record a supervision (the same day again replaces the outcome)
  phc supervision frequency [--from YYYY-MM-DD] [--to YYYY-MM-DD] [--json]
                                                supervision held every month, by team (default: the last 3 whole months)
  phc org import <file.csv> [--dry-run] [--json]  import the organisation (id, display_name, role, team, service_area,
                                                line_manager_id, supervisor_id, leaving_date); all or nothing, bad rows by line
  phc org sync [--dry-run] [--force] [--json]   take the organisation from Microsoft Graph (PHC_DIRECTORY=graph) and store it;
                                                titles no rule maps are listed, leavers kept
  phc org show [--json]                         people by team and role, supervisors and how many they supervise
  phc caseloads import <file.csv> [--period 2026-07..2026-09] [--replace] [--dry-run] [--json]
                                                a Care Director export (worker, team, month, open_cases, optional
                                                complexity_weight, risk_weight, travel_weight); all or nothing
  phc caseloads report [--period …] [--as <manager id>] [--cycle <id>] [--json]
                                                averages by team and service area, spread, weights, survey beside
  phc caseloads level [<cases>]                 the level above which a worker is flagged to their own managers
  phc org-data submit <file.json|file.csv> --team <id> --as <manager id> [--cycle <id>]
                                                a team's 39-steps figures for the cycle (see phc org-data measures)
  phc org-data show [--cycle <id>] [--team <id>] [--json]   returns by team, or one team over time
  phc standards show [--cycle <id>] [--json]    a score out of 100 per employer standard (low / moderate / high)
  phc standards mapping [--json]                which questions and measures count for each standard, and how
  phc standards map <standard> [--questions caseload-fair,pcf-mapped:yes] [--measures posts-filled] [--reset]
  phc report quarterly [--quarter 2026-Q3] [--csv <dir>] [--html <file>] [--json]
                                                the Quarterly Quality Report (council quarters: Q1 = April–June)
  phc report themes add --theme "…" [--source …] [--note "…"] [--quarter …] | themes list | themes remove <id>
  phc sharepoint provision --site <url or id> [--dry-run] [--json]
                                                create or update the SharePoint lists (idempotent; --dry-run prints the plan)
  phc sharepoint status [--json]                records waiting to be written to SharePoint, and any it refused
  phc sharepoint sync [--json]                  write out what waits, then bring SharePoint's changes back, once
  phc sharepoint retry                          put records SharePoint refused back in the queue (after the cause is fixed)
  phc retention status [--json]                 the retention schedule, what is due, legal holds and the disposal log
  phc retention run [--dry-run] [--json]        close out closed cycles, then dispose of what is due (the server does it daily)
  phc retention hold --person <id> | --cycle <id> | --type <record type> --reason "…"   a legal hold: nothing it covers goes
  phc retention release <hold id>               lift a legal hold
  phc person export <id> [--json]               everything held about a member of staff (subject access); logged
  phc access-log [--from YYYY-MM-DD] [--to YYYY-MM-DD] [--person <id>] [--format csv] [--json]
                                                who read or exported named records, and when (no content); logged
  phc dpia pack [--json] [--out <file>]         the data inventory: every stored field, its purpose, lawful basis, retention

Data directory: PHC_DATA_DIR (default ./data). Exit codes: 0 done, 1 refused (the message says why), 2 wrong command line.`;

const OPTIONS = {
  json: { type: 'boolean' },
  'dry-run': { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
  cycle: { type: 'string' },
  by: { type: 'string' },
  id: { type: 'string' },
  opens: { type: 'string' },
  closes: { type: 'string' },
  title: { type: 'string' },
  threshold: { type: 'string' },
  'text-threshold': { type: 'string' },
  'remind-after': { type: 'string' },
  'remind-before': { type: 'string' },
  'working-hours': { type: 'string' },
  watch: { type: 'boolean' },
  once: { type: 'boolean' },
  year: { type: 'string' },
  supervisor: { type: 'string' },
  supervisee: { type: 'string' },
  date: { type: 'string' },
  outcome: { type: 'string' },
  from: { type: 'string' },
  to: { type: 'string' },
  period: { type: 'string' },
  replace: { type: 'boolean' },
  as: { type: 'string' },
  quarter: { type: 'string' },
  csv: { type: 'string' },
  team: { type: 'string' },
  questions: { type: 'string' },
  measures: { type: 'string' },
  theme: { type: 'string' },
  source: { type: 'string' },
  note: { type: 'string' },
  html: { type: 'string' },
  reset: { type: 'boolean' },
  site: { type: 'string' },
  force: { type: 'boolean' },
  task: { type: 'string' },
  survey: { type: 'string' },
  audience: { type: 'string' },
  edits: { type: 'string' },
  person: { type: 'string' },
  type: { type: 'string' },
  reason: { type: 'string' },
  out: { type: 'string' },
  format: { type: 'string' },
} as const;

/** The configuration, or what is wrong with it in words for the admin (not "a bug"). */
function configFrom(env: NodeJS.ProcessEnv): ReturnType<typeof readConfig> {
  try {
    return readConfig(env);
  } catch (error) {
    throw new UserFacingError(`The configuration is not usable: ${(error as Error).message}`);
  }
}

/** Runs one command; returns the exit code. Never throws. */
export async function runCli(argv: readonly string[], io: CliIo, clock: Clock = systemClock): Promise<number> {
  let phc: Composition | undefined;
  try {
    let parsed;
    try {
      parsed = parseArgs({ args: [...argv], options: OPTIONS, allowPositionals: true, strict: true });
    } catch (error) {
      throw new UsageError((error as Error).message);
    }
    const { values, positionals } = parsed;
    const [command, action, ...rest] = positionals;
    if (values.help || command === undefined || command === 'help') {
      io.out(HELP);
      return EXIT.ok;
    }
    if (command === 'dpia') {
      // From this version's own schema and lists: no data directory needed.
      const config = configFrom({ ...io.env, PHC_DATA_DIR: io.env.PHC_DATA_DIR ?? `${io.cwd}/data` });
      const { fields, declarations } = storedFieldsAndDeclarations();
      const inventory = dataInventory(fields, declarations, config.dataProtection.retention);
      const markdown = dpiaPackMarkdown(inventory, { controller: config.dataProtection.controller, contact: config.dataProtection.contact, madeOn: clock.now().toISOString().slice(0, 10), version });
      dpiaCommand(io, action, values, { inventory, markdown }, (file, text) => fs.writeFileSync(path.resolve(io.cwd, file), text));
      return EXIT.ok;
    }
    if (command === 'sharepoint' && sharepointAction(action) === 'provision') {
      await sharepointProvision(io, values);
      return EXIT.ok;
    }
    if (
      ![
        'survey',
        'sharepoint',
        'cycle',
        'responses',
        'results',
        'outbox',
        'send',
        'response-rate',
        'audits',
        'supervision',
        'org',
        'caseloads',
        'org-data',
        'standards',
        'report',
        'retention',
        'person',
        'access-log',
      ].includes(command)
    )
      throw new UsageError(`Unknown command "${command}".`);
    // Refuse a bad reminder plan before anything opens.
    const plan = command === 'cycle' && action === 'open' ? planFromFlags(values) : undefined;
    const config = configFrom({ ...io.env, PHC_DATA_DIR: io.env.PHC_DATA_DIR ?? `${io.cwd}/data` });
    // A SharePoint site that cannot be reached or has no lists yet is the admin's to fix, not a bug.
    phc = await compose(config, { clock }).catch((error: unknown) => {
      throw error instanceof SharePointError ? new UserFacingError(error.message) : error;
    });
    const { app, services, stores, reminders } = phc;
    const outbox: OutboxContext = { app, outbox: stores.operational.outbox, invitations: services.invitations, responseRate: services.responseRate, sender: phc.sender, clock, sleep: realSleep };
    if (command === 'survey') await surveyCommand(io, app.questionnaires, action, rest, values, 'phc');
    else if (command === 'cycle' && action === 'status') await responseRateCommand(io, outbox, { ...values, cycle: values.cycle ?? rest[0] });
    else if (command === 'cycle') {
      const afterOpen = async (cycle: Parameters<typeof queueForCycle>[1]) => {
        const { line, queued } = await queueForCycle(outbox, cycle, cycle.plan ?? plan ?? planFromFlags({}));
        return { line, json: { invitationsQueued: queued.invitations, remindersQueued: queued.reminders, reminderDays: queued.reminderDays } };
      };
      const directory = phc.directory;
      const publish = (id: string) => publishAndNotify(app.cycles, stores.operational.outbox, directory, clock, id);
      await cycleCommand(io, app, action, rest, values, afterOpen, plan, publish);
    } else if (command === 'outbox') await outboxCommand(io, outbox, action, values);
    else if (command === 'send') await sendCommand(io, outbox, values);
    else if (command === 'response-rate') await responseRateCommand(io, outbox, values);
    else if (command === 'responses') await responsesCommand(io, app, action, rest, values);
    else if (command === 'audits') {
      const remind = async (): Promise<AuditReminderRun> => {
        const run = await runAuditRemindersOnce({
          ...reminders,
          tasks: await allAuditTasks(stores.audits, services.audits.yearOf()),
          // The database's one-sender lease (ADR 0008): never alongside the server or another run.
          lease: { outbox: stores.operational.outbox, owner: `phc audits remind (process ${process.pid})` },
        });
        if (run.busy)
          throw new UserFacingError(
            `Nothing sent: another process is sending to Teams (${run.busy.holder}), probably the server, which sends audit reminders itself every 15 minutes. Try again after ${new Date(run.busy.until).toISOString()} if it has stopped.`,
          );
        return run;
      };
      await auditsCommand(io, services.audits, phc.directory, action, values, remind);
    } else if (command === 'org') {
      const source = phc.organisationSource;
      const mappingFile = config.directory.graph?.mappingFile;
      // The mapping file is read (and checked) only when a sync is asked for.
      await orgCommand(io, services.organisation, action, rest, values, source && (() => source(mappingFrom(io, mappingFile))));
    } else if (command === 'sharepoint') {
      const what = sharepointAction(action);
      if (what === 'retry') await sharepointRetry(io, stores.sharepoint);
      else await (what === 'status' ? sharepointStatus : sharepointSync)(io, stores.sharepoint, values);
    } else if (command === 'supervision') await supervisionCommand(io, services.supervision, action, values);
    else if (command === 'caseloads') await caseloadsCommand(io, services.reports.caseloads, action, rest, values);
    else if (command === 'org-data') await orgDataCommand(io, services.reports.orgData, action, rest, values);
    else if (command === 'standards') await standardsCommand(io, services.reports.standards, action, rest, values);
    else if (command === 'report') await reportCommand(io, services.reports.qualityReport, action, rest, values);
    else if (command === 'retention') await retentionCommand(io, services.dataProtection, action, rest, values);
    else if (command === 'person') await personCommand(io, services.dataProtection, action, rest, values);
    else if (command === 'access-log') await accessLogCommand(io, services.dataProtection, stores.accessLog, { ...values, csv: values.format === 'csv' });
    else await resultsCommand(io, app, values);
    return EXIT.ok;
  } catch (error) {
    if (error instanceof UsageError) {
      io.err(`${error.message}\n\n${HELP}`);
      return EXIT.usage;
    }
    if (error instanceof UserFacingError) {
      io.err([error.message, ...error.details.map((d) => `  ${d}`)].join('\n'));
      return EXIT.refused;
    }
    io.err(`Something went wrong that is not your fault; please report it.\n${(error as Error).stack ?? String(error)}`);
    return EXIT.internal;
  } finally {
    await phc?.close();
  }
}
