import { bumpConstraint } from '../bump';
import { normaliseNpm, type NormalisedVersion } from '../versions';
import { precisionRange } from './actionRef';
import { dockerTagVersioning } from './dockerTag';
import { bumpHashicorp, normaliseHashicorp } from './hashicorp';
import type { Versioning } from './types';

/**
 * A runtime's version as the files that pin one write it (`.nvmrc`, `.python-version`,
 * `.tool-versions`, `.java-version`, go.mod's `go` and `toolchain`, package.json `engines.node`):
 * - a plain version by precision (`20` → `>=20.0.0 <21.0.0-0`, `3.12` → 3.12.x, `v20.11.1` exact),
 *   read as docker tags are: a prerelease against the numbers (`1.22rc1`, `3.13.0rc2`) is one, and
 *   what follows (`+13` a build, `-dev`) is a variant;
 * - a distribution or toolchain prefix before the numbers is kept and not compared: `go1.22.1`
 *   (go.mod `toolchain`), `temurin-21.0.2+13`, jenv's `openjdk64-17.0.2` (words of letters, a `64`
 *   or `32` allowed at a word's end, each followed by `-`);
 * - node's LTS codenames by their major (`lts/iron` → 20); `lts/*`, `node`, `stable`, `system`,
 *   `latest` and anything else that names no release are unknown;
 * - a HashiCorp constraint (`~> 1.5`, `>= 1.5, < 2.0`: a `~>` or a comma), as Terraform's
 *   `required_version` writes one, read as Terraform reads it (npm reads `~>` as its own `~`);
 * - anything else is an npm range (`>=18`, `^20.11 || ^22`), as `engines.node` is.
 */

/** What only a HashiCorp constraint writes: npm's ranges have no comma, and its `~>` means `~`. */
const HASHICORP = /~>|,/;

/** Node's LTS lines by codename (nodejs.org release schedule). */
const LTS: Readonly<Record<string, number>> = {
  argon: 4, boron: 6, carbon: 8, dubnium: 10, erbium: 12, fermium: 14, gallium: 16, hydrogen: 18, iron: 20, jod: 22, krypton: 24,
};
const CODENAME = /^lts\/([a-z]+)$/i;
/** `go` directly before the numbers, or vendor words each ending in `-`. */
const PREFIX = /^(?:go(?=\d)|(?:[A-Za-z]+(?:64|32)?-)+(?=\d))/;
/** A version with no operator, space or wildcard: numbers first, then letters, digits and `._+-`. */
const PLAIN = /^[vV]?\d+(?:\.\d+)*[A-Za-z0-9._+-]*$/;

/** A build or update number of the release written (`+13`, Java 8's `_292`): it names no other release. */
const BUILD = /(?:\+|_\d).*$/;

const UNKNOWN: NormalisedVersion = { kind: 'unknown' };

function split(text: string): { prefix: string; body: string } {
  const prefix = PREFIX.exec(text)?.[0] ?? '';
  return { prefix, body: text.slice(prefix.length) };
}

export function normaliseRuntime(text: string | null): NormalisedVersion {
  if (typeof text !== 'string') return UNKNOWN;
  const t = text.trim();
  const lts = CODENAME.exec(t);
  if (lts) {
    const major = LTS[lts[1]!.toLowerCase()];
    return major === undefined ? UNKNOWN : { kind: 'range', range: precisionRange(major) };
  }
  if (HASHICORP.test(t)) return normaliseHashicorp(t);
  const { prefix, body } = split(t);
  if (PLAIN.test(body)) return dockerTagVersioning.normalise(body);
  // A prefixed text that is no plain version (`temurin-latest`) is no range either.
  return prefix ? UNKNOWN : normaliseNpm(t);
}

/**
 * Keeps the style written: `18` → `20`, `v18.19.0` → `v20.11.1`, `>=18` → `>=20`,
 * `go1.21.0` → `go1.22.1`, `temurin-17.0.2+8` → `temurin-21.0.2` (a build or update number belongs
 * to the old release and is dropped), `lts/hydrogen` → `lts/iron` (the target's codename when its major
 * has one, else the major alone). Undefined for a text that names no version.
 */
export function bumpRuntime(text: string, to: string): string | undefined {
  if (typeof text !== 'string' || typeof to !== 'string' || text.trim() !== text) return undefined;
  if (CODENAME.test(text)) {
    if (normaliseRuntime(text).kind === 'unknown') return undefined;
    const major = dockerTagVersioning.normalise(to.trim().replace(/^v(?=\d)/, ''));
    if (major.kind !== 'exact') return undefined;
    const n = Number(major.version.split('.')[0]);
    const name = Object.keys(LTS).find((k) => LTS[k] === n);
    return name ? `lts/${name}` : String(n);
  }
  if (HASHICORP.test(text)) return bumpHashicorp(text, to);
  const { prefix, body } = split(text);
  if (PLAIN.test(body)) {
    const bumped = dockerTagVersioning.bump(body.replace(BUILD, ''), to);
    return bumped === undefined ? undefined : prefix + bumped;
  }
  if (prefix || normaliseNpm(text).kind === 'unknown') return undefined;
  return bumpConstraint(text, to);
}

export const runtimeVersioning: Versioning = { id: 'runtime-version', normalise: normaliseRuntime, bump: bumpRuntime };
