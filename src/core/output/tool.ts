/**
 * What the machine-readable outputs say about the tool that wrote them, so a finding in a CI
 * report can be traced to the release that produced it (`platform-guide --version` prints the
 * same version).
 */
export interface ToolInfo {
  version: string;
  /** Where a reader of a SARIF log learns about the tool (the package's `homepage`). */
  informationUri: string;
}
