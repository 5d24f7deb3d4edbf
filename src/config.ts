import * as path from 'node:path';

/** Everything the app reads from its environment, in one place. */
export interface Config {
  /** Where the SQLite file lives. `PHC_DATA_DIR`, default `./data`. */
  readonly dataDir: string;
  /** HTTP port. `PORT`, default 3978 (the Bot Framework convention the Agents Playground expects). */
  readonly port: number;
  /** Load the fictional demo organisation on start. `PHC_DEMO`, default on with no tenant. */
  readonly demo: boolean;
}

export function readConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const port = Number(env.PORT ?? 3978);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`PORT must be a port number, not "${env.PORT}".`);
  return {
    dataDir: path.resolve(env.PHC_DATA_DIR ?? 'data'),
    port,
    demo: (env.PHC_DEMO ?? 'on') !== 'off',
  };
}
