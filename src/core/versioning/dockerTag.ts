import * as semver from 'semver';
import type { NormalisedVersion } from '../versions';
import type { Versioning } from './types';

/**
 * A docker tag read as a version (catalog spec, "Versions and normalisation"): its leading numbers
 * (`20`, `16.20`, `1.25.3`, `v1.2`) are the version, by precision; what follows them is a variant
 * (`-alpine`, `-slim-bookworm`, `.windowsservercore`) ignored for comparison and kept by a bump. A
 * prerelease written against the numbers as Python and Go images do (`3.13.0rc2`, `1.22rc1`) or
 * after a hyphen (`1.2.0-rc.1`) is read as one. A tag that starts with no number (`latest`, `lts`,
 * `bookworm`, a digest, `${UNSET}`) is unknown.
 */
interface Tag {
  /** `v` or `V` when written. */
  readonly v: string;
  /** The numeric components as written (`04` stays `04`), at most three are versions. */
  readonly parts: readonly string[];
  /** The prerelease as written (`rc2`, `-rc.1`), '' when none. */
  readonly pre: string;
  /** The prerelease in semver form (`rc.2`), '' when none. */
  readonly semverPre: string;
  /** Everything after the numbers and the prerelease. */
  readonly variant: string;
}

/** Docker caps a tag at 128 characters; semver refuses numbers past 2^53. */
const MAX_TAG = 128;
const MAX_DIGITS = 15;
const NUMBERS = /^([vV]?)(\d+(?:\.\d+)*)/;
/** `rc2`, `a1`, `b3`, `alpha`, `beta.2` directly after the numbers (PEP 440 style, Go's `1.22rc1`). */
const ATTACHED_PRE = /^(alpha|beta|rc|a|b)\.?(\d+)|^(alpha|beta|rc)(?![a-z])/i;
/** `-rc.1`, `-beta2`, `-alpha` after a hyphen, then the end or another separator. */
const HYPHEN_PRE = /^-(alpha|beta|rc)\.?(\d*)(?![A-Za-z0-9])/i;
const LONG_PRE: Readonly<Record<string, string>> = { a: 'alpha', b: 'beta' };

function readTag(text: string): Tag | undefined {
  if (text.length > MAX_TAG) return undefined;
  const m = NUMBERS.exec(text);
  if (!m) return undefined;
  const parts = m[2]!.split('.');
  if (parts.some((p) => p.length > MAX_DIGITS)) return undefined;
  let rest = text.slice(m[0].length);
  // `1.2.3.4`: the fourth number is more precise than semver; compare on the first three.
  const pre = ATTACHED_PRE.exec(rest) ?? HYPHEN_PRE.exec(rest);
  let written = '';
  let semverPre = '';
  if (pre) {
    written = pre[0];
    const word = (pre[1] ?? pre[3] ?? '').toLowerCase();
    const number = pre[2] ?? '';
    semverPre = [LONG_PRE[word] ?? word, ...(number ? [String(Number(number))] : [])].join('.');
    rest = rest.slice(written.length);
  }
  return { v: m[1]!, parts, pre: written, semverPre, variant: rest };
}

function normalise(text: string | null): NormalisedVersion {
  if (typeof text !== 'string') return { kind: 'unknown' };
  const tag = readTag(text.trim());
  if (!tag) return { kind: 'unknown' };
  const [major, minor, patch] = tag.parts.map(Number) as [number, number?, number?];
  if (tag.semverPre) {
    // A prerelease names one version, whatever the precision (`1.22rc1` is 1.22.0-rc.1).
    return { kind: 'exact', version: `${major}.${minor ?? 0}.${patch ?? 0}-${tag.semverPre}` };
  }
  if (tag.parts.length === 1) return { kind: 'range', range: `>=${major}.0.0 <${major + 1}.0.0-0` };
  if (tag.parts.length === 2) return { kind: 'range', range: `>=${major}.${minor}.0 <${major}.${minor! + 1}.0-0` };
  if (tag.parts.length === 3) return { kind: 'exact', version: `${major}.${minor}.${patch}` };
  return { kind: 'range', range: `>=${major}.${minor}.${patch} <${major}.${minor}.${patch! + 1}-0` };
}

/**
 * `16-alpine` → `20-alpine` for 20.11.1: the precision written is kept (one number stays one), and
 * so are the `v`, a zero padding (`20.04` → `24.04`) and the variant. A prerelease target is written
 * in full (`20.0.0-rc.1-alpine`), as a shorter tag would not name it.
 */
function bump(text: string, to: string): string | undefined {
  if (typeof text !== 'string' || typeof to !== 'string') return undefined;
  const target = semver.parse(to.trim().replace(/^[vV](?=\d)/, ''));
  if (!target) return undefined;
  const lead = /^\s*/.exec(text)![0];
  const body = text.slice(lead.length).trimEnd();
  const trail = text.slice(lead.length + body.length);
  const tag = readTag(body);
  if (!tag) return undefined;
  const nums = [target.major, target.minor, target.patch];
  let core: string;
  if (target.prerelease.length > 0) {
    // A variant written against the numbers (`20alpine`) would run into the prerelease.
    core = `${nums.join('.')}-${target.prerelease.join('.')}${/^[A-Za-z0-9]/.test(tag.variant) ? '-' : ''}`;
  } else {
    const precision = Math.min(tag.parts.length, 3);
    core = nums.slice(0, precision).map((n, i) => pad(n, tag.parts[i]!)).join('.');
  }
  return `${lead}${tag.v}${core}${tag.variant}${trail}`;
}

/** `04` was written two digits wide: `4` is written `04` again. */
function pad(n: number, written: string): string {
  const s = String(n);
  return written.startsWith('0') && written.length > s.length ? s.padStart(written.length, '0') : s;
}

export const dockerTagVersioning: Versioning = { id: 'docker-tag', normalise, bump };
