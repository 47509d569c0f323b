import type { Sample } from '../samples';

/**
 * Charts as people write them (an umbrella chart over platform charts, aliases, local subcharts,
 * quoted and unquoted constraints, a Helm 2 requirements.yaml): for the contract test over the
 * registry and the fuzzer, which mutates them.
 */
export const helmSamples: readonly Sample[] = [
  {
    file: 'deploy/charts/storefront/Chart.yaml',
    text: `# The storefront umbrella chart.
apiVersion: v2
name: storefront
description: Web shop front end and its backing services
type: application
version: 3.4.0
appVersion: "2026.11.2"
kubeVersion: ">=1.27.0-0"
maintainers:
  - name: shop-team
    email: shop@acme.dev
dependencies:
  - name: acme-service
    version: ~4.2
    repository: https://charts.acme.dev/platform
    alias: web
  - name: acme-service
    version: "~4.2"
    repository: https://charts.acme.dev/platform
    alias: worker
    condition: worker.enabled
  - name: acme-redis
    version: ">= 2.1, < 3"
    repository: oci://registry.acme.dev/charts
    tags:
      - cache
  - name: acme-ingress
    version: 1.8.x
    repository: "@acme-platform"
    import-values:
      - child: exports.hosts
        parent: hosts
  - name: fixtures
    version: 0.1.0
    condition: fixtures.enabled
  - condition: metrics.enabled
    repository: https://charts.acme.dev/platform
    name: acme-metrics
`,
  },
  {
    file: 'legacy/billing/requirements.yaml',
    text: `dependencies:
- name: acme-postgres
  version: ^9.1.0 || ^10.0.0
  repository: https://charts.acme.dev/stable
- name: acme-service
  version: 3.1.2
  repository: https://charts.acme.dev/stable/
`,
  },
  {
    file: 'charts/gateway/Chart.yaml',
    text: `apiVersion: v2
name: gateway
version: 0.9.1
defaults: &platform
  repository: https://charts.acme.dev/platform
  version: "1.2 - 1.4"
dependencies: [{ name: acme-service, version: "^5.0.0", repository: "https://charts.acme.dev/platform" }, { <<: *platform, name: acme-ingress }]
`,
  },
];
