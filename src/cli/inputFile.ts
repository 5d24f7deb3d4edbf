import * as fs from 'node:fs';
import * as path from 'node:path';
import { UserFacingError } from '../app/errors';
import type { CliIo } from './io';

/**
 * Reads a file named on the command line (relative to where `phc` runs) as UTF-8 text, or says
 * plainly why not. Bytes that are not UTF-8 are refused with their line and column, rather
 * than silently turned into "�" (a spreadsheet saved in another encoding).
 */
export function readInputFile(io: CliIo, file: string): string {
  const fullPath = path.resolve(io.cwd, file);
  let bytes: Buffer;
  try {
    bytes = fs.readFileSync(fullPath);
  } catch {
    throw new UserFacingError(`Cannot read ${fullPath}: check the file name.`);
  }
  return decodeUtf8(bytes);
}

export function decodeUtf8(bytes: Uint8Array): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    const at = firstInvalidByte(bytes);
    const before = new TextDecoder('utf-8').decode(bytes.subarray(0, at));
    const lines = before.split('\n');
    const column = (lines[lines.length - 1] ?? '').length + 1;
    throw new UserFacingError(`Line ${lines.length}, column ${column} is not UTF-8 text. Save the file as "CSV UTF-8" (or UTF-8 text) and import it again; nothing was imported.`);
  }
}

/** The offset of the first byte that cannot be UTF-8 (a streaming decoder waits for the rest of an unfinished character). */
function firstInvalidByte(bytes: Uint8Array): number {
  const fails = (n: number) => {
    try {
      new TextDecoder('utf-8', { fatal: true }).decode(bytes.subarray(0, n), { stream: true });
      return false;
    } catch {
      return true;
    }
  };
  if (!fails(bytes.length)) {
    // Only the end is wrong: a character cut short. Point at where it starts.
    let start = bytes.length - 1;
    while (start > 0 && ((bytes[start] ?? 0) & 0xc0) === 0x80) start--;
    return start;
  }
  let lo = 0;
  let hi = bytes.length;
  while (hi - lo > 1) {
    const mid = (lo + hi) >> 1;
    if (fails(mid)) hi = mid;
    else lo = mid;
  }
  // The byte that made it fail may end a character that was never going to be whole: point at its start.
  const at = hi - 1;
  let k = at - 1;
  while (k >= 0 && at - k <= 3 && ((bytes[k] ?? 0) & 0xc0) === 0x80) k--;
  return k >= 0 && at - k <= 3 && (bytes[k] ?? 0) >= 0xc0 ? k : at;
}
