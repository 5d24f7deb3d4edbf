import type { TokenCredential } from '@azure/core-auth';
import { SecretClient, type SecretClientOptions } from '@azure/keyvault-secrets';
import { SecretStoreError, type SecretDestruction, type SecretName, type SecretStore } from '../../ports/secrets';

export interface KeyVaultSecretsOptions {
  /** The vault's URI, e.g. https://phc-kv.vault.azure.net/ (`PHC_KEY_VAULT_URL`). */
  readonly vaultUrl: string;
  /** The host's managed identity in Azure (fromConfig.ts); a fixed token against a local stand-in. */
  readonly credential: TokenCredential;
  /**
   * Passed to the SDK's client as they are. A local stand-in needs
   * `disableChallengeResourceVerification` (its challenge names vault.azure.net, not 127.0.0.1)
   * and `tlsOptions.ca` (its certificate); Azure needs neither.
   */
  readonly client?: SecretClientOptions;
  /** How often a deletion is checked until Key Vault has finished it (default 1 s). */
  readonly pollMs?: number;
}

/** What is stored with each secret: its encoding, and tags that say what it is without saying it. */
const CONTENT_TYPE = 'application/octet-stream; encoding=base64';
const TAGS = { app: 'practice-health-check', purpose: 'participation-secret' };

interface RestErrorLike {
  readonly statusCode?: number;
  readonly code?: string;
  readonly message?: string;
}

const restError = (error: unknown): RestErrorLike => (typeof error === 'object' && error !== null ? (error as RestErrorLike) : {});
const statusOf = (error: unknown): number | undefined => restError(error).statusCode;

/**
 * Participation secrets in Azure Key Vault, through Microsoft's SDK (`@azure/keyvault-secrets`,
 * its retries and challenge-based sign-in included). On App Service the credential is the
 * host's system-assigned managed identity, which needs the "Key Vault Secrets Officer" role on
 * the vault (infra/main.bicep): read, write, delete and purge secrets, nothing else.
 *
 * Destroying a secret deletes it and then purges the deleted secret, so it cannot be
 * recovered from the vault's soft-delete. A vault with purge protection refuses the purge and
 * keeps the deleted secret until its retention ends: that is reported (`scheduled`, with the
 * day Key Vault will purge it), not hidden.
 */
export function keyVaultSecrets(options: KeyVaultSecretsOptions): SecretStore {
  const client = new SecretClient(options.vaultUrl, options.credential, options.client);
  const pollMs = options.pollMs ?? 1_000;
  const describe = (error: unknown, doing: string): SecretStoreError => {
    const e = restError(error);
    const status = e.statusCode;
    if (status === 401 || status === 403) {
      return new SecretStoreError(`Key Vault (${options.vaultUrl}) refused ${doing} (${status}): give the app's managed identity the "Key Vault Secrets Officer" role on the vault.`);
    }
    // No identity to sign in with (no managed identity on this computer): say how to use one's own.
    const name = (error as { name?: unknown } | undefined)?.name;
    const signIn =
      typeof name === 'string' && /CredentialUnavailable|Authentication/.test(name) ? ' (on an administrator\'s computer, sign in with "az login" and set PHC_KEY_VAULT_IDENTITY=cli)' : '';
    return new SecretStoreError(`Key Vault (${options.vaultUrl}) could not be used for ${doing}${status ? ` (${status})` : ''}: ${e.message ?? String(error)}${signIn}`);
  };

  /** Purges a deleted secret; `scheduled` when the vault keeps it (purge protection). */
  const purge = async (name: SecretName): Promise<SecretDestruction> => {
    try {
      await client.purgeDeletedSecret(name);
      return { outcome: 'destroyed' };
    } catch (error) {
      if (statusOf(error) === 404) return { outcome: 'destroyed' };
      if (statusOf(error) === 403 && /purge protection/i.test(restError(error).message ?? '')) {
        const deleted = await client.getDeletedSecret(name);
        return { outcome: 'scheduled', purgeOn: (deleted.scheduledPurgeDate ?? new Date()).toISOString().slice(0, 10) };
      }
      throw describe(error, `purging the secret ${name}`);
    }
  };

  return {
    where: `Azure Key Vault ${options.vaultUrl}`,

    async get(name) {
      try {
        const secret = await client.getSecret(name);
        if (secret.value === undefined || secret.value === '') return undefined;
        return Buffer.from(secret.value, 'base64');
      } catch (error) {
        if (statusOf(error) === 404) return undefined;
        throw describe(error, `reading the secret ${name}`);
      }
    },

    async put(name, value) {
      if (value.length === 0) throw new SecretStoreError('A secret cannot be empty.');
      const set = () => client.setSecret(name, value.toString('base64'), { contentType: CONTENT_TYPE, tags: TAGS });
      try {
        await set();
      } catch (error) {
        // A name destroyed earlier and still waiting to be purged cannot be reused until it is.
        if (statusOf(error) !== 409) throw describe(error, `storing the secret ${name}`);
        const purged = await purge(name);
        if (purged.outcome === 'scheduled')
          throw new SecretStoreError(`The secret ${name} was destroyed and Key Vault keeps it until ${purged.purgeOn} (purge protection), so the name cannot be used again before then.`);
        try {
          await set();
        } catch (again) {
          throw describe(again, `storing the secret ${name}`);
        }
      }
    },

    async destroy(name) {
      try {
        const poller = await client.beginDeleteSecret(name, { intervalInMs: pollMs });
        await poller.pollUntilDone();
      } catch (error) {
        // Not there: never stored, or deleted before (perhaps not yet purged).
        if (statusOf(error) !== 404) throw describe(error, `deleting the secret ${name}`);
      }
      return purge(name);
    },
  };
}
