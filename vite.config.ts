/// <reference types="vitest/config" />
import { readFileSync } from 'node:fs';
import react from '@vitejs/plugin-react';
import { defineConfig, type Plugin } from 'vite';
import { VitePWA } from 'vite-plugin-pwa';

/**
 * index.html carries the Content Security Policy of the built app. The dev
 * server needs inline scripts (React Fast Refresh's preamble) and a WebSocket
 * for hot reload, so `vite dev` serves the page without it.
 */
function devWithoutCsp(): Plugin {
  return {
    name: 'dumplens-dev-without-csp',
    apply: 'serve',
    transformIndexHtml: (html) => html.replace(/\s*<meta\s+http-equiv="Content-Security-Policy"[^>]*>/i, ''),
  };
}

/**
 * The headers of every path (`/*`) in a `_headers` file (Netlify's and
 * Cloudflare Pages' format: a path line, then indented `Name: value` lines;
 * `#` starts a comment).
 */
export function readHeadersFile(text: string): Record<string, string> {
  const headers: Record<string, string> = {};
  let inAll = false;
  for (const line of text.split(/\r?\n/)) {
    if (line.trim() === '' || line.trimStart().startsWith('#')) {
      continue;
    }
    if (!/^\s/.test(line)) {
      inAll = line.trim() === '/*';
      continue;
    }
    const colon = line.indexOf(':');
    if (inAll && colon > 0) {
      headers[line.slice(0, colon).trim()] = line.slice(colon + 1).trim();
    }
  }
  return headers;
}

/**
 * The security headers the build ships in public/_headers (the CSP with
 * frame-ancestors, nosniff…): `vite preview` sends them too, so the
 * end-to-end tests run under what a static host sends.
 */
const HOST_HEADERS = readHeadersFile(readFileSync(new URL('./public/_headers', import.meta.url), 'utf8'));

/**
 * Offline support: a service worker (Workbox generateSW) precaches the app
 * shell, Monaco, its font and both workers, and serves index.html for every
 * route; a new version waits for the user's "Reload" (registerType 'prompt',
 * registered in src/pwa/register.ts). The manifest registers the installed
 * app as a handler for .dmp, .txt and .log files.
 */
const pwa = VitePWA({
  registerType: 'prompt',
  injectRegister: false,
  strategies: 'generateSW',
  includeAssets: ['favicon.svg', 'theme-init.js', 'icons/apple-touch-icon.png'],
  manifest: {
    name: 'dumplens',
    short_name: 'dumplens',
    description: 'Open a Windows crash dump or paste WinDbg, kd or cdb output and see what crashed and which driver to suspect. Runs entirely in your browser.',
    start_url: '/',
    scope: '/',
    display: 'standalone',
    // The installed app opens crash dumps and saved debugger output from the file manager
    // ("Open with"); the file arrives through window.launchQueue (src/components/layout/LaunchedFiles.tsx).
    file_handlers: [
      {
        action: '/',
        accept: {
          'application/octet-stream': ['.dmp'],
          'text/plain': ['.txt', '.log'],
        },
      },
    ],
    launch_handler: { client_mode: 'focus-existing' },
    background_color: '#f6f7f9',
    theme_color: '#1d4ed8',
    icons: [
      { src: '/icons/icon-192.png', sizes: '192x192', type: 'image/png', purpose: 'any' },
      { src: '/icons/icon-512.png', sizes: '512x512', type: 'image/png', purpose: 'any' },
      { src: '/icons/icon-maskable-512.png', sizes: '512x512', type: 'image/png', purpose: 'maskable' },
    ],
  },
  workbox: {
    globPatterns: ['**/*.{js,css,html,svg,png,ttf,woff2,webmanifest}'],
    // The Monaco chunk is about 3.3 MB; the default 2 MiB limit would leave it out.
    maximumFileSizeToCacheInBytes: 8 * 1024 * 1024,
    navigateFallback: '/index.html',
    cleanupOutdatedCaches: true,
  },
  devOptions: { enabled: false },
});

// Monaco is bundled from node_modules (never a CDN); only its editor worker is
// built, as a module worker, next to our analyzer worker.
export default defineConfig({
  plugins: [react(), devWithoutCsp(), pwa],
  worker: { format: 'es' },
  build: {
    target: 'es2022',
    chunkSizeWarningLimit: 4096,
  },
  server: { port: 5173, strictPort: false },
  preview: { port: 4173, headers: HOST_HEADERS },
  test: {
    environment: 'node',
    include: ['tests/unit/**/*.test.ts', 'tests/components/**/*.test.tsx'],
    setupFiles: ['tests/setup.ts'],
    env: { TZ: 'UTC' },
    testTimeout: 20000,
  },
});
