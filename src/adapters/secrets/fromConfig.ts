import { AzureCliCredential, ManagedIdentityCredential } from '@azure/identity';
import type { SecretsConfig } from '../../config';
import type { SecretStore } from '../../ports/secrets';
import { keyVaultSecrets } from './keyVault';
import { localFolderSecrets, secretsFolderFor } from './localFolder';

/**
 * The secret store configuration picks: Azure Key Vault signed in as the host's managed
 * identity (or the Azure CLI's sign-in, from an administrator's computer), else the folder
 * beside the SQLite file.
 */
export function secretStoreFor(config: SecretsConfig, databaseFile: string): SecretStore {
  if (config.kind === 'local') return localFolderSecrets(secretsFolderFor(databaseFile));
  const credential =
    config.identity.kind === 'cli'
      ? new AzureCliCredential()
      : config.identity.clientId === undefined
        ? new ManagedIdentityCredential()
        : new ManagedIdentityCredential({ clientId: config.identity.clientId });
  return keyVaultSecrets({ vaultUrl: config.vaultUrl, credential });
}
