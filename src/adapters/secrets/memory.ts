import type { SecretStore } from '../../ports/secrets';

/**
 * Secrets held in this process only, for a database held in memory only (`:memory:`): they
 * live and die together, as a data directory and the folder beside it do.
 */
export function memorySecrets(): SecretStore {
  const secrets = new Map<string, Buffer>();
  return {
    where: 'memory (this process only)',
    get: async (name) => {
      const value = secrets.get(name);
      return value === undefined ? undefined : Buffer.from(value);
    },
    put: async (name, value) => {
      secrets.set(name, Buffer.from(value));
    },
    destroy: async (name) => {
      secrets.get(name)?.fill(0);
      secrets.delete(name);
      return { outcome: 'destroyed' };
    },
  };
}
