import type { CycleId } from '../domain/shared/brand';

/**
 * Where the app keeps the secrets it makes itself: each cycle's participation secret (the key
 * of the HMAC that turns a person into their participation key). Kept out of the SQLite file,
 * so the file holds nothing that cannot be rebuilt from SharePoint: in Azure Key Vault when
 * one is configured (an instance rebuilt from SharePoint reads the same secrets back), else
 * in a folder beside the SQLite file (the embedded default). Never logged, never in
 * SharePoint. Errors are thrown as `SecretStoreError`s in plain words.
 */
export interface SecretStore {
  /** The secret, or undefined when there is none (never stored, or destroyed). */
  get(name: SecretName): Promise<Buffer | undefined>;
  /** Stores the secret under its name, replacing any earlier value. */
  put(name: SecretName, value: Buffer): Promise<void>;
  /**
   * Destroys the secret for good, so nothing the app can reach holds it any more (Key Vault:
   * deleted and purged). Destroying a secret that is not there does nothing.
   */
  destroy(name: SecretName): Promise<SecretDestruction>;
  /** Where the secrets are, for the start-up line and errors (never a secret). */
  readonly where: string;
}

/**
 * What destroying a secret achieved: `destroyed` when no copy is left; `scheduled` when the
 * store could only delete it and purges it itself later (a Key Vault with purge protection
 * keeps deleted secrets until its retention period ends: `purgeOn`).
 */
export type SecretDestruction = { readonly outcome: 'destroyed' } | { readonly outcome: 'scheduled'; readonly purgeOn: string };

/** A secret's name: letters, digits and dashes, 1 to 127 characters (Key Vault's rule, which the file store keeps too). */
export type SecretName = string & { readonly __brand: 'SecretName' };

const NAME = /^[0-9a-zA-Z-]{1,127}$/;

export function asSecretName(name: string): SecretName {
  if (!NAME.test(name)) throw new SecretStoreError(`"${name}" cannot name a secret: use letters, digits and dashes, at most 127 of them.`);
  return name as SecretName;
}

/**
 * The name of a cycle's participation secret. Cycle ids are lower-case letters, digits and
 * dashes already; anything else (from an older store) is written in hex so every id has one
 * name and no two share it.
 */
export function participationSecretName(cycleId: CycleId): SecretName {
  const plain = /^[a-z0-9][a-z0-9-]{0,99}$/.test(cycleId);
  return asSecretName(plain ? `phc-cycle-${cycleId}` : `phc-cycle-x-${Buffer.from(cycleId, 'utf8').toString('hex')}`);
}

export class SecretStoreError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SecretStoreError';
  }
}
