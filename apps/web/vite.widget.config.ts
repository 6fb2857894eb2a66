import { defineConfig } from 'vite';

/**
 * The embeddable widget: one self-contained IIFE script (no framework, no
 * chunks) in dist-widget/widget.js, which the server serves at /widget.js.
 */
export default defineConfig({
  build: {
    outDir: 'dist-widget',
    emptyOutDir: true,
    copyPublicDir: false,
    lib: {
      entry: 'widget/widget.ts',
      formats: ['iife'],
      name: 'FlowDeskWidget',
      fileName: () => 'widget.js',
    },
  },
});
