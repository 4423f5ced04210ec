// @cdktf/hcl2json is HashiCorp's HCL parser compiled to WebAssembly. Its loader reads main.wasm.gz from
// beside its own lib folder; in a bundle that folder is gone, so the loader is pointed at the bundle's
// folder and the .wasm.gz is copied there.
import { copyFileSync, readFileSync } from 'node:fs';
import path from 'node:path';

export const hcl2jsonPlugin = {
  name: 'hcl2json-wasm',
  setup(build) {
    build.onLoad({ filter: /@cdktf[\\/]hcl2json[\\/]lib[\\/]bridge\.js$/ }, (args) => {
      const source = readFileSync(args.path, 'utf8');
      const patched = source.replace('(0, path_1.join)(__dirname, "..", "main.wasm.gz")', '(0, path_1.join)(__dirname, "main.wasm.gz")');
      if (patched === source) throw new Error('@cdktf/hcl2json changed its wasm loader; update build/hcl2json.mjs');
      return { contents: patched, loader: 'js' };
    });
  },
};

export function copyWasm(outDir) {
  copyFileSync(path.join('node_modules', '@cdktf', 'hcl2json', 'main.wasm.gz'), path.join(outDir, 'main.wasm.gz'));
}
