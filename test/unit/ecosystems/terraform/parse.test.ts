import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { runtimeModule } from '../../../../src/core/ecosystems/runtime';
import { terraformModule as tf } from '../../../../src/core/ecosystems/terraform';
import { tokenize } from '../../../../src/core/ecosystems/terraform/hcl';
import { parseLockfile } from '../../../../src/core/ecosystems/terraform/lockfile';
import { applySplices, assertFilesAgree, checkTotal, seen, totalityTests } from '../helpers';
import { terraformSamples } from './samples';

const MAIN = 'main.tf';

/** What is read from one text: [name, version text, section, text under the range, text under the name range]. */
function uses(text: string): Array<[string, string | null, string, string, string]> {
  return seen(tf, text, MAIN).map((u) => [u.name, u.constraint, u.section, u.range, u.nameText]);
}

describe('ecosystems/terraform: files', () => {
  const table: Array<[string, boolean]> = [
    ['main.tf', true],
    ['infra/prod/versions.tf', true],
    ['modules/vpc/outputs.tf', true],
    ['.terraform/modules/vpc/main.tf', false],
    ['infra/.terraform/modules/vpc/main.tf', false],
    ['main.tf.json', false],
    ['terraform.tfvars', false],
    ['.terraform.lock.hcl', false],
    ['main.tfstate', false],
  ];
  for (const [path, wanted] of table) {
    it(`${wanted ? 'reads' : 'skips'} ${path}`, () => assert.equal(tf.wants(path), wanted));
  }
  it('says the same with its globs as with wants, but for downloaded modules', () => assertFilesAgree(tf, table.map(([p]) => p).filter((p) => !p.includes('.terraform/'))));
});

describe('ecosystems/terraform: module blocks', () => {
  const table: Array<[string, string, Array<[string, string | null, string, string, string]>]> = [
    ['a registry module', 'module "vpc" {\n  source  = "terraform-aws-modules/vpc/aws"\n  version = "~> 5.1"\n}\n',
      [['terraform-aws-modules/vpc/aws', '~> 5.1', 'module', '~> 5.1', 'terraform-aws-modules/vpc/aws']]],
    ['a private registry with its host', 'module "q" {\n  version = "2.3.0"\n  source = "app.terraform.io/acme/queue/aws"\n}\n',
      [['app.terraform.io/acme/queue/aws', '2.3.0', 'module', '2.3.0', 'app.terraform.io/acme/queue/aws']]],
    ['a registry module without a version: range on the name', 'module "vpc" { source = "acme/vpc/aws" }\n',
      [['acme/vpc/aws', null, 'module', 'acme/vpc/aws', 'acme/vpc/aws']]],
    ['a submodule of a registry module: the name is the package', 'module "role" {\n  source  = "acme/iam/aws//modules/role"\n  version = "5.0.0"\n}\n',
      [['acme/iam/aws', '5.0.0', 'module', '5.0.0', 'acme/iam/aws']]],
    ['a git source with ?ref=', 'module "dns" {\n  source = "git::https://github.com/acme/dns.git?ref=v1.2.0"\n}\n',
      [['git::https://github.com/acme/dns.git', 'v1.2.0', 'module', 'v1.2.0', 'git::https://github.com/acme/dns.git']]],
    ['a git source with a subdir and another parameter first', 'module "db" {\n  source = "git::ssh://git@github.com/acme/db.git//pg?depth=1&ref=tags/0.5.7"\n}\n',
      [['git::ssh://git@github.com/acme/db.git', 'tags/0.5.7', 'module', 'tags/0.5.7', 'git::ssh://git@github.com/acme/db.git']]],
    ['the GitHub shorthand', 'module "b" {\n  source = "github.com/acme/tf-bucket?ref=v0.3.0"\n}\n',
      [['github.com/acme/tf-bucket', 'v0.3.0', 'module', 'v0.3.0', 'github.com/acme/tf-bucket']]],
    ['a git source without a ref: range on the name', 'module "e" { source = "git::https://example.com/edge.git" }\n',
      [['git::https://example.com/edge.git', null, 'module', 'git::https://example.com/edge.git', 'git::https://example.com/edge.git']]],
    ['local, archive and bucket sources are not uses', 'module "a" { source = "./modules/a" }\nmodule "b" { source = "../b" }\nmodule "c" { source = "s3::https://s3.amazonaws.com/x/c.zip" }\nmodule "d" { source = "https://example.com/d.zip" }\n', []],
    ['a source built from a variable is not read', 'module "a" {\n  source = "acme/${var.name}/aws"\n}\n', []],
    ['a module inside a heredoc, a comment or a string is not one',
      'locals {\n  doc = <<-EOT\n    module "x" {\n      source = "acme/x/aws"\n    }\n  EOT\n  s = "module \\"y\\" { source = \\"acme/y/aws\\" }"\n}\n# module "z" { source = "acme/z/aws" }\n/* module "w" {\n source = "acme/w/aws" } */\n// module "v" { source = "acme/v/aws" }\n', []],
    ['templates with braces and strings inside them', 'locals {\n  a = "${jsonencode({ k = "}" })}"\n  b = "%{ if true }}{%{ endif }"\n  c = "$${not_a_template}"\n}\nmodule "m" {\n  source  = "acme/m/aws"\n  version = "1.0.0"\n}\n',
      [['acme/m/aws', '1.0.0', 'module', '1.0.0', 'acme/m/aws']]],
    ['a template whose expression breaks a line', 'locals {\n  ids = "${join(",",\n    var.ids)}"\n}\nmodule "m" {\n  source  = "acme/m/aws"\n  version = "1.0.0"\n}\n',
      [['acme/m/aws', '1.0.0', 'module', '1.0.0', 'acme/m/aws']]],
    ['nested blocks, objects, tuples and calls in a module block', 'module "m" {\n  tags = { a = [1, { b = "}" }], c = lookup(var.x, "{", "]") }\n  dynamic "x" {\n    content { source = "acme/no/aws" }\n  }\n  source  = "acme/m/aws"\n  version = "1.2.0"\n}\n',
      [['acme/m/aws', '1.2.0', 'module', '1.2.0', 'acme/m/aws']]],
    ['a module block nested in another block is not one', 'terraform {\n  module "m" { source = "acme/m/aws" }\n}\n', []],
    ['spaces inside the version quotes are not the version', 'module "m" {\n  source  = "acme/m/aws"\n  version = " ~> 1.2 "\n}\n',
      [['acme/m/aws', '~> 1.2', 'module', '~> 1.2', 'acme/m/aws']]],
    ['CRLF and a byte-order mark', '\ufeffmodule "m" {\r\n  source  = "acme/m/aws"\r\n  version = "1.0.0"\r\n}\r\n',
      [['acme/m/aws', '1.0.0', 'module', '1.0.0', 'acme/m/aws']]],
  ];
  for (const [what, text, expected] of table) {
    it(what, () => assert.deepEqual(uses(text), expected));
  }

  it('marks 0-based ranges on the ref inside a git source', () => {
    const text = 'module "dns" {\n  source = "git::https://github.com/acme/dns.git?ref=v1.2.0"\n}\n';
    const [u] = tf.locate(text, MAIN, tf.parse(text, MAIN).uses);
    assert.deepEqual(u!.range, { start: { line: 1, character: 53 }, end: { line: 1, character: 59 } });
    assert.deepEqual(u!.nameRange, { start: { line: 1, character: 12 }, end: { line: 1, character: 48 } });
  });
});

describe('ecosystems/terraform: required_providers', () => {
  const table: Array<[string, string, Array<[string, string | null, string, string, string]>]> = [
    ['an entry with source and version', 'terraform {\n  required_providers {\n    aws = {\n      source  = "hashicorp/aws"\n      version = "~> 5.31"\n      configuration_aliases = [aws.east]\n    }\n  }\n}\n',
      [['hashicorp/aws', '~> 5.31', 'required_providers', '~> 5.31', 'hashicorp/aws']]],
    ['one-line objects, commas and a host', 'terraform {\n  required_providers {\n    aws = { source = "hashicorp/aws", version = ">= 4.60" }\n    tls = { version = "4.0.5", source = "registry.terraform.io/hashicorp/tls" }\n  }\n}\n',
      [['hashicorp/aws', '>= 4.60', 'required_providers', '>= 4.60', 'hashicorp/aws'], ['registry.terraform.io/hashicorp/tls', '4.0.5', 'required_providers', '4.0.5', 'registry.terraform.io/hashicorp/tls']]],
    ['an entry without a version: range on the source', 'terraform {\n  required_providers {\n    random = { source = "hashicorp/random" }\n  }\n}\n',
      [['hashicorp/random', null, 'required_providers', 'hashicorp/random', 'hashicorp/random']]],
    ['the 0.12 shorthand stands for the hashicorp namespace', 'terraform {\n  required_providers {\n    google = "~> 3.5"\n  }\n}\n',
      [['hashicorp/google', '~> 3.5', 'required_providers', '~> 3.5', 'google']]],
    ['an entry without a source', 'terraform {\n  required_providers {\n    "null" = { version = "3.2.1" }\n  }\n}\n',
      [['hashicorp/null', '3.2.1', 'required_providers', '3.2.1', 'null']]],
    ['two terraform blocks', 'terraform {\n  required_providers {\n    a = { source = "acme/a", version = "1.0.0" }\n  }\n}\nterraform {\n  required_providers {\n    b = { source = "acme/b", version = "2.0.0" }\n  }\n}\n',
      [['acme/a', '1.0.0', 'required_providers', '1.0.0', 'acme/a'], ['acme/b', '2.0.0', 'required_providers', '2.0.0', 'acme/b']]],
    ['an entry that writes neither a source nor a version is not read', 'terraform {\n  required_providers {\n    random = {}\n  }\n}\n', []],
    ['provider blocks and required_version are not provider uses', 'terraform {\n  required_version = ">= 1.5"\n}\nprovider "aws" {\n  region = "eu-west-1"\n}\n', []],
  ];
  for (const [what, text, expected] of table) {
    it(what, () => assert.deepEqual(uses(text), expected));
  }
});

describe('ecosystems/terraform: required_version is a runtime use', () => {
  it('the runtime module reads it from *.tf, the terraform module does not', () => {
    const text = 'terraform {\n  required_version = ">= 1.5.0, < 2.0.0" # tfenv pins 1.6\n  required_providers {\n    aws = { source = "hashicorp/aws" }\n  }\n}\n';
    assert.ok(runtimeModule.wants('infra/main.tf'));
    assert.deepEqual(seen(runtimeModule, text, 'infra/main.tf').map((u) => [u.name, u.constraint, u.section, u.range, u.nameText]), [
      ['terraform', '>= 1.5.0, < 2.0.0', 'required_version', '>= 1.5.0, < 2.0.0', 'required_version'],
    ]);
    assert.ok(tf.parse(text, MAIN).uses.every((u) => u.ecosystem === 'terraform'));
  });

  it('is not read from a required_version outside a terraform block', () => {
    assert.deepEqual(runtimeModule.parse('locals {\n  required_version = "1.0.0"\n}\n', MAIN).uses, []);
  });
});

describe('ecosystems/terraform: HCL problems', () => {
  const table: Array<[string, string, string]> = [
    ['an unclosed string', 'module "m" {\n  source = "acme/m/aws\n}\n', 'is not closed on its line'],
    ['an unclosed block', 'module "m" {\n  source = "acme/m/aws"\n', 'never closed'],
    ['an unclosed comment', '/* module "m" {}\n', '`/*` comment is never closed'],
    ['an unclosed heredoc', 'locals {\n  x = <<EOT\n  text\n}\n', 'heredoc is never closed'],
  ];
  for (const [what, text, message] of table) {
    it(`reports ${what} where it is`, () => {
      const problems = tf.parse(text, MAIN).problems;
      assert.ok(problems.length >= 1, JSON.stringify(problems));
      assert.match(problems[0]!.message, new RegExp(message.replace(/[`*/]/g, '\\$&')));
    });
  }
  it('still reads the uses before a problem', () => {
    const text = 'module "a" {\n  source  = "acme/a/aws"\n  version = "1.0.0"\n}\nmodule "b" {\n  source = "acme/b/aws\n';
    assert.deepEqual(tf.parse(text, MAIN).uses.map((u) => u.name), ['acme/a/aws']);
  });
});

describe('ecosystems/terraform: rename', () => {
  const text = 'terraform {\n  required_providers {\n    aws = { source = "hashicorp/aws", version = "~> 5.0" }\n    google = "~> 4.0"\n  }\n}\nmodule "vpc" {\n  source  = "registry.terraform.io/acme/vpc/aws"\n  version = "~> 1.2"\n}\nmodule "dns" {\n  source = "git::https://github.com/acme/dns.git//zones?ref=v1.4.0"\n}\n';
  const renamed = (from: string, to: string) => {
    const r = tf.rename(text, MAIN, from, to);
    return { text: applySplices(text, r.splices), notes: r.notes };
  };
  it('a registry module keeps its version; names match without the public host', () => {
    const r = renamed('acme/vpc/aws', 'acme/network/aws');
    assert.equal(r.text, text.replace('registry.terraform.io/acme/vpc/aws', 'acme/network/aws'));
    assert.deepEqual(r.notes, []);
  });
  it('a git module keeps its subdir and ref', () => {
    assert.equal(renamed('git::https://github.com/acme/dns.git', 'git::https://github.com/acme/zones.git').text, text.replace('acme/dns.git//', 'acme/zones.git//'));
  });
  it('a provider source', () => {
    assert.equal(renamed('registry.terraform.io/hashicorp/aws', 'acme/aws').text, text.replace('"hashicorp/aws"', '"acme/aws"'));
  });
  it('a provider that writes no source is left alone, and said so', () => {
    const r = renamed('hashicorp/google', 'acme/google');
    assert.equal(r.text, text);
    assert.match(r.notes[0]!, /main\.tf line 4: the provider `google` writes no source .*add `source = "acme\/google"` by hand/);
  });
  it('a name that is not the same kind of source is refused', () => {
    for (const to of ['acme/vpc', 'git::https://x.git?ref=v1', 'a b', 'acme/${var.x}/aws']) {
      const r = renamed('acme/vpc/aws', to);
      assert.equal(r.text, text, to);
      assert.equal(r.notes.length, 1, to);
    }
  });
});

describe('ecosystems/terraform: .terraform.lock.hcl', () => {
  it('reads each provider’s version by its full address', () => {
    const text = '# This file is maintained automatically by "terraform init".\nprovider "registry.terraform.io/hashicorp/aws" {\n  version     = "5.31.0"\n  constraints = "~> 5.31"\n  hashes = [\n    "h1:abc=",\n    "zh:0123",\n  ]\n}\n';
    const { providers, problems } = parseLockfile(text);
    assert.deepEqual(problems, []);
    const aws = providers.get('registry.terraform.io/hashicorp/aws');
    assert.equal(aws?.version, '5.31.0');
    assert.deepEqual(aws?.locate(), { start: { line: 2, character: 17 }, end: { line: 2, character: 23 } });
  });
  it('reports a lockfile that is not HCL where it breaks, and says how to mend it', () => {
    const { problems } = parseLockfile('provider "registry.terraform.io/hashicorp/aws" {\n  version = "5.31.0\n');
    assert.deepEqual(problems.map((p) => [p.range.start.line, p.range.start.character, p.message]), [
      [1, 12, 'this string is not closed on its line; end it with `"` (HCL syntax); fix it or run `terraform init` again'],
      [0, 47, 'this `{` is never closed (HCL syntax); fix it or run `terraform init` again'],
    ]);
  });
});

describe('ecosystems/terraform: the HCL reader is total', () => {
  totalityTests(tf, terraformSamples.map((s) => ({ path: s.file, text: s.text })), 2026);

  /** Text made of HCL's own pieces, so that strings, templates, heredocs and brackets meet in every order. */
  const hclish = fc
    .array(
      fc.constantFrom(
        'module "m" {', 'terraform {', 'required_providers {', 'aws = {', '}', '{', '[', ']', '(', ')', '\n', '\r\n', ' ', ',',
        'source = "acme/m/aws"', 'source = "git::https://x.dev/r.git?ref=v1.2.0"', 'version = "~> 1.2"', 'required_version = ">= 1.5"',
        '"', '"${', '${', '%{', '$${', '"${ "}" }"', '\\"', '<<EOT\n', '<<-EOT\n', 'EOT\n', '#', '//', '/*', '*/', '=', ':', 'x',
      ),
      { maxLength: 40 },
    )
    .map((parts) => parts.join(''));

  it('never throws on HCL-like text; every range holds the version text or the name', () => {
    fc.assert(
      fc.property(hclish, (text) => {
        checkTotal(tf, text, MAIN);
        checkTotal(runtimeModule, text, MAIN);
        for (const t of tokenize(text).tokens) assert.ok(0 <= t.span.start && t.span.start < t.span.end && t.span.end <= text.length);
      }),
      { seed: 7, numRuns: 1000 },
    );
  });

  it('reports a file over 1 MB and reads nothing of it', () => {
    const block = 'module "vpc" {\n  source  = "acme/vpc/aws"\n  version = "~> 2.3.0"\n}\n';
    const text = block.repeat(Math.ceil(1_000_001 / block.length));
    const parsed = tf.parse(text, MAIN);
    assert.deepEqual(parsed.uses, []);
    assert.deepEqual(parsed.problems.map((p) => p.message), ['this file is larger than 1 MB; it was not read (HCL syntax)']);
    assert.equal(tf.parse(block.repeat(Math.floor(1_000_000 / block.length)), MAIN).uses.length, Math.floor(1_000_000 / block.length));
  });

  it('reads a long run of nesting and unclosed templates in linear time', () => {
    for (const text of ['{'.repeat(200_000), '"${'.repeat(100_000), '<<EOT\n'.repeat(50_000), 'a = [\n'.repeat(100_000)]) {
      const start = performance.now();
      tf.parse(text, MAIN);
      assert.ok(performance.now() - start < 2000, `${text.slice(0, 6)}… took too long`);
    }
  });
});
