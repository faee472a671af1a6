import { defineConfig, type Plugin } from 'vite';
import preact from '@preact/preset-vite';
import { VitePWA } from 'vite-plugin-pwa';
import { resolve } from 'node:path';
import { retainAssets, retentionDays } from './src/server/static/retain';

// The reviewer screens (src/review/**) go to chunks named review-*, which the precache ignores: a field phone
// never downloads them. Their CSS takes its chunk's name (review-*.css).
const isReviewModule = (id: string) => /(^|[\\/])src[\\/]review[\\/]/.test(id);

// Before a build empties dist/, its hashed files are copied aside for ASSET_RETENTION_DAYS: a tab opened before this
// deploy still loads its lazy screens (src/server/static/retain.ts; README, "A tab left open across an update").
function keepPreviousAssets(): Plugin {
  let outDir = '';
  return {
    name: 'gs:keep-previous-assets',
    apply: 'build',
    configResolved(config) {
      outDir = resolve(config.root, config.build.outDir);
    },
    buildStart() {
      retainAssets(outDir, { days: retentionDays(process.env.ASSET_RETENTION_DAYS) });
    },
  };
}

// The oldest engines supported (README "Điện thoại hỗ trợ"); public/floor.js shows a page below them.
const FLOOR = ['chrome92', 'edge92', 'safari16.4', 'ios16.4', 'firefox105'];

export default defineConfig({
  plugins: [
    keepPreviousAssets(),
    preact(),
    VitePWA({
      strategies: 'injectManifest',
      srcDir: 'src/sw',
      filename: 'sw.ts',
      // Registration is done by src/field/pwa with workbox-window, so the update is applied only when the user agrees.
      injectRegister: false,
      includeManifestIcons: false,
      injectManifest: {
        // No webmanifest here: the plugin adds manifest.webmanifest itself, and globbing it too precaches it twice.
        globPatterns: ['**/*.{js,css,html,svg,png,txt}'],
        // Reviewer screens (lazy chunks named review-*) are never precached: a field phone never downloads them.
        // Screenshots (README, manifest install sheet) are fetched by the browser only when it shows them.
        globIgnores: ['**/review-*.js', '**/review-*.css', 'screenshots/**'],
        target: FLOOR,
      },
      manifest: {
        id: '/',
        name: 'Gương Sáng — Người tốt, việc tốt Lai Châu',
        short_name: 'Gương Sáng',
        description: 'Ghi nhận gương người tốt, việc tốt ngay tại thôn, bản — kể cả khi không có mạng.',
        lang: 'vi',
        dir: 'ltr',
        start_url: '/',
        scope: '/',
        display: 'standalone',
        orientation: 'portrait',
        theme_color: '#9b1c1c',
        background_color: '#fffaf3',
        icons: [
          { src: '/icons/icon-192.png', sizes: '192x192', type: 'image/png', purpose: 'any' },
          { src: '/icons/icon-512.png', sizes: '512x512', type: 'image/png', purpose: 'any' },
          { src: '/icons/icon-maskable-512.png', sizes: '512x512', type: 'image/png', purpose: 'maskable' },
        ],
        // Shown by the browser's install sheet only (never precached).
        screenshots: [
          { src: '/screenshots/list-offline.png', sizes: '720x1280', type: 'image/png', form_factor: 'narrow', label: 'Danh sách hồ sơ, dùng được khi không có mạng' },
          { src: '/screenshots/form-photos.png', sizes: '720x1280', type: 'image/png', form_factor: 'narrow', label: 'Ảnh được thu nhỏ, xoay đúng chiều, xoá thông tin vị trí' },
        ],
      },
    }),
  ],
  // Dexie's modern build (native classes and async code, as the floor allows) instead of its ES5 one: 1.3 KB less
  // gzip in the first screen's bundle, and less for a phone to parse.
  resolve: { alias: [{ find: /^dexie$/, replacement: 'dexie/dist/modern/dexie.mjs' }] },
  worker: { format: 'es' },
  build: {
    target: FLOOR,
    sourcemap: false,
    reportCompressedSize: false,
    rolldownOptions: {
      output: {
        // Everything the first screen needs in one file: split into many small chunks (whenever a lazy screen shares
        // part of it), it costs more bytes gzipped one by one — and the first screen has a 60 KB budget.
        codeSplitting: { groups: [{ name: 'first-screen', tags: ['$initial'] }] },
        chunkFileNames: (chunk) => `assets/${chunk.moduleIds.some(isReviewModule) ? 'review-' : ''}[name]-[hash].js`,
        assetFileNames: (asset) => `assets/${asset.originalFileNames.some(isReviewModule) ? 'review-' : ''}[name]-[hash][extname]`,
      },
    },
  },
  preview: { port: 8080, strictPort: true },
});
