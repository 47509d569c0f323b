/**
 * Realistic files of this ecosystem, with the paths they would have in a repository: for the
 * contract test every module passes and for the parser fuzzer, which mutates them.
 */
export const samples: readonly { readonly path: string; readonly text: string }[] = [
  {
    path: '.gitlab-ci.yml',
    text: `stages: [build, test, deploy]

include:
  - local: '/.gitlab/ci/rules.gitlab-ci.yml'
  - template: Jobs/SAST.gitlab-ci.yml
  - project: 'acme/ci-templates'
    ref: v2.3.1
    file:
      - '/templates/node.yml'
      - '/templates/docker.yml'
  - project: acme/shared-pipelines
    file: /deploy.yml
  - component: $CI_SERVER_FQDN/acme/ci/build@1.4.0
    inputs:
      stage: build
  - component: "gitlab.acme.dev/acme/ci/scan@~latest"
  - remote: https://example.com/ci/lint.yml

build:
  stage: build
  image: node:20
  script:
    - npm ci
    - npm run build

deploy:
  stage: deploy
  trigger:
    project: acme/deployer
    branch: main
`,
  },
  {
    path: '.gitlab/ci/release.gitlab-ci.yml',
    text: `spec:
  inputs:
    stage:
      default: release
---
include:
  project: acme/release-tools
  ref: 1.8
  file: /release.yml

release:
  stage: $[[ inputs.stage ]]
  script: ./release.sh
`,
  },
  {
    path: 'services/api/api.gitlab-ci.yml',
    text: `include:
  - 'services/api/jobs.yml'
  - project: acme/ci-templates
    ref: v2.3.0
    file: /templates/api.yml

.defaults: &defaults
  ref: &pinned 0f4c3a5b2e1d9c8b7a6f5e4d3c2b1a0f9e8d7c6b

test:api:
  extends: .build
  script:
    - !reference [.setup, script]
    - make test
`,
  },
  {
    path: '.gitlab/ci/components/scan.yml',
    text: `include:
  - component: gitlab.com/acme/security/secret-detection@2
  - component: $CI_SERVER_FQDN/acme/security/sast@main
  - project: $CI_PROJECT_NAMESPACE/common
    ref: $COMMON_REF
    file: common.yml
`,
  },
];
