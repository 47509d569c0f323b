import { didYouMean } from './suggest';
import type { Reporter, Span } from './reporter';
import type { AstMap, AstNode } from './yamlAst';

type JsonType = 'object' | 'array' | 'string' | 'number' | 'integer' | 'boolean' | 'null';

/**
 * The subset of JSON Schema draft-07 the shipped schemas use. `errorMessage` and
 * `patternErrorMessage` are the keywords VS Code's JSON/YAML support also shows, so the editor and
 * this checker say the same thing.
 */
export interface JsonSchema {
  readonly $ref?: string;
  readonly definitions?: Readonly<Record<string, JsonSchema>>;
  readonly title?: string;
  readonly description?: string;
  readonly type?: JsonType | readonly JsonType[];
  readonly properties?: Readonly<Record<string, JsonSchema>>;
  readonly required?: readonly string[];
  readonly additionalProperties?: boolean | JsonSchema;
  readonly items?: JsonSchema;
  readonly minItems?: number;
  readonly enum?: readonly unknown[];
  readonly const?: unknown;
  readonly pattern?: string;
  readonly minLength?: number;
  readonly minimum?: number;
  readonly oneOf?: readonly JsonSchema[];
  readonly anyOf?: readonly JsonSchema[];
  readonly errorMessage?: string;
  readonly patternErrorMessage?: string;
}

/** How the node is named in messages, and the key it hangs from (where "missing" problems go). */
interface Where {
  readonly label: string;
  readonly keySpan?: Span;
  /** The whole document: when it is not even a mapping, its text is not quoted (see `check`). */
  readonly root?: boolean;
}

const TYPE_WORDS: Record<JsonType, string> = {
  object: 'a mapping (key: value)', array: 'a list', string: 'text', number: 'a number',
  integer: 'a whole number', boolean: 'true or false', null: 'empty',
};

/** Checks `node` against `schema`, reporting each problem at the key or value it concerns. */
export function checkSchema(rep: Reporter, node: AstNode, schema: JsonSchema, label = 'the file'): void {
  new SchemaChecker(rep, schema).check(node, schema, { label, root: true });
}

class SchemaChecker {
  private readonly regexps = new Map<string, RegExp>();
  constructor(private readonly rep: Reporter, private readonly root: JsonSchema) {}

  check(node: AstNode, schema: JsonSchema, where: Where): void {
    const s = this.deref(schema);
    if (s.type !== undefined && !typeMatches(node, s.type)) {
      const types = typeof s.type === 'string' ? [s.type] : s.type;
      const wanted = types.map((t) => TYPE_WORDS[t]).join(' or ');
      if (where.root) {
        // A file that is not a mapping at all is probably not this kind of file (a catalog path
        // that names `.npmrc`): its text may be a secret, so it never appears in the message.
        this.rep.error(this.valueSpan(node, where), `${where.label} must be ${wanted}, not ${kindOf(node)}; is this file really ${where.label.replace(/^the /, 'a ')}?`);
        return;
      }
      const quote = types.includes('string') && node.kind === 'scalar' && node.source !== '' ? `; put it in quotes: "${node.source}"` : '';
      this.rep.error(this.valueSpan(node, where), `${where.label} must be ${wanted}, not ${found(node)}${quote}`);
      return;
    }
    if (node.kind === 'scalar') this.scalar(node.value, node.source, s, this.valueSpan(node, where), where);
    else if (node.kind === 'seq') {
      if (s.minItems !== undefined && node.items.length < s.minItems) {
        this.rep.error(this.valueSpan(node, where), s.errorMessage ?? `${where.label} needs at least ${s.minItems} item${s.minItems === 1 ? '' : 's'}`);
      }
      if (s.items) node.items.forEach((item, i) => this.check(item, s.items!, { label: `item ${i + 1} of ${where.label}` }));
    } else this.object(node, s, where);
  }

  private scalar(value: unknown, source: string, s: JsonSchema, span: Span, where: Where): void {
    if (s.const !== undefined && value !== s.const) {
      this.rep.error(span, s.errorMessage ?? `${where.label} must be \`${String(s.const)}\``);
    }
    if (s.enum && !s.enum.includes(value)) {
      const options = s.enum.map(String);
      this.rep.error(span, s.errorMessage ?? `${where.label} must be one of ${options.join(', ')}, not \`${source}\`${didYouMean(source, options)}`);
    }
    if (typeof value === 'string') {
      if (s.minLength !== undefined && value.length < s.minLength) this.rep.error(span, s.errorMessage ?? `${where.label} must not be empty`);
      else if (s.pattern !== undefined && !this.regexp(s.pattern).test(value)) {
        this.rep.error(span, s.patternErrorMessage ?? s.errorMessage ?? `${where.label} does not have the expected form (${s.pattern})`);
      }
    }
    if (typeof value === 'number' && s.minimum !== undefined && value < s.minimum) {
      this.rep.error(span, s.errorMessage ?? `${where.label} must be at least ${s.minimum}`);
    }
  }

  private object(node: AstMap, schema: JsonSchema, where: Where): void {
    const noun = schema.title ?? 'mapping';
    const s = this.pickBranch(node, schema, where, noun);
    if (!s) return;
    const props = s.properties ?? {};
    for (const pair of node.pairs) {
      const label = `\`${pair.key}\``;
      if (Object.hasOwn(props, pair.key)) this.check(pair.value, props[pair.key]!, { label, keySpan: pair.keySpan });
      else if (s.additionalProperties === false) {
        const known = Object.keys(props);
        const hint = didYouMean(pair.key, known) || `; the known fields are ${known.map((k) => `\`${k}\``).join(', ')}`;
        this.rep.error(pair.keySpan, `unknown field \`${pair.key}\` in this ${noun}${hint}`);
      } else if (typeof s.additionalProperties === 'object') this.check(pair.value, s.additionalProperties, { label, keySpan: pair.keySpan });
    }
    for (const key of s.required ?? []) {
      if (!node.pairs.some((p) => p.key === key)) this.rep.error(this.ownerSpan(node, where), `this ${noun} is missing the required field \`${key}\``);
    }
  }

  /**
   * oneOf/anyOf as the schemas use them: each branch is selected by the keys it requires (a
   * package item by its ecosystem key, a step by its kind). Applying the chosen branch's shape
   * gives "unknown field `nmp`, did you mean `npm`?" instead of "matches none of 11 schemas".
   */
  private pickBranch(node: AstMap, s: JsonSchema, where: Where, noun: string): JsonSchema | undefined {
    const branches = (s.oneOf ?? s.anyOf ?? []).map((b) => this.deref(b));
    if (branches.length === 0) return s;
    const has = (k: string): boolean => node.pairs.some((p) => p.key === k);
    const applicable = branches.filter((b) => (b.required ?? []).every(has));
    const keysOf = (b: JsonSchema): string[] => (b.required ?? []).slice(0, 1);
    if (applicable.length === 0 || (s.oneOf && applicable.length > 1)) {
      const known = new Set([...Object.keys(s.properties ?? {}), ...branches.flatMap((b) => Object.keys(b.properties ?? {}))]);
      const unknown = node.pairs.filter((p) => !known.has(p.key));
      if (applicable.length === 0 && unknown.length > 0) {
        for (const p of unknown) this.rep.error(p.keySpan, `unknown field \`${p.key}\` in this ${noun}${didYouMean(p.key, known)}`);
        return undefined;
      }
      const names = (applicable.length > 0 ? applicable : branches).flatMap(keysOf).map((k) => `\`${k}\``).join(', ');
      const second = applicable.flatMap(keysOf)[1];
      const span = second !== undefined ? node.pairs.find((p) => p.key === second)!.keySpan : this.ownerSpan(node, where);
      this.rep.error(span, s.errorMessage ?? (applicable.length === 0 ? `this ${noun} needs one of ${names}` : `use only one of ${names} in one ${noun}; split it into separate items`));
      return undefined;
    }
    const chosen = applicable[0]!;
    return {
      ...s,
      properties: { ...s.properties, ...chosen.properties },
      required: [...(s.required ?? []), ...(chosen.required ?? [])],
      additionalProperties: chosen.additionalProperties ?? s.additionalProperties,
      oneOf: undefined,
      anyOf: undefined,
    };
  }

  private deref(s: JsonSchema): JsonSchema {
    let cur = s;
    for (let guard = 0; cur.$ref !== undefined && guard < 20; guard++) {
      const name = /^#\/definitions\/(.+)$/.exec(cur.$ref)?.[1];
      const target = name === undefined ? undefined : this.root.definitions?.[name];
      if (!target) throw new Error(`schema: unresolvable $ref ${cur.$ref}`);
      cur = { ...target, ...withoutRef(cur) };
    }
    return cur;
  }

  private regexp(pattern: string): RegExp {
    let re = this.regexps.get(pattern);
    if (!re) this.regexps.set(pattern, (re = new RegExp(pattern, 'u')));
    return re;
  }

  /** An empty value (`key:`) has no text to underline; the key stands for it. */
  private valueSpan(node: AstNode, where: Where): Span {
    return node.span.end > node.span.start || !where.keySpan ? node.span : where.keySpan;
  }

  private ownerSpan(node: AstMap, where: Where): Span {
    return where.keySpan ?? node.pairs[0]?.keySpan ?? node.span;
  }
}

function withoutRef(s: JsonSchema): JsonSchema {
  const { $ref: _ref, ...rest } = s;
  return rest;
}

function typeMatches(node: AstNode, type: JsonType | readonly JsonType[]): boolean {
  const types = typeof type === 'string' ? [type] : type;
  return types.some((t) => {
    if (node.kind === 'map') return t === 'object';
    if (node.kind === 'seq') return t === 'array';
    const v = node.value;
    switch (t) {
      case 'string': return typeof v === 'string';
      case 'number': return typeof v === 'number' && Number.isFinite(v);
      case 'integer': return typeof v === 'number' && Number.isInteger(v);
      case 'boolean': return typeof v === 'boolean';
      case 'null': return v === null;
      default: return false;
    }
  });
}

/** What a node is, without a word of its text. */
function kindOf(node: AstNode): string {
  if (node.kind === 'map') return 'a mapping';
  if (node.kind === 'seq') return 'a list';
  const v = node.value;
  return v === null ? 'empty' : typeof v === 'number' ? 'a number' : typeof v === 'boolean' ? 'true or false' : 'plain text';
}

function found(node: AstNode): string {
  if (node.kind === 'map') return 'a mapping';
  if (node.kind === 'seq') return 'a list';
  const v = node.value;
  if (v === null) return node.source === '' ? 'empty' : `\`${node.source}\` (empty)`;
  if (typeof v === 'number') return `the number ${node.source}`;
  if (typeof v === 'boolean') return `\`${node.source}\``;
  return `the text "${v.length > 40 ? `${v.slice(0, 40)}…` : v}"`;
}
