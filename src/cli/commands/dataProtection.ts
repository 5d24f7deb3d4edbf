import * as os from 'node:os';
import type { DataProtectionServices } from '../../composition/services';
import { NAMED_RECORD_LABELS } from '../../domain/dataProtection/access';
import { parseHoldScope, type HoldScope } from '../../domain/dataProtection/retention';
import type { AccessLogStore } from '../../ports/accessLog';
import type { Hold } from '../../ports/retention';
import type { CliIo } from '../io';
import { UserFacingError } from '../../app/errors';
import type { DataInventory } from '../../domain/dataProtection/inventory';
import { UsageError } from '../io';
import { csvCell } from '../../domain/shared/csv';

/** Who runs `phc`: the machine's account, as the access log names a reader at the server. */
export function operator(): string {
  let name = 'unknown';
  try {
    name = os.userInfo().username;
  } catch {
    // Some containers have no passwd entry: the log still says it was phc.
  }
  return `phc:${name}`;
}

const holdLine = (h: Hold): string => `${h.id}  ${describeScope(h.scope).padEnd(30)} since ${h.placedOn} by ${h.placedBy}: ${h.reason}`;

function describeScope(s: HoldScope): string {
  return s.kind === 'person' ? `person ${s.personId}` : s.kind === 'cycle' ? `cycle ${s.cycleId}'s answers` : `all ${s.type}`;
}

export interface RetentionFlags {
  readonly json?: boolean | undefined;
  readonly 'dry-run'?: boolean | undefined;
  readonly person?: string | undefined;
  readonly cycle?: string | undefined;
  readonly type?: string | undefined;
  readonly reason?: string | undefined;
}

/** `phc retention status|run [--dry-run]|hold|release <id>`. */
export async function retentionCommand(io: CliIo, dp: DataProtectionServices, action: string | undefined, positional: readonly string[], flags: RetentionFlags): Promise<void> {
  const { retention } = dp;
  switch (action) {
    case 'status': {
      const status = await retention.status();
      if (flags.json) return io.out(JSON.stringify(status));
      const due = new Map(status.due.counts.map((c) => [c.type, c]));
      io.out(
        [
          `Retention on ${status.today}${status.schedule.some((l) => l.overridden) ? " (the council's periods where PHC_RETENTION gives them)" : " (the default periods: set PHC_RETENTION for the council's own)"}:`,
          ...status.schedule.map((l) => {
            const d = due.get(l.type);
            return `  ${l.label.padEnd(20)} ${l.period.padEnd(9)} from ${l.from}${l.overridden ? ' [council]' : ''}: ${d?.disposed ?? 0} due${d && d.held > 0 ? `, ${d.held} held` : ''} (${l.disposal})`;
          }),
          status.due.restricted > 0 ? `  ${status.due.restricted} leaver${status.due.restricted === 1 ? '' : 's'} still reachable or with messages queued: stopped at the next run.` : '',
          status.holds.length > 0 ? `Legal holds:\n${status.holds.map((h) => `  ${holdLine(h)}`).join('\n')}` : 'No legal holds.',
          status.log.length > 0
            ? `Disposal log (counts only):\n${status.log
                .slice(0, 20)
                .map((l) => `  ${l.runOn} ${l.type.padEnd(18)} ${l.action} ${l.disposed}${l.held > 0 ? `, ${l.held} held` : ''}`)
                .join('\n')}`
            : 'Nothing disposed of yet.',
        ]
          .filter((x) => x !== '')
          .join('\n'),
      );
      return;
    }
    case 'run': {
      const run = await retention.run({ dryRun: flags['dry-run'] ?? false });
      if (flags.json) return io.out(JSON.stringify(run));
      const done = run.outcome.counts.filter((c) => c.disposed > 0 || c.held > 0);
      io.out(
        [
          run.dryRun ? `Dry run on ${run.today}: nothing was changed.` : `Retention run on ${run.today}.`,
          ...run.closedOut.map((c) =>
            c.problem ? `  ${c.problem}` : `  Closed out cycle ${c.cycle}: ${c.draftsDeleted} unsent draft${c.draftsDeleted === 1 ? '' : 's'} deleted, participation key destroyed.`,
          ),
          ...(done.length === 0
            ? ['  Nothing is due.']
            : done.map(
                (c) => `  ${retention.schedule[c.type].label}: ${c.disposed} ${run.dryRun ? 'due' : retention.schedule[c.type].disposal}${c.held > 0 ? `, ${c.held} kept by a legal hold` : ''}`,
              )),
          ...(run.outcome.restricted > 0
            ? [`  ${run.outcome.restricted} leaver${run.outcome.restricted === 1 ? '' : 's'} ${run.dryRun ? 'to be' : ''} stopped: no more messages, Teams conversation forgotten.`]
            : []),
        ].join('\n'),
      );
      return;
    }
    case 'hold': {
      const scope: HoldScope | undefined = flags.person
        ? { kind: 'person', personId: flags.person }
        : flags.cycle
          ? { kind: 'cycle', cycleId: flags.cycle }
          : flags.type
            ? parseHoldScope(`type:${flags.type}`)
            : undefined;
      if (!scope || !flags.reason) throw new UsageError('Usage: phc retention hold --person <id> | --cycle <id> | --type <record type> --reason "…"');
      const hold = await retention.placeHold(scope, flags.reason, operator());
      io.out(flags.json ? JSON.stringify(hold) : `Held: ${holdLine(hold)}\nNothing it covers is disposed of until "phc retention release ${hold.id}".`);
      return;
    }
    case 'release': {
      const id = positional[0];
      if (!id) throw new UsageError('Usage: phc retention release <hold id>');
      await retention.liftHold(id);
      io.out(`Released ${id}: its records are disposed of at the next run if they are due.`);
      return;
    }
    default:
      throw new UsageError('Usage: phc retention status|run [--dry-run]|hold|release');
  }
}

/** `phc person export <id> [--json]`: everything held about a named worker. */
export async function personCommand(io: CliIo, dp: DataProtectionServices, action: string | undefined, positional: readonly string[], flags: { readonly json?: boolean | undefined }): Promise<void> {
  const id = positional[0];
  if (action !== 'export' || !id) throw new UsageError('Usage: phc person export <id> [--json]');
  const found = await dp.exports.export(id, { viewerId: operator(), via: 'phc' });
  if (flags.json) return io.out(JSON.stringify(found, null, 2));
  const p = found.person;
  io.out(
    [
      `Everything held about ${p.displayName ?? '(not in the directory)'} (${p.id})${p.leftOn ? `, left ${p.leftOn}` : ''}, ${found.madeAt}:`,
      ...found.store.flatMap((t) => [
        `${t.table} (${t.rows.length}): ${t.because
          .map((b) => b.means)
          .filter((m, i, all) => all.indexOf(m) === i)
          .join('; ')}`,
        ...t.rows.map((r) => `  ${JSON.stringify(r)}`),
      ]),
      ...(found.sharePoint.length > 0
        ? [`SharePoint (${found.sharePoint.length} items):`, ...found.sharePoint.map((i) => `  ${i.listName} ${i.itemId ?? '(waiting to be written)'}: ${JSON.stringify(i.fields)}`)]
        : []),
      'Not in this export:',
      ...found.notLinked.map((n) => `  ${n}`),
      'This export was written to the access log.',
    ].join('\n'),
  );
}

/** `phc access-log [--from …] [--to …] [--person <id>] [--format csv]`: who read or exported named records. */
export async function accessLogCommand(
  io: CliIo,
  dp: DataProtectionServices,
  log: AccessLogStore,
  flags: { readonly from?: string | undefined; readonly to?: string | undefined; readonly person?: string | undefined; readonly csv?: boolean; readonly json?: boolean | undefined },
): Promise<void> {
  const entries = await log.list({ ...(flags.from ? { from: flags.from } : {}), ...(flags.to ? { to: flags.to } : {}), ...(flags.person ? { person: flags.person } : {}), limit: 10_000 });
  await dp.access.log({ viewerId: operator(), what: 'access-log', ...(flags.person ? { subjectId: flags.person } : {}), records: entries.length, via: 'phc' });
  if (flags.json) return io.out(JSON.stringify(entries));
  if (flags.csv) {
    const line = (cells: readonly (string | number)[]) => cells.map(csvCell).join(',');
    io.out(
      [
        line(['When (UTC)', 'Who', 'Did', 'What', 'About', 'Records', 'Where']),
        ...entries.map((e) => line([e.at, e.viewerId, e.action, NAMED_RECORD_LABELS[e.what], e.subjectId ?? '', e.records, e.via])),
      ].join('\n'),
    );
    return;
  }
  io.out(
    entries.length === 0
      ? 'No reads or exports of named records in that period.'
      : entries.map((e) => `${e.at} ${e.viewerId} ${e.action} ${NAMED_RECORD_LABELS[e.what]}${e.subjectId ? ` about ${e.subjectId}` : ''} (${e.records}) via ${e.via}`).join('\n'),
  );
}

/**
 * `phc dpia pack [--json] [--out <file>]`: the data inventory and record of processing, from
 * the app's own schema and list definitions. Refused (exit 1) while any stored field is
 * unclassified, naming each.
 */
export function dpiaCommand(
  io: CliIo,
  action: string | undefined,
  flags: { readonly json?: boolean | undefined; readonly out?: string | undefined },
  made: { readonly inventory: DataInventory; readonly markdown: string },
  write: (file: string, text: string) => void,
): void {
  if (action !== 'pack') throw new UsageError('Usage: phc dpia pack [--json] [--out <file>]');
  const { inventory, markdown } = made;
  if (inventory.unclassified.length > 0) {
    throw new UserFacingError(
      `No DPIA pack: ${inventory.unclassified.length} stored field${inventory.unclassified.length === 1 ? ' has' : 's have'} not been classified (purpose, lawful basis, retention, who sees it). Classify each in src/adapters/sqlite/inventory.ts or src/adapters/sharepoint/lists/inventory.ts:`,
      [...inventory.unclassified],
    );
  }
  const text = flags.json ? JSON.stringify({ fields: inventory.rows, stale: inventory.stale }, null, 2) : markdown;
  if (flags.out) {
    write(flags.out, `${text}\n`);
    io.out(
      `Wrote the data inventory (${inventory.rows.length} fields) to ${flags.out}.${inventory.stale.length > 0 ? ` Classified but no longer stored (remove them): ${inventory.stale.join(', ')}.` : ''}`,
    );
  } else io.out(text);
}
