// Compiles the server to JavaScript for production (`npm run build:server`, part of `npm run build`):
// server/src/main.ts and cli.ts, with @diemcau/shared's sources, bundled by esbuild into server/dist.
// Every npm package stays external (mediasoup and better-sqlite3 are native, knex loads its dialects
// by name) and is loaded from node_modules at run time, as under tsx. Types are checked by tsc
// (`npm run typecheck`), not here.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import * as esbuild from 'esbuild';

const serverDir = path.dirname(fileURLToPath(import.meta.url));
const outdir = path.join(serverDir, 'dist');

/** npm packages (but not the workspace's own shared sources) are imported at run time, not bundled. */
const externalPackages = {
  name: 'external-packages',
  setup(build) {
    build.onResolve({ filter: /^[^./]/ }, (args) => (args.path.startsWith('@diemcau/') ? undefined : { path: args.path, external: true }));
    // The worker cache locates the SFU binary relative to its own file: it is loaded from deploy/, not copied.
    build.onResolve({ filter: /\/deploy\/worker\/cache\.mjs$/ }, (args) => {
      const file = path.resolve(args.resolveDir, args.path);
      return { path: path.relative(outdir, file).split(path.sep).join('/'), external: true };
    });
  },
};

await esbuild.build({
  entryPoints: { main: path.join(serverDir, 'src/main.ts'), cli: path.join(serverDir, 'src/cli.ts') },
  outdir,
  bundle: true,
  splitting: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  sourcemap: true,
  // Chunks shared by main and cli: one directory, so import.meta.url-relative paths hold for all of them.
  chunkNames: '[name]-[hash]',
  plugins: [externalPackages],
  logLevel: 'warning',
});
