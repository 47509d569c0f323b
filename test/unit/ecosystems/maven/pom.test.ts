import * as assert from 'node:assert/strict';
import { mavenModule } from '../../../../src/core/ecosystems/maven';
import { applySplices } from '../../../../src/core/migrate/manifest';
import { LineIndex } from '../../../../src/core/positions';

/** Each use as [section, name, constraint, the text at its range]. */
function uses(text: string): Array<[string, string, string | null, string]> {
  const index = new LineIndex(text);
  const parsed = mavenModule.parse(text, 'pom.xml');
  assert.deepEqual(parsed.problems, []);
  return mavenModule
    .locate(text, 'pom.xml', parsed.uses)
    .map((u) => [u.section, u.name, u.constraint, text.slice(index.offsetAt(u.range.start), index.offsetAt(u.range.end))]);
}

const project = (body: string, properties = ''): string =>
  `<?xml version="1.0"?>\n<project xmlns="http://maven.apache.org/POM/4.0.0">\n<properties>${properties}</properties>\n${body}\n</project>\n`;
const dep = (g: string, a: string, v?: string, extra = ''): string =>
  `<dependency><groupId>${g}</groupId><artifactId>${a}</artifactId>${v === undefined ? '' : `<version>${v}</version>`}${extra}</dependency>`;

describe('maven: pom.xml', () => {
  describe('what is a use', () => {
    const table: Array<[string, string, Array<[string, string, string | null, string]>]> = [
      ['a parent', project('<parent><groupId>com.acme</groupId><artifactId>acme-parent</artifactId><version>3.1.0</version></parent>'), [['parent', 'com.acme:acme-parent', '3.1.0', '3.1.0']]],
      ['a dependency', project(`<dependencies>${dep('g', 'a', '1.0')}</dependencies>`), [['dependencies', 'g:a', '1.0', '1.0']]],
      [
        'a BOM import in dependencyManagement',
        project(`<dependencyManagement><dependencies>${dep('com.acme', 'bom', '2.0.0', '<type>pom</type><scope>import</scope>')}</dependencies></dependencyManagement>`),
        [['dependencyManagement', 'com.acme:bom', '2.0.0', '2.0.0']],
      ],
      [
        'a plugin without groupId is one of Maven’s',
        project('<build><plugins><plugin><artifactId>maven-surefire-plugin</artifactId><version>3.2.5</version></plugin></plugins></build>'),
        [['build.plugins', 'org.apache.maven.plugins:maven-surefire-plugin', '3.2.5', '3.2.5']],
      ],
      [
        'pluginManagement, reporting, extensions',
        project(
          '<build><pluginManagement><plugins><plugin><groupId>p</groupId><artifactId>m</artifactId><version>1</version></plugin></plugins></pluginManagement>' +
            '<extensions><extension><groupId>e</groupId><artifactId>x</artifactId><version>2</version></extension></extensions></build>' +
            '<reporting><plugins><plugin><groupId>r</groupId><artifactId>p</artifactId><version>3</version></plugin></plugins></reporting>',
        ),
        [
          ['build.pluginManagement', 'p:m', '1', '1'],
          ['build.extensions', 'e:x', '2', '2'],
          ['reporting.plugins', 'r:p', '3', '3'],
        ],
      ],
      [
        'a plugin’s dependencies, not its configuration',
        project(
          '<build><plugins><plugin><groupId>org.apache.maven.plugins</groupId><artifactId>maven-compiler-plugin</artifactId><version>3.13.0</version>' +
            '<configuration><annotationProcessorPaths><path><groupId>org.projectlombok</groupId><artifactId>lombok</artifactId><version>1.18.32</version></path></annotationProcessorPaths></configuration>' +
            `<dependencies>${dep('org.ow2.asm', 'asm', '9.7')}</dependencies></plugin></plugins></build>`,
        ),
        [
          ['build.plugins.dependencies', 'org.ow2.asm:asm', '9.7', '9.7'],
          ['build.plugins', 'org.apache.maven.plugins:maven-compiler-plugin', '3.13.0', '3.13.0'],
        ],
      ],
      [
        'not the exclusions',
        project(`<dependencies>${dep('g', 'a', '1.0', '<exclusions><exclusion><groupId>x</groupId><artifactId>y</artifactId></exclusion></exclusions>')}</dependencies>`),
        [['dependencies', 'g:a', '1.0', '1.0']],
      ],
      [
        'in a profile',
        project(`<profiles><profile><id>it</id><dependencies>${dep('g', 'a', '[1.0,2.0)')}</dependencies><build><plugins><plugin><artifactId>x</artifactId><version>1</version></plugin></plugins></build></profile></profiles>`),
        [
          ['profiles.dependencies', 'g:a', '[1.0,2.0)', '[1.0,2.0)'],
          ['profiles.build.plugins', 'org.apache.maven.plugins:x', '1', '1'],
        ],
      ],
      ['no version: located on the artifactId', project(`<dependencies>${dep('g', 'managed')}</dependencies>`), [['dependencies', 'g:managed', null, 'managed']]],
      ['no groupId on a dependency: not a use', project('<dependencies><dependency><artifactId>a</artifactId><version>1</version></dependency></dependencies>'), []],
      ['the project’s own coordinates are not a use', '<project><groupId>g</groupId><artifactId>a</artifactId><version>1.0</version></project>', []],
      ['a comment is not a use', project(`<dependencies><!-- ${dep('g', 'old', '1.0')} --></dependencies>`), []],
      ['spaces around the text', project('<dependencies><dependency>\n <groupId> g </groupId>\n <artifactId>\ta\t</artifactId>\n <version>\n  1.0\n </version></dependency></dependencies>'), [['dependencies', 'g:a', '1.0', '1.0']]],
    ];
    for (const [what, text, want] of table) it(what, () => assert.deepEqual(uses(text), want));
  });

  describe('properties', () => {
    const table: Array<[string, string, Array<[string, string, string | null, string]>]> = [
      ['a version from <properties>: the range is the value', project(`<dependencies>${dep('g', 'a', '${a.version}')}</dependencies>`, '<a.version>2.3.1</a.version>'), [['dependencies', 'g:a', '2.3.1', '2.3.1']]],
      [
        'two uses of one definition by one package are one use',
        project(`<dependencies>${dep('g', 'a', '${v}')}${dep('g', 'a', '${v}', '<classifier>tests</classifier>')}${dep('g', 'b', '${v}')}</dependencies>`, '<v>1.0</v>'),
        [
          ['dependencies', 'g:a', '1.0', '1.0'],
          ['dependencies', 'g:b', '1.0', '1.0'],
        ],
      ],
      ['a property naming a property', project(`<dependencies>${dep('g', 'a', '${x}')}</dependencies>`, '<x>${y}</x><y>4.0</y>'), [['dependencies', 'g:a', '4.0', '4.0']]],
      ['a loop of properties stays as written', project(`<dependencies>${dep('g', 'a', '${x}')}</dependencies>`, '<x>${y}</x><y>${x}</y>'), [['dependencies', 'g:a', '${x}', '${x}']]],
      ['groupId and artifactId from properties', project(`<dependencies>${dep('${acme.group}', '${acme.prefix}-core', '1')}</dependencies>`, '<acme.group>com.acme</acme.group><acme.prefix>acme</acme.prefix>'), [['dependencies', 'com.acme:acme-core', '1', '1']]],
      [
        '${project.version} and ${project.groupId}',
        `<project><groupId>com.acme</groupId><artifactId>p</artifactId><version>1.4.0</version><dependencies>${dep('${project.groupId}', 'model', '${project.version}')}</dependencies></project>`,
        [['dependencies', 'com.acme:model', '1.4.0', '1.4.0']],
      ],
      [
        '${project.version} inherited from the parent, ${project.parent.version}',
        `<project><parent><groupId>g</groupId><artifactId>pp</artifactId><version>2.0.0</version></parent><artifactId>c</artifactId><dependencies>${dep('g', 'a', '${project.version}')}${dep('g', 'b', '${project.parent.version}')}</dependencies></project>`,
        [
          ['parent', 'g:pp', '2.0.0', '2.0.0'],
          ['dependencies', 'g:a', '2.0.0', '2.0.0'],
          ['dependencies', 'g:b', '2.0.0', '2.0.0'],
        ],
      ],
      ['a profile’s property when the project has none', project(`<dependencies>${dep('g', 'a', '${p}')}</dependencies><profiles><profile><properties><p>5.1</p></properties></profile></profiles>`), [['dependencies', 'g:a', '5.1', '5.1']]],
      ['undefined here: stays as written (a parent may define it)', project(`<dependencies>${dep('g', 'a', '${from.parent}')}</dependencies>`), [['dependencies', 'g:a', '${from.parent}', '${from.parent}']]],
      ['an element inside a property value is no property', project(`<dependencies>${dep('g', 'a', '${v}')}</dependencies>`, '<v>1.0</v><nested><w>9</w></nested>'), [['dependencies', 'g:a', '1.0', '1.0']]],
    ];
    for (const [what, text, want] of table) it(what, () => assert.deepEqual(uses(text), want));
  });

  describe('malformed XML is a problem with a place, never a throw', () => {
    const table: Array<[string, string, number, RegExp]> = [
      ['an unclosed tag at the end', '<project>\n<dependencies>\n<dependency><groupId>g</groupId>', 2, /unclosed tag/],
      ['a mismatched close tag', '<project>\n  <dependencies></dependency>\n</project>', 1, /close tag|unexpected/i],
      ['not XML at all', '{ "name": "x" }', 0, /not well-formed XML/],
      ['an undefined entity', '<project><groupId>&nbsp;</groupId></project>', 0, /entity/i],
    ];
    for (const [what, text, line, message] of table) {
      it(what, () => {
        const parsed = mavenModule.parse(text, 'pom.xml');
        assert.equal(parsed.problems.length, 1);
        assert.equal(parsed.problems[0]!.range.start.line, line);
        assert.match(parsed.problems[0]!.message, message);
        assert.match(parsed.problems[0]!.message, /fix the XML/);
      });
    }

    it('reads the uses before a problem later in the file', () => {
      const parsed = mavenModule.parse(`<project><dependencies>${dep('g', 'a', '1.0')}</dependencies><oops></project>`, 'pom.xml');
      assert.deepEqual(parsed.uses.map((u) => u.name), ['g:a']);
      assert.equal(parsed.problems.length, 1);
    });
  });

  describe('positions', () => {
    it('are UTF-16 offsets after astral characters and CRLF line ends', () => {
      const text = `<project>\r\n<!-- 😀😀 -->\r\n<name>é😀</name><dependencies>${dep('g', 'a', '1.2.3')}</dependencies></project>`;
      assert.deepEqual(uses(text), [['dependencies', 'g:a', '1.2.3', '1.2.3']]);
    });

    it('stay exact past the 64 KiB chunks the parser is fed in (astral characters and CRLF across the seams)', () => {
      const filler = `<!-- ${'😀 ab\r\n'.repeat(20_000)} -->`;
      const text = project(`<dependencies>${filler}${dep('g', 'a', '1.2.3')}${filler}${dep('g', 'b', '4.5.6')}</dependencies>`);
      assert.ok(text.length > 3 * 65_536);
      assert.deepEqual(uses(text), [['dependencies', 'g:a', '1.2.3', '1.2.3'], ['dependencies', 'g:b', '4.5.6', '4.5.6']]);
    });

    it('a file over 5 million characters is refused, not parsed', () => {
      const parsed = mavenModule.parse(`<project>${' '.repeat(5_000_001)}</project>`, 'pom.xml');
      assert.deepEqual(parsed.uses, []);
      assert.match(parsed.problems[0]!.message, /larger than 5 million characters, which no pom needs; it was not read/);
    });

    it('a version with an entity or a comment inside is taken as written: unknown, never bumped', () => {
      const text = project(`<dependencies>${dep('g', 'a', '1.0&#46;1')}${dep('g', 'b', '2.0<!-- pinned -->')}</dependencies>`);
      assert.deepEqual(uses(text), [
        ['dependencies', 'g:a', '1.0&#46;1', '1.0&#46;1'],
        ['dependencies', 'g:b', '2.0<!-- pinned -->', '2.0<!-- pinned -->'],
      ]);
      assert.equal(mavenModule.versioning.normalise('1.0&#46;1').kind, 'unknown');
    });
  });

  describe('rename', () => {
    const table: Array<[string, string, string, string, string, string[]]> = [
      ['groupId and artifactId', project(`<dependencies>${dep('com.acme', 'old-client', '1.0')}</dependencies>`), 'com.acme:old-client', 'com.acme.platform:new-client', project(`<dependencies>${dep('com.acme.platform', 'new-client', '1.0')}</dependencies>`), []],
      ['only the artifactId', project(`<dependencies>${dep('g', 'a', '1.0')}${dep('g', 'b', '1.0')}</dependencies>`), 'g:a', 'g:c', project(`<dependencies>${dep('g', 'c', '1.0')}${dep('g', 'b', '1.0')}</dependencies>`), []],
      ['not inside exclusions', project(`<dependencies>${dep('g', 'b', '1', '<exclusions><exclusion><groupId>g</groupId><artifactId>a</artifactId></exclusion></exclusions>')}</dependencies>`), 'g:a', 'g:c', project(`<dependencies>${dep('g', 'b', '1', '<exclusions><exclusion><groupId>g</groupId><artifactId>a</artifactId></exclusion></exclusions>')}</dependencies>`), []],
    ];
    for (const [what, text, from, to, want, notes] of table) {
      it(what, () => {
        const r = mavenModule.rename(text, 'pom.xml', from, to);
        assert.deepEqual(r.notes, notes);
        assert.equal(applySplices(text, r.splices), want);
      });
    }

    it('a plugin’s implied groupId is not invented: it says what to add', () => {
      const text = project('<build><plugins><plugin><artifactId>maven-x-plugin</artifactId><version>1</version></plugin></plugins></build>');
      const r = mavenModule.rename(text, 'pom.xml', 'org.apache.maven.plugins:maven-x-plugin', 'org.acme:x-plugin');
      assert.equal(applySplices(text, r.splices), text.replace('maven-x-plugin', 'x-plugin'));
      assert.match(r.notes.join('\n'), /add <groupId>org\.acme<\/groupId> by hand/);
    });

    it('a name from a property is left alone and said so', () => {
      const text = project(`<dependencies>${dep('${g}', 'a', '1')}</dependencies>`, '<g>com.acme</g>');
      const r = mavenModule.rename(text, 'pom.xml', 'com.acme:a', 'org.acme:a');
      assert.deepEqual(r.splices, []);
      assert.match(r.notes.join('\n'), /"\$\{g\}" is built from a property or escapes; rename it by hand/);
    });
  });
});
