import type { Sample } from '../samples';

/** package.json files in the shapes the contract test must hold: sections, aliases, odd specs, CRLF, BOM, tabs. */
export const npmSamples: readonly Sample[] = [
  {
    file: 'package.json',
    text: `{
  "name": "web",
  "dependencies": {
    "@acme/ui": "^3.1.0",
    "left-pad": "1.3.0",
    "ui-legacy": "npm:@acme/ui@~2.4.0"
  },
  "devDependencies": {
    "@acme/lint": ">=1.2 <2",
    "local": "workspace:*",
    "tagged": "latest"
  }
}
`,
  },
  {
    file: 'apps/admin/package.json',
    text: '\ufeff{\r\n\t"peerDependencies": {\r\n\t\t"@acme/http": "2.x"\r\n\t},\r\n\t"optionalDependencies": {\r\n\t\t"@acme/icons": "v1.0.0",\r\n\t\t"git-dep": "github:acme/thing#main"\r\n\t}\r\n}',
  },
  {
    file: 'packages/theme/package.json',
    text: '{"name":"theme","dependencies":{"@acme/ui-theme":"~4.0","@acme/tokens":"npm:@acme/design-tokens@^1"},"workspaces":["packages/*"]}',
  },
];
