import type { App } from '../../app/app';
import type { OutboxPlan } from '../../domain/outbox/types';
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
  /** The questionnaire to ask (default the Health Check), e.g. `supervision-spring`. */
  readonly survey?: string | undefined;
  /** `everyone`, `teams:hospital,intake` or `roles:social-worker,occupational-therapist`. */
  readonly audience?: string | undefined;
}

function wholeNumber(raw: string | undefined, flag: string): number | undefined {
  if (raw === undefined) return undefined;
  if (!/^\d+$/.test(raw)) throw new UsageError(`--${flag} takes a whole number, not "${raw}".`);
  return Number(raw);
}

function line(c: Cycle): string {
  const kind = c.kind === 'published' ? 'published history' : `threshold ${c.threshold}, comments ${c.textThreshold}${c.publishedOn ? `, results published ${c.publishedOn}` : ''}`;
  return `${c.id.padEnd(12)} ${c.status.padEnd(7)} ${c.opensOn} → ${c.closesOn}  ${c.title} (${kind})`;
}

/** Runs after a cycle opens (queueing its invitations); returns a line to print and fields for --json. */
export type AfterOpen = (cycle: Cycle) => Promise<{ readonly line: string; readonly json: Readonly<Record<string, unknown>> }>;
/** Publishes a closed cycle's results and queues "the results are out"; how many were queued. */
export type Publish = (id: string) => Promise<{ readonly cycle: Cycle; readonly notices: number }>;

export async function cycleCommand(
  io: CliIo,
  app: App,
  action: string | undefined,
  positional: readonly string[],
  flags: CycleOpenFlags & { json?: boolean | undefined },
  afterOpen?: AfterOpen,
  plan?: OutboxPlan,
  publish?: Publish,
): Promise<void> {
  switch (action) {
    case 'open': {
      const id = flags.id ?? positional[0];
      if (!id || !flags.closes)
        throw new UsageError(
          'Usage: phc cycle open <id> --closes YYYY-MM-DD [--survey <id>] [--audience everyone|teams:a,b|roles:a,b] [--opens YYYY-MM-DD] [--threshold 5] [--text-threshold 10] [--title "…"]',
        );
      const threshold = wholeNumber(flags.threshold, 'threshold');
      const textThreshold = wholeNumber(flags['text-threshold'], 'text-threshold');
      const cycle = await app.cycles.open({
        id,
        closesOn: flags.closes,
        ...(flags.opens ? { opensOn: flags.opens } : {}),
        ...(flags.title ? { title: flags.title } : {}),
        ...(threshold !== undefined ? { threshold } : {}),
        ...(textThreshold !== undefined ? { textThreshold } : {}),
        ...(flags.survey ? { surveyId: flags.survey } : {}),
        ...(flags.audience ? { audience: flags.audience } : {}),
        ...(plan ? { plan } : {}),
      });
      const after = await afterOpen?.(cycle);
      io.out(
        flags.json
          ? JSON.stringify({ ...cycle, ...after?.json })
          : [
              `Opened ${cycle.title} (${cycle.id}) until ${cycle.closesOn}. Results hide groups smaller than ${cycle.threshold} (comments ${cycle.textThreshold}); this cannot change now.`,
              ...(after ? [after.line] : []),
            ].join('\n'),
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
          : `Closed ${cycle.title} (${cycle.id}). Results are now available to the PSW, admins and the management team (phc results --cycle ${cycle.id}); publish them to staff with: phc cycle publish ${cycle.id}\nUnsent drafts were deleted, the About you answers taken off the stored responses (the results keep what they showed), and the participation key destroyed: nobody can now tell who took part.`,
      );
      return;
    }
    case 'publish': {
      const id = flags.id ?? positional[0];
      if (!id || !publish) throw new UsageError('Usage: phc cycle publish <id>');
      const { cycle, notices } = await publish(id);
      io.out(
        flags.json
          ? JSON.stringify({ ...cycle, noticesQueued: notices })
          : `Published the results of ${cycle.title} (${cycle.id}) to staff on ${cycle.publishedOn ?? ''}. ${notices} "results are out" messages queued; they go out when the server runs, or with: phc send --once`,
      );
      return;
    }
    case 'list': {
      const cycles = await app.cycles.list();
      io.out(flags.json ? JSON.stringify(cycles, null, 2) : cycles.map(line).join('\n'));
      return;
    }
    default:
      throw new UsageError('Usage: phc cycle open|close|publish|list');
  }
}
