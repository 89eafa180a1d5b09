import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

/**
 * The server serves dist/ as static files with an SPA fallback, so the build is rooted at '/'. The
 * manifest lets bench/web-bundle-size.ts follow exactly which chunks each route needs.
 */
export default defineConfig({
  plugins: [react()],
  base: '/',
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    manifest: true,
    target: 'es2022',
    rollupOptions: {
      output: {
        // ECharts is large; naming its chunk keeps it out of shared chunks and makes leaks easy to spot.
        manualChunks(id: string): string | null {
          if (/[\\/]node_modules[\\/](echarts|zrender)[\\/]/.test(id)) return 'echarts';
          return null;
        },
      },
    },
  },
  server: {
    port: 5173,
    proxy: { '/api': { target: 'http://127.0.0.1:8080', changeOrigin: false } },
  },
});
