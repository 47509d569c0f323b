import { catalogInitCommand } from './catalogInit';
import { checkCommand } from './check';
import { migrateCommand } from './migrate';
import { reportCommand } from './report';
import { validateCommand } from './validate';
import { UsageError, type Io } from './io';

declare const PLATFORM_GUIDE_VERSION: string | undefined;
declare const PLATFORM_GUIDE_HOMEPAGE: string | undefined;
export const VERSION = typeof PLATFORM_GUIDE_VERSION === 'string' ? PLATFORM_GUIDE_VERSION : '0.0.0-dev';
/** package.json's `homepage`, set by esbuild.mjs like the version. */
const HOMEPAGE = typeof PLATFORM_GUIDE_HOMEPAGE === 'string' ? PLATFORM_GUIDE_HOMEPAGE : 'https://github.com/platform-guide/platform-guide';

const HELP = `Usage: platform-guide <command> [options]

Commands:
  check [DIR]               Scan DIR (default .) and print findings
      --catalog PATH_OR_URL   a catalog (repeatable); default: $PLATFORM_GUIDE_CATALOG,
                              then the catalogs: of DIR/.platform-guide.yaml
      --format text|json|sarif|codequality|markdown
                              default text (codequality: GitLab's report; markdown: a CI job summary)
      --fail-on error|warning|info|hint|never   default error
      --today YYYY-MM-DD      the date sunsets are measured against
  migrate [DIR] --migration COMPONENT/ID
                            Apply a catalog migration to every manifest in DIR whose
                            version of COMPONENT lies in the migration's from
      --dry-run               write nothing; print a unified diff (summary on stderr)
      --catalog, --today      as for check
  report DIR_OR_SNAPSHOT...  Adoption across repositories: each DIR that holds a .git, or
                            each subfolder of DIR that does; .json snapshots are merged
      --format json|markdown|csv|html     default json (the snapshot to merge later)
      --out FILE              write there instead of stdout
      --history DIR           earlier snapshots (*.json in DIR): adoption over time, burndowns
      --since DATE --every N(d|w)         past points read from each repository's git history
      --jobs N                repositories scanned at once; default one per core
      --fail-on, --catalog, --today       as for check
  catalog validate FILE...  Validate catalogs and their cross-references
  catalog init [DIR] --owner TEAM --match PATTERN...
                            Write a starter catalog: one component per package of DIR that a
                            PATTERN (repeatable, e.g. '@acme/*') matches, versions in use as comments
      --out FILE              write there instead of stdout (an existing FILE only with --force)

Options:
  -h, --help                this help
  -v, --version             the version

Exit codes: check, report: 0 nothing at or above --fail-on, 1 something is; migrate, catalog init:
0 done, 1 nothing matched; all: 2 usage error or invalid catalog.
`;

/** The whole command line, testable in-process; main.ts only wires it to the real process. */
export async function runCli(argv: readonly string[], io: Io): Promise<number> {
  try {
    const [command, ...rest] = argv;
    switch (command) {
      case undefined:
      case '-h':
      case '--help':
      case 'help':
        io.stdout(HELP);
        return command === undefined ? 2 : 0;
      case '-v':
      case '--version':
        io.stdout(`${VERSION}\n`);
        return 0;
      case 'check':
        return await checkCommand(rest, io, { version: VERSION, informationUri: HOMEPAGE });
      case 'migrate':
        return await migrateCommand(rest, io);
      case 'report':
        return await reportCommand(rest, io);
      case 'catalog': {
        const [sub, ...files] = rest;
        if (sub === 'init') return await catalogInitCommand(files, io);
        if (sub !== 'validate') throw new UsageError(`unknown catalog command '${sub ?? ''}': use 'catalog validate FILE...' or 'catalog init [DIR] --owner TEAM --match PATTERN...'`);
        return await validateCommand(files, io);
      }
      default:
        throw new UsageError(`unknown command '${command}'`);
    }
  } catch (e) {
    if (e instanceof UsageError) {
      io.stderr(`platform-guide: ${e.message}\nRun 'platform-guide --help' for usage.\n`);
      return 2;
    }
    throw e;
  }
}
