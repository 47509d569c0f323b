import * as fs from 'node:fs';
import * as path from 'node:path';
import { isDate, localToday } from '../core/dates';

export interface Io {
  stdout(text: string): void;
  stderr(text: string): void;
  readonly cwd: string;
  readonly env: NodeJS.ProcessEnv;
  /**
   * The CLI's bundle, which serves report scans when started as a worker thread (reportPool.ts);
   * absent when the commands run from source or in-process, and then every scan runs here.
   */
  readonly workerScript?: string;
}

/** A mistake in how the command was called: message, usage hint, exit 2. */
export class UsageError extends Error {}

/** Runs node:util parseArgs (or any argument check), turning its errors into usage errors. */
export function orUsage<T>(parse: () => T): T {
  try {
    return parse();
  } catch (e) {
    throw new UsageError((e as Error).message.replace(/\. To specify a positional argument.*$/s, ''));
  }
}

/** `--today YYYY-MM-DD`, or the local date. */
export function todayArg(value: string | undefined): string {
  if (value !== undefined && !isDate(value)) throw new UsageError(`--today takes a date as YYYY-MM-DD, not '${value}'`);
  return value ?? localToday();
}

/** The one optional folder of a command (default `.`), absolute; it must exist. */
export function folderArg(command: string, positionals: readonly string[], cwd: string): string {
  if (positionals.length > 1) throw new UsageError(`${command} takes one folder, not ${positionals.length}`);
  const dirArg = positionals[0] ?? '.';
  const root = path.resolve(cwd, dirArg);
  if (!fs.statSync(root, { throwIfNoEntry: false })?.isDirectory()) throw new UsageError(`'${dirArg}' is not a folder`);
  return root;
}

/** An option that takes one of a few words. */
export function oneOf<T extends string>(value: string | undefined, allowed: readonly T[], flag: string): T {
  if (value !== undefined && (allowed as readonly string[]).includes(value)) return value as T;
  throw new UsageError(`${flag} takes one of ${allowed.join(', ')}; got '${value}'`);
}
