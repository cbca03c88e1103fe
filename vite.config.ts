import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

// The renderer build, served by `dossier serve` and loaded by the desktop shell. Relative asset paths so the
// same build works from app:// and http://127.0.0.1.
export default defineConfig({
  root: 'renderer',
  base: './',
  plugins: [react()],
  build: {
    outDir: '../dist/renderer',
    emptyOutDir: true,
    sourcemap: true,
    target: 'chrome120',
    // Served from disk or loopback, never over a network: one bundle is fine.
    chunkSizeWarningLimit: 2000,
  },
});
