import { globProblem } from '../globs';
import { items, str } from './astRead';
import type { Reporter } from './reporter';
import type { AstPair } from './yamlAst';

/**
 * Reports every glob of a list that the glob guard refuses (too long, nested too deep, or beyond
 * what picomatch can compile), at the glob itself. The schema checks that each is a relative path;
 * callers leave out what is reported here, as for any value that failed its check.
 */
export function checkGlobs(rep: Reporter, pair: AstPair | undefined): void {
  for (const node of items(pair?.value)) {
    const glob = str(node);
    const reason = glob === undefined ? undefined : globProblem(glob);
    if (reason !== undefined) rep.error(node.span, `\`${pair!.key}\`: ${reason}`);
  }
}
