import * as fs from 'node:fs';
import * as path from 'node:path';
import { DEFAULT_LIMITS } from '../../shared/config/limits';
import type { ReaderContext } from '../../tasks/DrCheckV1/src/readers/types';

/** A reader context over `root` that reads files from disk, as reader tests use it. */
export function readerContext(root: string): ReaderContext {
  return {
    root,
    config: {},
    configDir: root,
    limits: DEFAULT_LIMITS,
    rel: (p) => path.relative(root, p).split(path.sep).join('/'),
    readText: (p) => {
      try {
        return { text: fs.readFileSync(p, 'utf8') };
      } catch (e) {
        return { error: (e as NodeJS.ErrnoException).code ?? 'error' };
      }
    },
    // Reader tests read fixtures directly; the scan's repository confinement is tested in test/hardening/confinement.test.ts.
    confine: (p: string) => p,
    bicep: 'native',
  };
}
