import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

/** A throwaway repository in the temp folder with the given files (relative path → content). */
export function repo(files: Record<string, string | Buffer>, prefix = 'drcheck-'): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  for (const [rel, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
    fs.writeFileSync(path.join(dir, rel), text);
  }
  return dir;
}
