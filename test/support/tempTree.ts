import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

/** Writes a file of a tree made for one test, its folders first. */
export type WriteFile = (file: string, text: string) => void;

/** Runs `body` on a new folder under the system's temporary one, removed afterwards whatever happens. */
export function withTempTree<T>(prefix: string, body: (root: string, write: WriteFile) => T): T {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  const write: WriteFile = (file, text) => {
    fs.mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
    fs.writeFileSync(path.join(root, file), text);
  };
  try {
    return body(root, write);
  } finally {
    fs.rmSync(root, { recursive: true, force: true });
  }
}
