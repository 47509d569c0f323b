/** A catalog whose one component, a Maven auth client, is deprecated below 5: the parent-pom tests' and the editor's. */
export const AUTH_CATALOG = `schema: platform-guide/v1
teams:
  - id: jvm
    name: JVM
components:
  - id: auth
    name: Auth client
    owner: jvm
    packages:
      - maven: com.acme:auth
    deprecations:
      - versions: "<5.0.0"
        message: Auth 4 is retired.
`;
