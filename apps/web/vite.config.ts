import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

/** `npm run dev` proxies the API to a server started with `npm run dev` at the root (port 3000). */
const API = process.env.FLOWDESK_API_URL ?? 'http://localhost:3000';

export default defineConfig({
  plugins: [react()],
  server: {
    proxy: { '/trpc': API, '/api': API, '/healthz': API },
  },
  build: {
    outDir: 'dist',
    // Monaco is big by nature; it lives in its own lazy chunk and is never part of the first load.
    chunkSizeWarningLimit: 5000,
  },
  worker: { format: 'es' },
});
