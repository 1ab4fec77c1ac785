import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

// The console is served by the emulator (or any static server) from www/dist.
export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  base: './',
  build: { outDir: 'dist', emptyOutDir: true, target: 'es2022', assetsInlineLimit: 0 },
});
