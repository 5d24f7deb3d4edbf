/**
 * `npm run smoke:keyvault`: an opt-in check against a real Azure Key Vault, for a council to run
 * against its vault (or a test one) from an administrator's computer signed in with `az login`
 * (or on the App Service, with `PHC_KEY_VAULT_IDENTITY=system`). It stores a random secret under
 * a name of its own, reads it back, destroys it (deleted, then purged) and checks it is gone:
 * the three things the app does with each cycle's participation secret. Skipped, saying what to
 * set, unless PHC_SMOKE_KEY_VAULT_URL is given.
 */
import { randomBytes } from 'node:crypto';
import type { TokenCredential } from '@azure/core-auth';
import type { SecretClientOptions } from '@azure/keyvault-secrets';
import { secretStoreFor } from '../src/adapters/secrets/fromConfig';
import { keyVaultSecrets } from '../src/adapters/secrets/keyVault';
import { secretsConfig } from '../src/config';
import { asSecretName } from '../src/ports/secrets';

export type SmokeOutcome = 'passed' | 'skipped' | 'failed';

/** Tests: a stand-in vault's credential and client options instead of the configured identity. */
export interface SmokeOverrides {
  readonly credential: TokenCredential;
  readonly client: SecretClientOptions;
}

export async function runKeyVaultSmoke(env: NodeJS.ProcessEnv, log: (line: string) => void, overrides?: SmokeOverrides): Promise<SmokeOutcome> {
  const url = env.PHC_SMOKE_KEY_VAULT_URL?.trim();
  if (!url) {
    log(
      'Key Vault smoke test skipped: set PHC_SMOKE_KEY_VAULT_URL to the vault (e.g. https://phc-kv.vault.azure.net/) and sign in with "az login" (or PHC_KEY_VAULT_IDENTITY=system on the App Service). It writes one secret of its own and destroys it.',
    );
    return 'skipped';
  }
  let config;
  try {
    config = secretsConfig({ PHC_KEY_VAULT_URL: url, PHC_KEY_VAULT_IDENTITY: env.PHC_KEY_VAULT_IDENTITY ?? 'cli' });
  } catch (error) {
    log(`Key Vault smoke test skipped: ${(error as Error).message}`);
    return 'skipped';
  }
  if (config.kind !== 'key-vault') return 'skipped';
  const vault = overrides ? keyVaultSecrets({ vaultUrl: config.vaultUrl, credential: overrides.credential, client: overrides.client, pollMs: 50 }) : secretStoreFor(config, '');
  const name = asSecretName(`phc-smoke-${randomBytes(6).toString('hex')}`);
  const secret = randomBytes(32);
  let stored = false;
  try {
    log(`Vault: ${config.vaultUrl}`);
    await vault.put(name, secret);
    stored = true;
    const back = await vault.get(name);
    if (!back?.equals(secret)) throw new Error('the secret read back is not the one stored');
    log(`Stored and read back ${name}.`);
    const destroyed = await vault.destroy(name);
    stored = false;
    if ((await vault.get(name)) !== undefined) throw new Error('the secret can still be read after it was destroyed');
    log(
      destroyed.outcome === 'destroyed'
        ? 'Destroyed: deleted and purged, nothing left to recover.'
        : `Deleted; the vault has purge protection and purges it on ${destroyed.purgeOn} (destroyed cycle secrets will wait the same way).`,
    );
    return 'passed';
  } catch (error) {
    log(`Key Vault smoke test failed: ${(error as Error).message}`);
    return 'failed';
  } finally {
    if (stored) await vault.destroy(name).catch(() => undefined);
  }
}

if (require.main === module) {
  void runKeyVaultSmoke(process.env, (line) => console.log(line)).then((outcome) => {
    process.exitCode = outcome === 'failed' ? 1 : 0;
  });
}
