import type { Migration } from '.';
import { capture } from './sharepointCapture';

/**
 * Everything the SQLite file held that SharePoint did not, made recoverable (docs/adr/0024):
 *
 * - **Participation secrets leave the file.** They move to the secret store (Key Vault, or a
 *   folder beside the file): this migration copies each into `participation_secrets_to_move`
 *   and drops the column; the app, when it opens the file, puts each into the secret store,
 *   deletes the row (secure_delete zeroes it) and compacts the file. A migration is SQL and
 *   cannot reach the secret store itself.
 * - **Audit plans, supervision samples, teams' 39-steps returns, each cycle's message plan and
 *   every proactive message** (the survey outbox and "You said, we did" deliveries) are captured
 *   for SharePoint like the other records, so a new instance knows each year's seed and rules, what was sampled, and
 *   what was sent. The outbox is captured on what matters for sending (status, attempts, when
 *   next, why), not on a sender's lease, which changes with every claim.
 * - **A new data directory reads everything back before it serves** (`sharepoint_read_back`).
 */
export const recoverableState: Migration = {
  id: 5,
  name: 'recoverable state: participation secrets out of the file, the rest captured for SharePoint',
  sql: `
      CREATE TABLE participation_secrets_to_move (
        cycle_id TEXT NOT NULL PRIMARY KEY,
        secret BLOB NOT NULL CHECK (length(secret) > 0)
      ) STRICT, WITHOUT ROWID;
      -- A secret destroyed when its cycle closed (one zero byte, migration 4) is not a secret: it stays destroyed.
      INSERT INTO participation_secrets_to_move (cycle_id, secret)
        SELECT id, participation_secret FROM cycles WHERE participation_secret IS NOT NULL AND length(participation_secret) >= 16;
      ALTER TABLE cycles DROP COLUMN participation_secret;
      -- A row while this data directory has not yet read its records back from the site it was
      -- bound to (a new instance): it reads them before it serves anyone, and again if stopped half way.
      CREATE TABLE sharepoint_read_back (id INTEGER NOT NULL PRIMARY KEY CHECK (id = 1)) STRICT;
      ${capture('sharepoint_audit_plan_inserted', 'AFTER INSERT ON audit_plans', 'auditPlans', 'CAST(NEW.year AS TEXT)', "''")}
      ${capture('sharepoint_audit_plan_updated', 'AFTER UPDATE ON audit_plans', 'auditPlans', 'CAST(NEW.year AS TEXT)', "''")}
      ${capture('sharepoint_supervision_sample_inserted', 'AFTER INSERT ON supervision_samples', 'supervisionSamples', 'NEW.task_id', "''")}
      ${capture('sharepoint_message_plan_inserted', 'AFTER INSERT ON outbox_plans', 'messagePlans', 'NEW.cycle_id', 'NEW.cycle_id')}
      ${capture('sharepoint_message_inserted', 'AFTER INSERT ON outbox', 'messages', 'NEW.key', 'NEW.cycle_id')}
      ${capture('sharepoint_message_updated', 'AFTER UPDATE OF status, attempts, next_attempt_at, reason ON outbox', 'messages', 'NEW.key', 'NEW.cycle_id')}
      ${capture('sharepoint_update_delivery_inserted', 'AFTER INSERT ON you_said_we_did_messages', 'messages', "NEW.update_id || ':' || NEW.user_id || ':you-said-we-did'", "''")}
      ${capture('sharepoint_org_return_inserted', 'AFTER INSERT ON org_returns', 'orgDataReturns', "NEW.cycle_id || ':' || NEW.team_id", 'NEW.cycle_id')}
      ${capture('sharepoint_org_return_updated', 'AFTER UPDATE ON org_returns', 'orgDataReturns', "NEW.cycle_id || ':' || NEW.team_id", 'NEW.cycle_id')}
      ${capture('sharepoint_update_delivery_updated', 'AFTER UPDATE ON you_said_we_did_messages', 'messages', "NEW.update_id || ':' || NEW.user_id || ':you-said-we-did'", "''")}
  `,
};
