/**
 * Which files a scanned file may pull in (modules, linked templates, parameter files, `load*Content`): those
 * in the scanned folder or the Git repository around it. A template in a pull request must not make drcheck
 * read files elsewhere on the build agent and echo them in its reports.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';

/** The real path (links resolved), or the resolved path when the file does not exist. */
export function realOrResolved(p: string): string {
  try {
    return fs.realpathSync.native(p);
  } catch {
    return path.resolve(p);
  }
}

/** Whether `file` is `dir` or below it (both absolute). */
export function isInside(file: string, dir: string): boolean {
  const r = path.relative(dir, file);
  return r === '' || (!r.startsWith(`..${path.sep}`) && r !== '..' && !path.isAbsolute(r));
}

/** A folder (by real path) and the Git work tree around it, if any. */
export function repositoryRoots(dir: string): string[] {
  const roots = [realOrResolved(dir)];
  for (let d = path.resolve(dir); ; d = path.dirname(d)) {
    if (fs.existsSync(path.join(d, '.git'))) {
      roots.push(realOrResolved(d));
      break;
    }
    if (path.dirname(d) === d) break;
  }
  return roots;
}

/** The real path of `file` when it lies inside one of `roots` (real paths), else undefined. */
export function confined(file: string, roots: readonly string[]): string | undefined {
  const real = realOrResolved(file); // a link inside the repository may point anywhere
  return roots.some((r) => isInside(real, r)) ? real : undefined;
}
