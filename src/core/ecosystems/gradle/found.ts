/** A stretch of a file's text, `end` exclusive. */
export interface Span {
  readonly start: number;
  readonly end: number;
}

/** A value defined once and used by reference (`ext`/`def`/`val`, a catalog's `[versions]`). */
export interface Definition extends Span {
  readonly value: string;
}

/** One use of a Gradle file with the places parse, locate and rename share. */
export interface GradleUse {
  readonly name: string;
  /** The version text (or its definition's), or a reference this file cannot resolve (`$kotlinVersion`); null without one. */
  readonly constraint: string | null;
  readonly section: string;
  /** `g:a` for the string notation, else the artifact's name as written (where a use without a version is located). */
  readonly key: string;
  /** The version text (or the definition's), else the name. */
  readonly range: Span;
  readonly nameRange: Span;
  /** Where the groupId and the artifactId are written, for a rename; absent when they cannot be cut out. */
  readonly group?: Span;
  readonly artifact?: Span;
  /** Another use of a definition this package already uses: one use for findings, still renamed. */
  readonly duplicate?: true;
}

/** `$name`, `${name}` and `${project.ext.name}`: the one reference a version text is made of, if it is one. */
export function referenceIn(text: string | null): string | undefined {
  if (text === null) return undefined;
  const m = /^\$(?:\{\s*((?:(?:rootProject|project)\.)?(?:(?:ext|extra)\.)?[A-Za-z_][\w]*)\s*\}|([A-Za-z_]\w*))$/.exec(text);
  const path = m?.[1] ?? m?.[2];
  return path?.slice(path.lastIndexOf('.') + 1);
}
