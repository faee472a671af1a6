// Production build of the server: `npm run build:server` → build/server/main.js, plain JS for `node`.
// Packages stay external (better-sqlite3 is native; all are in node_modules at run time); src/shared and its
// reference JSON are bundled in.
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

export default defineConfig({
  root: ROOT,
  publicDir: false,
  logLevel: 'warn',
  build: {
    ssr: true,
    outDir: 'build/server',
    emptyOutDir: true,
    target: 'node20',
    minify: false,
    sourcemap: true,
    rollupOptions: {
      input: { main: 'src/server/main.ts', cli: 'src/server/cli.ts' },
      output: { entryFileNames: '[name].js', chunkFileNames: 'shared-[hash].js', format: 'es' },
    },
  },
});
