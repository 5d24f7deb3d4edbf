import { runKeyVaultSmoke } from '../../scripts/smoke-keyvault';
import { startKeyVaultStandIn } from '../support/keyVaultStandIn';

describe('npm run smoke:keyvault', () => {
  it('is skipped, saying what to set, without a vault', async () => {
    const lines: string[] = [];
    expect(await runKeyVaultSmoke({}, (l) => lines.push(l))).toBe('skipped');
    expect(lines.join('\n')).toMatch(/skipped: set PHC_SMOKE_KEY_VAULT_URL.*az login/);
    expect(await runKeyVaultSmoke({ PHC_SMOKE_KEY_VAULT_URL: 'http://phc-kv.vault.azure.net/' }, (l) => lines.push(l))).toBe('skipped');
    expect(lines.join('\n')).toMatch(/must be the vault's https address/);
  });

  it('stores, reads back and destroys a secret of its own (against the stand-in as the vault)', async () => {
    const kv = await startKeyVaultStandIn();
    try {
      const lines: string[] = [];
      expect(await runKeyVaultSmoke({ PHC_SMOKE_KEY_VAULT_URL: kv.vaultUrl }, (l) => lines.push(l), { credential: kv.credential, client: kv.clientOptions })).toBe('passed');
      expect(lines.join('\n')).toMatch(/Stored and read back phc-smoke-[0-9a-f]{12}\.[^]*Destroyed: deleted and purged/);
      expect(kv.current().size + kv.deleted().length).toBe(0);
    } finally {
      await kv.close();
    }
  });

  it('fails, saying what to grant, when the vault will not let it purge', async () => {
    const kv = await startKeyVaultStandIn({ mayPurge: false });
    try {
      const lines: string[] = [];
      expect(await runKeyVaultSmoke({ PHC_SMOKE_KEY_VAULT_URL: kv.vaultUrl }, (l) => lines.push(l), { credential: kv.credential, client: kv.clientOptions })).toBe('failed');
      expect(lines.join('\n')).toMatch(/failed: .*Key Vault Secrets Officer/);
      expect(kv.current().size).toBe(0);
    } finally {
      await kv.close();
    }
  });
});
