import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import fc from 'fast-check';
import { isMap, isPair, isScalar, isSeq, parseAllDocuments, parseDocument, type Document } from 'yaml';
import { scanActionUses } from '../../../src/core/ecosystems/action/workflow';
import { scanIncludes } from '../../../src/core/ecosystems/gitlab-ci/includes';
import { scanChart } from '../../../src/core/ecosystems/helm/chart';
import { parseHelmLockfile } from '../../../src/core/ecosystems/helm/lockfile';
import type { UseScan } from '../../../src/core/ecosystems/yamlUses';
import { FAST_YAML_OPTIONS, fastYaml, withoutAnchors } from '../../../src/core/yamlFast';
import { SAMPLES } from '../ecosystems/samples';

/**
 * The fast reader must build exactly the document the `yaml` package builds, or decline. Every
 * field a reader of the nodes can look at is compared: class, value and its JS type, range, type,
 * source, format, minFractionDigits, flow, anchor, tag; and the document's range and options.
 * Comments (`comment`, `commentBefore`, `spaceBefore`) are the documented exception.
 */
function shape(n: unknown): unknown {
  if (isMap(n) || isSeq(n)) {
    return { cls: n.constructor.name, range: n.range, flow: n.flow, anchor: n.anchor, tag: n.tag, items: (n.items as unknown[]).map(shape) };
  }
  if (isPair(n)) return { pair: true, key: shape(n.key), value: shape(n.value) };
  if (isScalar(n)) {
    const s = n as typeof n & { minFractionDigits?: number };
    return { cls: 'Scalar', value: n.value, js: typeof n.value, range: n.range, type: n.type, source: n.source, format: n.format, minFractionDigits: s.minFractionDigits, anchor: n.anchor, tag: n.tag };
  }
  return { other: String(n) };
}

function docShape(doc: Document.Parsed): unknown {
  const { _directives: _d, ...options } = doc.options as typeof doc.options & { _directives?: unknown };
  const { yaml, tags, docStart, docEnd } = doc.directives as typeof doc.directives & { docEnd?: boolean };
  return { range: doc.range, options, directives: { yaml, tags, docStart, docEnd }, errors: doc.errors.length, warnings: doc.warnings.length, contents: shape(doc.contents) };
}

/** Fails when the fast reader accepts `text` but reads it otherwise than the package; true when it accepted it. */
function sameOrDeclined(text: string): boolean {
  const fast = fastYaml(text);
  if (!fast) return false;
  const docs = parseAllDocuments(text, FAST_YAML_OPTIONS);
  assert.ok(Array.isArray(docs) && docs.length === 1, `one document in ${JSON.stringify(text)}`);
  assert.deepEqual(docShape(fast), docShape(docs[0]!), `the same document for ${JSON.stringify(text)}`);
  // Walkers skip collecting anchors in the reader's documents only.
  assert.ok(withoutAnchors(fast) && !withoutAnchors(docs[0]!));
  // The catalog reads its one document with parseDocument.
  assert.deepEqual(docShape(fast), docShape(parseDocument(text, FAST_YAML_OPTIONS)), `parseDocument reads ${JSON.stringify(text)} the same`);
  return true;
}

/**
 * What each reader of `readYaml` makes of a text. For a text the fast reader accepts, the package's
 * path is taken by appending a comment holding a tab (outside the fast subset, and nothing to the
 * package for a valid text): the positions of everything before it stay the same.
 */
function walked(text: string): unknown {
  const view = (s: UseScan): unknown => ({ found: s.found, problems: s.problems });
  const lock = parseHelmLockfile(text, 'Chart.lock');
  return {
    action: view(scanActionUses(text, '.github/workflows/ci.yml')),
    gitlab: view(scanIncludes(text, '.gitlab-ci.yml')),
    chart: view(scanChart(text, 'Chart.yaml')),
    lock: { problems: lock.problems, entries: [...(lock.lockfile ?? new Map()).entries()].map(([k, v]) => [k, v.map(({ locate, ...e }: { locate(): unknown }) => ({ ...e, at: locate() }))]) },
  };
}

function sameWalks(text: string): void {
  // A declined text takes the package's path either way.
  if (fastYaml(text) === undefined) return;
  const slow = `${text}\n# \t`;
  assert.equal(fastYaml(slow), undefined, 'a tab sends the text to the package');
  assert.deepEqual(walked(text), walked(slow), `the walkers read ${JSON.stringify(text)} the same both ways`);
}

// ---- generated CI-like YAML ------------------------------------------------------------------

const KEYS = ['name', 'on', 'jobs', 'steps', 'uses', 'with', 'run', 'version', 'dependencies', 'repository', 'include', 'project', 'ref', 'runs', 'component', 'alias', 'file'];
/** Values in the subset (typed as strings, numbers, booleans or null), and values at or past its edge. */
const SCALARS = [
  'actions/checkout@v4', 'acme/action-1@0394990903949909039499090394990903949909', 'ubuntu:22.04', 'oci://registry.acme.dev/charts', 'a#b', 'x # y',
  '${{ matrix.os }}', '1.10', '1.0', '0x1F', '0o17', '1e3', '.inf', '-.INF', '.nan', '-1', '+2', '007', 'true', 'False', 'TRUE', 'yes', 'NULL', 'null', '~', '2027-01-15',
  'v1.2.3', '~1.1.5', '^2.0.0', '>=1.0 <2.0', 'echo "hi"', "it's", '-x', '--flag', 'a,b', 'a]', 'a}', '🚀 deploy', '\u00a0x', 'é', '"quoted"', "'single'", "'it''s'",
  '""', "''", 'x  ', '', '', '[a]', '[a, b]', '[]',
];
const EDGES = [
  '{x}', '@x', '`x`', '%x', '!x', '!!str x', '&a x', '*a', '|', '>-', '? x', ': x', 'a: b', 'a:', '- x', '-', '"a\\"b"', '"a\\nb"', '"unclosed', "'unclosed", 'a\tb', '"a"b',
];
const COMMENTS = ['', '', '', ' # note', '  #v2', ' # v4.1.1', '#tight', ' #'];

const scalar = fc.oneof({ weight: 9, arbitrary: fc.constantFrom(...SCALARS) }, fc.constantFrom(...EDGES));
const key = fc.oneof({ weight: 12, arbitrary: fc.constantFrom(...KEYS) }, fc.constantFrom('1.10', 'true', 'null', '~', "'a b'", '"x"', 'a b', '<<', 'a:b', '-k', '"k"x', 'k '));
const flow = fc.array(fc.oneof(scalar, fc.constantFrom('main', "'release/*'", '18', '"x"')), { maxLength: 3 }).chain((items) =>
  fc.oneof(
    { weight: 8, arbitrary: fc.constantFrom(`[${items.join(', ')}]`, `[ ${items.join(' , ')} ]`) },
    fc.constantFrom(`[${items.join(',')},]`, `{${items.join(', ')}}`),
  ),
);
/** Blank and comment lines, each with its own indentation. */
const trivia = fc.array(fc.tuple(fc.nat(8), fc.constantFrom('', '# c', '#', '# - uses: x/y@v1')), { maxLength: 2 });

type Tree = { kind: 'scalar'; text: string } | { kind: 'map'; entries: [string, Tree][] } | { kind: 'seq'; items: Tree[] };
const tree = fc.letrec<{ node: Tree; map: Tree; seq: Tree }>((tie) => ({
  node: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    { weight: 4, arbitrary: fc.oneof({ weight: 4, arbitrary: scalar }, flow).map((text) => ({ kind: 'scalar' as const, text })) },
    { weight: 2, arbitrary: tie('map') },
    { weight: 1, arbitrary: tie('seq') },
  ),
  map: fc.array(fc.tuple(key, tie('node')), { minLength: 1, maxLength: 4 }).map((entries) => ({ kind: 'map' as const, entries })),
  seq: fc.array(tie('node'), { minLength: 1, maxLength: 3 }).map((items) => ({ kind: 'seq' as const, items })),
}));

/** Choices made while writing a tree out: indentation steps, comments, blank lines. */
const style = fc.record({
  step: fc.constantFrom(2, 2, 4, 1),
  seqAtKeyIndent: fc.boolean(),
  comments: fc.array(fc.constantFrom(...COMMENTS), { minLength: 8, maxLength: 8 }),
  trivia: fc.array(trivia, { minLength: 8, maxLength: 8 }),
  emptyValue: fc.boolean(),
  finalNewline: fc.boolean(),
});

function render(root: Tree, s: Style): string {
  const out: string[] = [];
  let n = 0;
  const comment = (): string => s.comments[n++ % s.comments.length]!;
  const gap = (): void => {
    for (const [indent, text] of s.trivia[n++ % s.trivia.length]!) out.push(' '.repeat(indent) + text);
  };
  const write = (t: Tree, indent: number, lead: string): void => {
    // `lead` is what starts the first line (`- ` of a sequence item), already indented.
    if (t.kind === 'scalar') {
      out.push(`${lead}${t.text}${comment()}`);
      return;
    }
    if (t.kind === 'map') {
      t.entries.forEach(([k, v], i) => {
        const prefix = i === 0 ? lead : ' '.repeat(indent);
        if (i > 0) gap();
        if (v.kind === 'scalar') {
          out.push(`${prefix}${k}: ${v.text}${comment()}`);
        } else {
          out.push(`${prefix}${k}:${comment()}`);
          gap();
          const inner = v.kind === 'seq' && s.seqAtKeyIndent ? indent : indent + s.step;
          write(v, inner, ' '.repeat(inner));
        }
      });
      if (s.emptyValue) out.push(`${' '.repeat(indent)}empty:${comment()}`);
      return;
    }
    t.items.forEach((item, i) => {
      const prefix = i === 0 ? lead : ' '.repeat(indent);
      if (i > 0) gap();
      if (item.kind === 'seq') {
        out.push(`${prefix}-`);
        write(item, indent + s.step, ' '.repeat(indent + s.step));
      } else {
        write(item, indent + 2, `${prefix}- `);
      }
    });
  };
  gap();
  write(root, 0, '');
  gap();
  return out.join('\n') + (s.finalNewline ? '\n' : '');
}
type Style = { step: number; seqAtKeyIndent: boolean; comments: string[]; trivia: [number, string][][]; emptyValue: boolean; finalNewline: boolean };

/** Edits that take a text out of the subset, or to its edge. */
const MUTATIONS: ((text: string, at: number) => string)[] = [
  (t, at) => t.slice(0, at) + '&a ' + t.slice(at),
  (t, at) => t.slice(0, at) + '*a' + t.slice(at),
  (t, at) => t.slice(0, at) + '| ' + t.slice(at),
  (t, at) => t.slice(0, at) + '\t' + t.slice(at),
  (t, at) => t.slice(0, at) + '"x\\"y"' + t.slice(at),
  (t, at) => t.slice(0, at) + ': ' + t.slice(at),
  (t, at) => t.slice(0, at) + ' #' + t.slice(at),
  (t, at) => t.slice(0, at) + '#' + t.slice(at),
  (t, at) => t.slice(0, at) + ' ' + t.slice(at),
  (t, at) => t.slice(0, at) + '~' + t.slice(at),
  (t, at) => t.slice(0, at) + '1.0' + t.slice(at),
  (t, at) => t.slice(0, at) + '\n' + t.slice(at),
  (t, at) => t.slice(0, at) + '\n  ' + t.slice(at),
  (t, at) => t.slice(0, at) + "'" + t.slice(at),
  (t, at) => t.slice(0, at) + '- ' + t.slice(at),
  (t, at) => t.slice(0, at) + ',' + t.slice(at),
  (t, at) => t.slice(0, at) + t.slice(at + 1),
  (t) => t.replace(/\n/g, '\r\n'),
  (t) => `---\n${t}`,
  (t) => `\ufeff${t}`,
  (t) => `%YAML 1.2\n---\n${t}`,
  (t) => `${t}\n---\nb: 1\n`,
  (t, at) => {
    // A line written twice: duplicate keys, or a sequence item twice.
    const start = t.lastIndexOf('\n', at) + 1;
    const end = t.indexOf('\n', at);
    const line = t.slice(start, end < 0 ? t.length : end);
    return t.slice(0, start) + line + '\n' + t.slice(start);
  },
];

describe('yamlFast: the fast reader of plain YAML', () => {
  it('reads typical workflow, Chart.yaml and catalog files itself, exactly as the package does', () => {
    const workflow = [
      'name: ci',
      'on:',
      '  push:',
      '    branches: [main]',
      '  workflow_dispatch:',
      '',
      'jobs:',
      '  build:',
      '    runs-on: ubuntu-latest',
      '    timeout-minutes: 10',
      '    steps:',
      '      - uses: actions/checkout@v4',
      '      # - uses: old/step@v1',
      '      - uses: acme/action-1@0394990903949909039499090394990903949909 # v2.8.0',
      '        with:',
      "          python-version: '3.10'",
      '          node: 1.10',
      '      - run: echo ${{ matrix.os }} "quoted" a#b',
      '',
    ].join('\n');
    const chart = 'apiVersion: v2\nname: svc\nversion: 0.1.0\ndependencies:\n  - name: acme-chart\n    version: "~1.1.5"\n    repository: oci://registry.acme.dev/charts\n';
    for (const text of [workflow, chart]) assert.ok(sameOrDeclined(text), `read by the fast reader: ${text}`);
    // The example's files may use block scalars or anchors; whatever they hold, the reader is exact or declines.
    const examples = path.join(__dirname, '..', '..', '..', 'examples');
    for (const file of ['platform-catalog.yaml', 'workspace/.github/workflows/deploy.yml', 'workspace/deploy/shop/Chart.yaml', 'workspace/.gitlab-ci.yml', 'workspace/.platform-guide.yaml']) {
      const text = fs.readFileSync(path.join(examples, file), 'utf8');
      sameOrDeclined(text);
      sameWalks(text);
    }
  });

  it('keeps numbers, booleans and nulls as the core schema types them', () => {
    const doc = fastYaml('a: 1.10\nb: 0x1F\nc: ~\nd:\ne: true\n1.10: k\n"n": "1"\n')!;
    assert.ok(doc);
    const map = doc.contents as unknown as { items: { key: { value: unknown }; value: { value: unknown; source: string } }[] };
    assert.deepEqual(
      map.items.map((p) => [p.key.value, p.value.value]),
      [['a', 1.1], ['b', 31], ['c', null], ['d', null], ['e', true], [1.1, 'k'], ['n', '1']],
    );
    assert.equal(map.items[0]!.value.source, '1.10', 'the source keeps the digits as written');
  });

  it('types every plain scalar as the package does, whatever character it starts with', () => {
    // The reader tests the core tags only for text starting with a character one of them may match.
    let read = 0;
    for (let c = 0x20; c < 0x7f; c++) {
      for (const rest of ['', '1', '0', 'ull', 'ULL', 'rue', 'alse', 'inf', 'nan', '.5', '5', 'x1F', 'o17', 'e3', '1e3', '.inf', '.1']) {
        if (sameOrDeclined(`k: ${String.fromCharCode(c)}${rest}\n`)) read++;
      }
    }
    assert.ok(read > 1000, `${read} read`);
  });

  it('reads edge cases of the subset exactly as the package does', () => {
    const texts = [
      'a: b :c', 'a: b:c', 'a: --', "a: b'c", 'a: b"c', 'a: 0b1', 'a: 1_000', 'a: +.5', 'a: 1.', 'a: -0', 'a: 0.', 'a: .', 'a: +', 'a: 08', 'a: 0o8',
      'k: [a,b]', 'k: [ ]', 'k: [a] # c', "k: ['a''b', \"c\"]", 'k: [-1, +2, .5]', 'k: [a b, c]', '"a b": c', "'a''b': c", '"": x', 'a: ""', "a: ''",
      'x:\n- a\n- b\ny: 1', '- a\n- b: c\n  d: e\n-   f: g\n    h: i', 'a:   \n  b: c', 'a:\n  b:\n    c: d\n  e: f\ng: h',
      'a: b # c\n  # d\n\n # e\nf: g', 'a: "x" \nb: c', 'a: x]', 'a: x}', 'a: 1 # c', 'true: 1\nTrue: 2\n~: 3\n', 'a: b#c', 'a:b: c', 'a:: b', 'a: \n',
      // Comments after an empty value: which belong to it depends on their indentation and on what follows.
      'a:\n# c\nb: 1', 'a: # x\n   \nb:', 'a:\n  b:\n\n    # deeper\n\n  c: 1\n', 'a:\n  b:\n    # deeper\n  c: 1\n', '- a:\n  # c\n- b\n', 'a:\n  - x\n  # c\nb: 1\n',
    ];
    for (const text of texts) assert.ok(sameOrDeclined(text), `read by the fast reader: ${JSON.stringify(text)}`);
  });

  it('declines what it does not read exactly', () => {
    const declined = [
      '---\na: b\n', 'a: &x b\nc: *x\n', 'a: !!str 1\n', 'a: |\n  text\n', 'a: >-\n  text\n', 'a: b\n  c\n', 'a:\n\tb: c\n', '? a\n: b\n',
      'a: b\n---\nc: d\n', 'a: "x\\ny"\n', 'a: b\r\nc: d\r\n', '\ufeffa: b\n', '%YAML 1.2\n---\na: b\n', 'a: {b: c}\n', 'a: b: c\n', 'a:\n-\n  b\n',
      '  a: b\n', 'just a scalar\n', '', '# only a comment\n', 'a: "unclosed\n', 'a: [b,\n  c]\n',
    ];
    for (const text of declined) assert.equal(fastYaml(text), undefined, JSON.stringify(text));
  });

  it('reads every sample of the YAML ecosystems as the package does, or declines it', () => {
    let read = 0;
    for (const samples of Object.values(SAMPLES)) {
      for (const s of samples ?? []) {
        if (!/\.ya?ml$|\.lock$/.test(s.file)) continue;
        if (sameOrDeclined(s.text)) read++;
        sameWalks(s.text);
      }
    }
    assert.ok(read >= 5, `${read} samples read by the fast reader`);
  });

  it('builds the same nodes as the package for generated CI-like YAML and its near misses, or declines', () => {
    let accepted = 0;
    let declined = 0;
    fc.assert(
      fc.property(tree.node, style, fc.array(fc.tuple(fc.nat(MUTATIONS.length - 1), fc.nat()), { maxLength: 2 }), (t, s, edits) => {
        let text = render(t.kind === 'scalar' ? { kind: 'map', entries: [['k', t]] } : t, s);
        for (const [m, at] of edits) text = MUTATIONS[m]!(text, text.length === 0 ? 0 : at % text.length);
        if (sameOrDeclined(text)) accepted++;
        else declined++;
        sameWalks(text);
      }),
      { seed: 20261130, numRuns: 3000 },
    );
    // Both sides must be exercised: a reader that declines everything would pass the property.
    assert.ok(accepted > 300 && declined > 300, `${accepted} accepted, ${declined} declined`);
  });
});
