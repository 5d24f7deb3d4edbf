import * as fs from 'node:fs';
import * as path from 'node:path';
import writeFileAtomic from 'write-file-atomic';
import { SecretStoreError, type SecretDestruction, type SecretName, type SecretStore } from '../../ports/secrets';

/** Only the app's own user may list or read the folder and its files. */
const FOLDER_MODE = 0o700;
const FILE_MODE = 0o600;

/**
 * The folder of secrets beside a SQLite file: `data/phc.sqlite` keeps its secrets in
 * `data/phc.secrets/`. Beside, not inside: the SQLite file then holds nothing that cannot be
 * rebuilt, and a copy of it (a backup, a file sent for support) carries no secret.
 */
export function secretsFolderFor(databaseFile: string): string {
  const { dir, name } = path.parse(databaseFile);
  return path.join(dir, `${name}.secrets`);
}

/**
 * The embedded default: one file per secret in a folder only the app's user can open (0700,
 * files 0600), each written whole (a temporary file, flushed to disk, then renamed over the
 * old one), so a crash leaves the old secret or the new one, never half of either. One file
 * per secret rather than one file for all: the server and `phc` both create cycles, and a
 * shared file rewritten by two processes at once could lose one of them; destroying a
 * secret rewrites nothing else. A folder that others can read is refused, not used.
 */
export function localFolderSecrets(folder: string): SecretStore {
  const fileOf = (name: SecretName) => path.join(folder, name);

  const ready = (create: boolean): boolean => {
    let stat: fs.Stats;
    try {
      stat = fs.statSync(folder);
    } catch {
      if (!create) return false;
      fs.mkdirSync(folder, { recursive: true, mode: FOLDER_MODE });
      // mkdir's mode is filtered by the umask: set it as meant.
      fs.chmodSync(folder, FOLDER_MODE);
      return true;
    }
    if (!stat.isDirectory()) throw new SecretStoreError(`The secrets folder ${folder} is not a folder.`);
    if (process.platform !== 'win32' && (stat.mode & 0o077) !== 0) {
      throw new SecretStoreError(`The secrets folder ${folder} can be opened by other users of this computer; the app will not use it until only its own user can (chmod 700 "${folder}").`);
    }
    return true;
  };

  return {
    where: `the folder ${folder}`,

    async get(name) {
      if (!ready(false)) return undefined;
      try {
        const text = (await fs.promises.readFile(fileOf(name), 'utf8')).trim();
        const value = Buffer.from(text, 'base64');
        if (value.length === 0) throw new SecretStoreError(`The secret file ${fileOf(name)} is empty or damaged.`);
        return value;
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
        throw error;
      }
    },

    async put(name, value) {
      if (value.length === 0) throw new SecretStoreError('A secret cannot be empty.');
      ready(true);
      await writeFileAtomic(fileOf(name), `${value.toString('base64')}\n`, { mode: FILE_MODE, fsync: true });
    },

    async destroy(name): Promise<SecretDestruction> {
      if (!ready(false)) return { outcome: 'destroyed' };
      const file = fileOf(name);
      try {
        // Overwritten before it is unlinked, so the bytes do not linger in the file's old blocks
        // (best effort: a journalling or copy-on-write file system may keep older copies).
        const size = (await fs.promises.stat(file)).size;
        const handle = await fs.promises.open(file, 'r+');
        try {
          await handle.write(Buffer.alloc(size), 0, size, 0);
          await handle.sync();
        } finally {
          await handle.close();
        }
        await fs.promises.unlink(file);
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
      }
      return { outcome: 'destroyed' };
    },
  };
}
