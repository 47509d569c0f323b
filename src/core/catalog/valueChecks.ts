import semver from 'semver';
import { daysInMonth } from '../dates';
import { textOrNumber } from './astRead';
import { alternativeCount, MAX_ALTERNATIVES } from '../versions';
import type { Reporter } from './reporter';
import type { AstPair } from './yamlAst';

/**
 * Checks JSON Schema cannot express. Each returns the value when it is usable and undefined
 * otherwise, reporting only what the schema check has not already reported.
 */

export function checkRange(rep: Reporter, pair: AstPair | undefined): string | undefined {
  const text = textOrNumber(pair?.value);
  if (pair === undefined || text === undefined || text === '') return undefined;
  const alternatives = alternativeCount(text);
  if (alternatives > MAX_ALTERNATIVES) {
    rep.error(pair.value.span, `\`${pair.key}\`: the range has ${alternatives} alternatives (\`||\`), more than the ${MAX_ALTERNATIVES} a range may have; merge neighbouring ones (\`>=1.0.0 <3.0.0\`) or split the entry`);
    return undefined;
  }
  if (semver.validRange(text) !== null) return text;
  rep.error(pair.value.span, `\`${pair.key}\`: \`${text}\` is not a valid version range; use npm semver syntax, e.g. \`<3.0.0\` or \`>=2.0.0 <3.0.0\``);
  return undefined;
}

/** A version, normalised: `v4.2.0` → `4.2.0`, and a short plain number `4` / `4.2` → `4.0.0` / `4.2.0`. */
export function checkVersion(rep: Reporter, pair: AstPair | undefined): string | undefined {
  const text = textOrNumber(pair?.value);
  if (pair === undefined || text === undefined || text === '') return undefined;
  const exact = semver.valid(text, { loose: true });
  if (exact !== null) return exact;
  if (/^v?\d+(\.\d+)?$/.test(text)) return semver.coerce(text)?.version;
  rep.error(pair.value.span, `\`${pair.key}\`: \`${text}\` is not a version; write an exact version such as \`4.2.0\``);
  return undefined;
}

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

/** A YYYY-MM-DD date that exists in the calendar (the schema checks the form). */
export function checkDate(rep: Reporter, pair: AstPair | undefined): string | undefined {
  const text = pair?.value.kind === 'scalar' && typeof pair.value.value === 'string' ? pair.value.value : undefined;
  const m = text === undefined ? null : /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!pair || !m) return undefined;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (mo < 1 || mo > 12) {
    rep.error(pair.value.span, `\`${pair.key}\`: ${text} is not a real date: there is no month ${m[2]}; write YYYY-MM-DD`);
    return undefined;
  }
  const days = daysInMonth(y, mo);
  if (d < 1 || d > days) {
    rep.error(pair.value.span, `\`${pair.key}\`: ${text} is not a real date: ${MONTHS[mo - 1]} ${y} has ${days} days`);
    return undefined;
  }
  return text;
}

/**
 * A webhook: https, or plain http to this machine only (a local receiver; the delivery code applies
 * the same rule, as catalog fetching does). The schema checks the form.
 */
export function checkWebhookUrl(rep: Reporter, pair: AstPair | undefined): string | undefined {
  const text = pair?.value.kind === 'scalar' && typeof pair.value.value === 'string' ? pair.value.value : undefined;
  if (text !== undefined && text.startsWith('http://')) {
    try {
      const { hostname } = new URL(text);
      if (hostname === 'localhost' || hostname === '[::1]' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(hostname)) return text;
    } catch {
      // the schema's pattern has reported it
    }
    return undefined;
  }
  return checkHttps(rep, pair);
}

/** An https link (the schema checks the scheme; this catches what URL parsing refuses). */
export function checkHttps(rep: Reporter, pair: AstPair | undefined): string | undefined {
  const text = pair?.value.kind === 'scalar' && typeof pair.value.value === 'string' ? pair.value.value : undefined;
  if (!pair || text === undefined || !text.startsWith('https://')) return undefined;
  try {
    const url = new URL(text);
    if (url.protocol === 'https:' && url.hostname !== '') return text;
  } catch {
    // reported below
  }
  rep.error(pair.value.span, `\`${pair.key}\`: \`${text}\` is not a valid https:// address`);
  return undefined;
}

export function checkRegex(rep: Reporter, pair: AstPair | undefined): string | undefined {
  const text = pair?.value.kind === 'scalar' && typeof pair.value.value === 'string' ? pair.value.value : undefined;
  if (!pair || text === undefined) return undefined;
  try {
    new RegExp(text, 'g');
    return text;
  } catch (e) {
    const why = e instanceof Error ? e.message.replace(/^Invalid regular expression: /, '') : String(e);
    rep.error(pair.value.span, `\`regex\` is not a valid JavaScript regular expression (${why}); fix it, or use \`find\` for literal text`);
    return undefined;
  }
}
