export interface Io {
  stdout(text: string): void;
  stderr(text: string): void;
  readonly cwd: string;
  readonly env: NodeJS.ProcessEnv;
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
