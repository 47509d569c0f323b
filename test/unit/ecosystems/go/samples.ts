import type { Sample } from '../samples';

/**
 * go.mod files as the go command writes them (a direct and an indirect `require` block, pseudo-
 * versions, `+incompatible`, `/vN` paths, `replace`, `exclude`, `retract`), and as people edit them
 * (single-line requires, comments, quoted paths, CRLF): for the contract test and the fuzzer.
 */
export const goSamples: readonly Sample[] = [
  {
    file: 'go.mod',
    text: `// Code owners: platform-api. Run \`go mod tidy\` after editing.
module github.com/acme/orders

go 1.22.5

toolchain go1.23.2

godebug default=go1.21

require (
\tgithub.com/acme/platform-sdk v1.8.2
\tgithub.com/acme/telemetry/v3 v3.4.0
\tgithub.com/go-chi/chi/v5 v5.1.0
\tgithub.com/google/uuid v1.6.0
\tgithub.com/legacy/config v2.3.1+incompatible
\tgolang.org/x/sync v0.0.0-20240416160154-fe59bbe5cc7f
\tgoogle.golang.org/grpc v1.64.0
\tgopkg.in/yaml.v3 v3.0.1
)

require (
\tgithub.com/acme/auth v0.4.3-0.20240501093000-1a2b3c4d5e6f // indirect
\tgithub.com/davecgh/go-spew v1.1.1 // indirect
\tgolang.org/x/net v0.26.0 // indirect
)

replace github.com/acme/platform-sdk => ../platform-sdk

exclude github.com/google/uuid v1.5.0

retract v1.0.1 // published by mistake
`,
  },
  {
    file: 'services/billing/go.mod',
    text: '\ufeffmodule "github.com/acme/billing"\r\n\r\ngo 1.21\r\n\r\nrequire github.com/acme/platform-sdk v1.2.0 // pinned until the v1.3 rollout\r\nrequire "github.com/acme/ledger" v0.9.0\r\n\r\nrequire (\r\n\tgithub.com/acme/telemetry/v2 v2.0.0-rc.1\r\n)\r\n',
  },
];
