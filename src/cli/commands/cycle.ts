import type { App } from '../../app/app';
import type { Cycle } from '../../ports/stores';
import type { CliIo } from '../io';
import { UsageError } from '../io';

export interface CycleOpenFlags {
  readonly id?: string | undefined;
  readonly closes?: string | undefined;
  readonly opens?: string | undefined;
  readonly title?: string | undefined;
  readonly threshold?: string | undefined;
  readonly 'text-threshold'?: string | undefined;
}

function wholeNumber(raw: string | undefined, flag: string): number | undefined {
  if (raw === undefined) return undefined;
  if (!/^\d+$/.test(raw)) throw new UsageError(`--${flag} takes a whole number, not "${raw}".`);
  return Number(raw);
}

function line(c: Cycle): string {
  const kind = c.kind === 'published' ? 'published history' : `threshold ${c.threshold}, comments ${c.textThreshold}`;
  return `${c.id.padEnd(12)} ${c.status.padEnd(7)} ${c.opensOn} → ${c.closesOn}  ${c.title} (${kind})`;
}

/** Runs after a cycle opens (queueing its invitations); returns a line to print and fields for --json. */
export type AfterOpen = (cycle: Cycle) => Promise<{ readonly line: string; readonly json: Readonly<Record<string, unknown>> }>;

export async function cycleCommand(io: CliIo, app: App, action: string | undefined, positional: readonly string[], flags: CycleOpenFlags & { json?: boolean | undefined }, afterOpen?: AfterOpen): Promise<void> {
  switch (action) {
    case 'open': {
      const id = flags.id ?? positional[0];
      if (!id || !flags.closes) throw new UsageError('Usage: phc cycle open <id> --closes YYYY-MM-DD [--opens YYYY-MM-DD] [--threshold 5] [--text-threshold 10] [--title "…"]');
      const threshold = wholeNumber(flags.threshold, 'threshold');
      const textThreshold = wholeNumber(flags['text-threshold'], 'text-threshold');
      const cycle = await app.cycles.open({
        id,
        closesOn: flags.closes,
        ...(flags.opens ? { opensOn: flags.opens } : {}),
        ...(flags.title ? { title: flags.title } : {}),
        ...(threshold !== undefined ? { threshold } : {}),
        ...(textThreshold !== undefined ? { textThreshold } : {}),
      });
      const after = await afterOpen?.(cycle);
      io.out(
        flags.json
          ? JSON.stringify({ ...cycle, ...after?.json })
          : [`Opened ${cycle.title} (${cycle.id}) until ${cycle.closesOn}. Results hide groups smaller than ${cycle.threshold} (comments ${cycle.textThreshold}); this cannot change now.`, ...(after ? [after.line] : [])].join('\n'),
      );
      return;
    }
    case 'close': {
      const id = flags.id ?? positional[0];
      if (!id) throw new UsageError('Usage: phc cycle close <id>');
      const cycle = await app.cycles.close(id);
      io.out(
        flags.json
          ? JSON.stringify(cycle)
          : `Closed ${cycle.title} (${cycle.id}). Results are now available: phc results --cycle ${cycle.id}\nUnsent drafts were deleted, the About you answers taken off the stored responses (the results keep what they showed), and the participation key destroyed: nobody can now tell who took part.`,
      );
      return;
    }
    case 'list': {
      const cycles = await app.cycles.list();
      io.out(flags.json ? JSON.stringify(cycles, null, 2) : cycles.map(line).join('\n'));
      return;
    }
    default:
      throw new UsageError('Usage: phc cycle open|close|list');
  }
}
