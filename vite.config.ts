import * as path from 'node:path';
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

/**
 * The tab: built from tab/ into dist/tab/, served by the one server under /tab/ (see
 * src/server/tabStatic.ts and docs/adr/0013). `PHC_TAB_NO_SPLIT=1` builds everything into one
 * file in dist/tab-nosplit/: the benchmark's baseline for lazy loading.
 * (Vite defines `__dirname` for its config file.)
 */
const noSplit = process.env.PHC_TAB_NO_SPLIT === '1';

export default defineConfig({
  root: path.resolve(__dirname, 'tab'),
  base: '/tab/',
  plugins: [react()],
  build: {
    outDir: path.resolve(__dirname, noSplit ? 'dist/tab-nosplit' : 'dist/tab'),
    emptyOutDir: true,
    target: 'es2022',
    sourcemap: false,
    reportCompressedSize: false,
    chunkSizeWarningLimit: 2000,
    rollupOptions: noSplit ? { output: { inlineDynamicImports: true } } : {},
  },
  logLevel: 'warn',
});
