import {
  applyPlan,
  checkRestrictedLists,
  describePermissionCheck,
  describeStep,
  describeWait,
  planForSite,
  resolveSite,
  SCHEMA_VERSION,
  SharePointError,
  type ProvisionWait,
  type SharePointRuntime,
} from '../../adapters/sharepoint';
import { provisioningClient } from '../../composition';
import { UserFacingError } from '../../app/errors';
import { graphAppIdOf, sharepointConfig } from '../../config';
import type { CliIo } from '../io';
import { UsageError } from '../io';

export const SHAREPOINT_USAGE = 'Usage: phc sharepoint provision --site <url or id> [--dry-run] [--json] | phc sharepoint status [--json] | phc sharepoint sync [--json] | phc sharepoint retry';

/** In words an admin can act on: a configuration gap or SharePoint's refusal is not a bug. */
async function plainly<T>(fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (error) {
    if (error instanceof SharePointError || (error instanceof Error && !(error instanceof UserFacingError) && /PHC_|SharePoint|Graph|site/.test(error.message))) {
      throw new UserFacingError(error.message);
    }
    throw error;
  }
}

/**
 * `phc sharepoint provision --site <url or id> [--dry-run]`: creates or brings up to date every
 * list the app keeps records in. Safe to repeat: a second run changes nothing and says so.
 */
export async function sharepointProvision(io: CliIo, flags: { site?: string | undefined; 'dry-run'?: boolean | undefined; json?: boolean | undefined }): Promise<void> {
  await plainly(async () => {
    const config = sharepointConfig({ ...io.env, ...(flags.site ? { PHC_SHAREPOINT_SITE: flags.site } : {}) });
    const client = provisioningClient(config);
    const site = await resolveSite(client, config.site);
    const plan = await planForSite(client, site.id);
    const dryRun = flags['dry-run'] ?? false;
    // Each wait SharePoint asks for is said as it starts (on stderr with --json, so the JSON stays whole).
    const waits: string[] = [];
    const onWait = (wait: ProvisionWait) => {
      const line = describeWait(wait);
      waits.push(line);
      if (flags.json) io.err(line);
      else io.out(`  … ${line}`);
    };
    if (!dryRun) await applyPlan(client, site.id, plan, { onWait });
    const steps = plan.steps.map(describeStep);
    // The lists holding survey answers and audits must be closed to all but the app and the
    // named admins; Graph cannot do that for the app, so it is checked and said.
    const list = (value: string | undefined) =>
      (value ?? '')
        .split(',')
        .map((x) => x.trim())
        .filter((x) => x !== '');
    const permissions = await checkRestrictedLists(client, site.id, { appId: graphAppIdOf(config.credential), people: [...list(io.env.PHC_ADMINS), ...list(io.env.PHC_DATA_PROTECTION_OFFICERS)] });
    if (flags.json) {
      io.out(JSON.stringify({ site: site.id, webUrl: site.webUrl, schemaVersion: SCHEMA_VERSION, dryRun, steps, waits, conflicts: plan.conflicts, permissions }, null, 2));
    } else {
      const where = site.webUrl ?? site.id;
      if (steps.length === 0) io.out(`Nothing to change: every list on ${where} is at schema ${SCHEMA_VERSION}.`);
      else {
        io.out(dryRun ? `Would make ${steps.length} changes on ${where} (dry run, nothing changed):` : `Made ${steps.length} changes on ${where}:`);
        for (const s of steps) io.out(`  - ${s}`);
      }
      for (const c of plan.conflicts) io.out(`  ! ${c}`);
      for (const line of describePermissionCheck(permissions)) io.out(`${permissions.kind === 'restricted' ? '' : '  ! '}${line}`);
    }
    if (plan.conflicts.length > 0) throw new UserFacingError(`${plan.conflicts.length} difference(s) need a person to decide; see above.`);
  });
}

/** `phc sharepoint status`: what waits to be written, and what SharePoint refused. */
export async function sharepointStatus(io: CliIo, sharepoint: SharePointRuntime | undefined, flags: { json?: boolean | undefined }): Promise<void> {
  const runtime = requireSharePoint(sharepoint);
  const pending = runtime.writer.pending();
  if (flags.json) {
    io.out(JSON.stringify({ site: runtime.site.id, ...pending }, null, 2));
    return;
  }
  io.out(`SharePoint site ${runtime.site.webUrl ?? runtime.site.id}: ${pending.waiting} record(s) waiting to be written, ${pending.failed} refused.`);
  for (const r of pending.reasons) io.out(`  ${r.count} × ${r.reason}`);
  if (runtime.permissions) for (const line of describePermissionCheck(runtime.permissions)) io.out(line);
}

/** `phc sharepoint sync`: writes out everything waiting, then brings SharePoint's changes back, once. */
export async function sharepointSync(io: CliIo, sharepoint: SharePointRuntime | undefined, flags: { json?: boolean | undefined }): Promise<void> {
  const runtime = requireSharePoint(sharepoint);
  await plainly(async () => {
    // Held responses keep waiting for their group: an admin's sync must not undo the shuffle.
    const { report, pending, held } = await runtime.writer.drain({ force: false });
    const sync = await runtime.sync.sync();
    if (flags.json) {
      io.out(JSON.stringify({ written: report, pending, held, sync }, null, 2));
      return;
    }
    io.out(
      `Wrote ${report.written} record(s) to SharePoint in ${report.batches} batch(es); ${pending.waiting} waiting (${held} held back until enough responses can leave together), ${pending.failed} refused.`,
    );
    for (const l of sync.lists)
      io.out(
        `  ${l.list}: ${l.full ? 'read in full' : 'changes since last sync'}, ${l.items} item(s), ${l.applied} applied, ${l.removed} removed${l.uploaded > 0 ? `, ${l.uploaded} written back` : ''}`,
      );
    for (const p of sync.problems) io.out(`  ! ${p}`);
  });
}

function requireSharePoint(sharepoint: SharePointRuntime | undefined): SharePointRuntime {
  if (!sharepoint) throw new UserFacingError('SharePoint is not configured: set PHC_SHAREPOINT_SITE (docs/sharepoint.md).');
  return sharepoint;
}

/** `phc sharepoint retry`: records SharePoint refused go back in the queue, once the cause is put right. */
export async function sharepointRetry(io: CliIo, sharepoint: SharePointRuntime | undefined): Promise<void> {
  const runtime = requireSharePoint(sharepoint);
  const n = runtime.state.retryFailed();
  io.out(n === 0 ? 'Nothing was refused; nothing to retry.' : `${n} refused record(s) are back in the queue; "phc sharepoint sync" (or the server) writes them out.`);
}

export function sharepointAction(action: string | undefined): 'provision' | 'status' | 'sync' | 'retry' {
  if (action === 'provision' || action === 'status' || action === 'sync' || action === 'retry') return action;
  throw new UsageError(SHAREPOINT_USAGE);
}
