import * as fs from 'node:fs';
import * as path from 'node:path';
import { UserFacingError } from '../app/errors';
import type { CliIo } from './io';

/** Reads a file named on the command line (relative to where `phc` runs), or says plainly why not. */
export function readInputFile(io: CliIo, file: string): string {
  const fullPath = path.resolve(io.cwd, file);
  try {
    return fs.readFileSync(fullPath, 'utf8');
  } catch {
    throw new UserFacingError(`Cannot read ${fullPath}: check the file name.`);
  }
}
