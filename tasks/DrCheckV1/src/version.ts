/** The drcheck version, from package.json (bundled at build time). */
import pkg from '../../../package.json';

export const TOOL_VERSION: string = pkg.version;
