import { defineConfig } from 'vite';
import type { UserConfig } from 'vite';
import react from '@vitejs/plugin-react';

/** Where `npm run dev -w @anxin/web` sends /api; `anxin serve` listens on 8080 by default. */
const DEV_API = process.env.ANXIN_DEV_API ?? 'http://127.0.0.1:8080';

/**
 * The server serves dist/ as static files with an SPA fallback, so the build is rooted at '/'. The
 * manifest lets bench/web-bundle-size.ts follow exactly which chunks each route needs.
 */
const config: UserConfig = {
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
    proxy: { '/api': { target: DEV_API, changeOrigin: false } },
  },
};

export default defineConfig(({ command }) => {
  // A build started from a test runner inherits NODE_ENV=test, which would ship React's development
  // build (3x larger, with dev-only warnings). The production bundle is always a production build.
  if (command === 'build') process.env.NODE_ENV = 'production';
  return config;
});
