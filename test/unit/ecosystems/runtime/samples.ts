import type { Sample } from '../samples';

/** The files that pin a runtime, in the shapes version managers and people write them. */
export const runtimeSamples: readonly Sample[] = [
  { file: '.nvmrc', text: 'v20.11.1\n' },
  { file: 'web/.nvmrc', text: '# the LTS line the team supports\nlts/iron\n' },
  { file: 'apps/admin/.node-version', text: '18\n' },
  { file: '.python-version', text: '3.12.2\n3.11\n' },
  { file: 'infra/.terraform-version', text: '1.7.5\n' },
  { file: 'tools/.go-version', text: '1.22.1\r\n' },
  { file: 'services/ledger/.java-version', text: 'openjdk64-17.0.2\n' },
  {
    file: '.tool-versions',
    text: '# asdf and mise\nnodejs 20.11.1 18.19.0\ngolang 1.22.1\npython 3.12.2 system\njava temurin-21.0.2+13.0.LTS\nterraform 1.7.5\nkubectl 1.29.2\n',
  },
  {
    file: 'package.json',
    text: '{\n  "name": "@acme/web",\n  "private": true,\n  "engines": {\n    "node": ">=18.17 <23",\n    "npm": ">=9"\n  },\n  "volta": {\n    "node": "20.11.1"\n  },\n  "dependencies": {\n    "@acme/ui": "^3.2.0"\n  }\n}\n',
  },
  { file: 'services/api/go.mod', text: 'module github.com/acme/api\n\ngo 1.21.6\n\ntoolchain go1.22.1\n\nrequire github.com/acme/platform-sdk v1.8.2\n' },
];
