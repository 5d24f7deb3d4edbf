/** Where a command writes. Tests pass buffers; the real CLI passes the process streams. */
export interface CliIo {
  out(text: string): void;
  err(text: string): void;
  readonly env: NodeJS.ProcessEnv;
  readonly cwd: string;
}

export const EXIT = {
  ok: 0,
  /** The input was refused (bad file, unknown cycle, closed cycle…): the message says why. */
  refused: 1,
  /** The command line itself was wrong. */
  usage: 2,
  /** A bug: reported with its stack for the developers. */
  internal: 70,
} as const;

export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}
