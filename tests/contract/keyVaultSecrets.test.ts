import { randomBytes } from 'node:crypto';
import { keyVaultSecrets } from '../../src/adapters/secrets/keyVault';
import { asSecretName, participationSecretName, SecretStoreError } from '../../src/ports/secrets';
import { asCycleId } from '../../src/domain/shared/brand';
import { standInVault, startKeyVaultStandIn, type KeyVaultStandIn } from '../support/keyVaultStandIn';

/**
 * The Key Vault adapter through Microsoft's SDK, against a stand-in that answers as Key Vault's
 * REST API does (tests/support/keyVaultStandIn.ts): HTTPS, the bearer challenge, versions,
 * soft delete, purge and purge protection, throttling.
 */
describe('participation secrets in Azure Key Vault', () => {
  let kv: KeyVaultStandIn;
  afterEach(async () => kv?.close());

  const NAME = participationSecretName(asCycleId('2026-27'));

  it("stores, reads back and replaces a secret, after signing in through the vault's challenge", async () => {
    kv = await startKeyVaultStandIn();
    const vault = standInVault(kv);
    const secret = randomBytes(32);
    expect(await vault.get(NAME)).toBeUndefined();
    await vault.put(NAME, secret);
    expect(await vault.get(NAME)).toEqual(secret);
    // The vault holds the bytes as base64 text, under a name that says which cycle, never the secret.
    expect(NAME).toBe('phc-cycle-2026-27');
    expect(kv.current().get(NAME)).toBe(secret.toString('base64'));
    // The SDK met the challenge once, then sent its token with every request.
    expect(kv.stats.challenged).toBe(1);
    const replaced = randomBytes(32);
    await vault.put(NAME, replaced);
    expect(await vault.get(NAME)).toEqual(replaced);
    expect(kv.versionsOf(NAME)).toHaveLength(2);
  });

  it('destroys a secret for good: deleted, then purged, so soft delete cannot bring it back', async () => {
    kv = await startKeyVaultStandIn({ deletionLag: 2 });
    const vault = standInVault(kv);
    await vault.put(NAME, randomBytes(32));
    expect(await vault.destroy(NAME)).toEqual({ outcome: 'destroyed' });
    expect(await vault.get(NAME)).toBeUndefined();
    expect(kv.current().has(NAME)).toBe(false);
    expect(kv.deleted()).toEqual([]);
    expect(kv.versionsOf(NAME)).toEqual([]);
    // Destroying again, or a secret never stored, does nothing and says so the same way.
    expect(await vault.destroy(NAME)).toEqual({ outcome: 'destroyed' });
    expect(await vault.destroy(asSecretName('phc-cycle-never'))).toEqual({ outcome: 'destroyed' });
    // The name can be used again.
    await vault.put(NAME, Buffer.from('again'));
    expect(await vault.get(NAME)).toEqual(Buffer.from('again'));
  });

  it('says when a vault with purge protection keeps a destroyed secret until its retention ends', async () => {
    kv = await startKeyVaultStandIn({ purgeProtection: true, retentionDays: 7 });
    const vault = standInVault(kv);
    await vault.put(NAME, randomBytes(32));
    const outcome = await vault.destroy(NAME);
    const inAWeek = (ms: number) => new Date(Date.now() + ms + 7 * 86_400_000).toISOString().slice(0, 10);
    // The day Key Vault will purge it: the retention counted from the deletion (a test running across midnight may see the next day).
    expect([
      { outcome: 'scheduled', purgeOn: inAWeek(-60_000) },
      { outcome: 'scheduled', purgeOn: inAWeek(0) },
    ]).toContainEqual(outcome);
    expect(await vault.get(NAME)).toBeUndefined();
    expect(kv.deleted()).toEqual([NAME]);
    // Until then the name cannot be used again, and the refusal says why and until when.
    await expect(vault.put(NAME, randomBytes(32))).rejects.toThrow(/purge protection/);
  });

  it('refuses, in words that say what to grant, when the identity may not purge', async () => {
    kv = await startKeyVaultStandIn({ mayPurge: false });
    const vault = standInVault(kv);
    await vault.put(NAME, randomBytes(32));
    await expect(vault.destroy(NAME)).rejects.toThrow(/Key Vault Secrets Officer/);
  });

  it('refuses a credential whose token the vault does not accept, saying what to grant', async () => {
    kv = await startKeyVaultStandIn();
    const vault = keyVaultSecrets({
      vaultUrl: kv.vaultUrl,
      credential: { getToken: async () => ({ token: 'not-the-vaults', expiresOnTimestamp: Date.now() + 60_000 }) },
      client: { ...kv.clientOptions, retryOptions: { maxRetries: 0 } },
    });
    const failure = vault.get(NAME);
    await expect(failure).rejects.toBeInstanceOf(SecretStoreError);
    await expect(failure).rejects.toThrow(/refused reading the secret phc-cycle-2026-27 \(401\).*Key Vault Secrets Officer/);
  });

  it('says how to sign in when there is no identity to sign in with (no managed identity on this computer)', async () => {
    kv = await startKeyVaultStandIn();
    const noIdentity = Object.assign(new Error('ManagedIdentityCredential: no managed identity endpoint found.'), { name: 'CredentialUnavailableError' });
    const vault = keyVaultSecrets({ vaultUrl: kv.vaultUrl, credential: { getToken: async () => Promise.reject(noIdentity) }, client: { ...kv.clientOptions, retryOptions: { maxRetries: 0 } } });
    await expect(vault.get(NAME)).rejects.toThrow(/could not be used for reading the secret phc-cycle-2026-27.*az login.*PHC_KEY_VAULT_IDENTITY=cli/);
  });

  it("waits out throttling (429 with Retry-After), as the SDK's own retry policy does", async () => {
    kv = await startKeyVaultStandIn();
    const vault = standInVault(kv);
    await vault.put(NAME, Buffer.from('x'));
    kv.throttleNext(1);
    expect(await vault.get(NAME)).toEqual(Buffer.from('x'));
    expect(kv.stats.refused).toBe(2); // the challenge, and the 429
  });

  it("names every cycle's secret in Key Vault's alphabet, one name per cycle", () => {
    expect(participationSecretName(asCycleId('pulse-2026-05'))).toBe('phc-cycle-pulse-2026-05');
    const odd = participationSecretName(asCycleId('Old_Cycle 1'));
    expect(odd).toMatch(/^phc-cycle-x-[0-9a-f]+$/);
    expect(odd).not.toBe(participationSecretName(asCycleId('Old_Cycle 2')));
    expect(() => asSecretName('has space')).toThrow(/letters, digits and dashes/);
  });
});
