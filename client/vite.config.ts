import path from 'node:path';
import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { build, defineConfig, type Plugin } from 'vite';

const root = path.dirname(fileURLToPath(import.meta.url));

/** The kiosk page has a build of its own (vite.kiosk.config.ts), made into the same folder after this one. */
function thenKioskPage(): Plugin {
  return {
    name: 'diemcau-then-kiosk-page',
    apply: 'build',
    async closeBundle() {
      await build({ configFile: path.join(root, 'vite.kiosk.config.ts') });
    },
  };
}

/** In development the kiosk's address opens the kiosk page, as the bridge serves it (server/src/http/app.ts). */
function kioskPageInDevelopment(): Plugin {
  return {
    name: 'diemcau-kiosk-page-in-development',
    apply: 'serve',
    configureServer(server) {
      server.middlewares.use((request, _response, next) => {
        if (request.url && /^\/kiosk\/?(\?|$)/.test(request.url)) request.url = request.url.replace(/^\/kiosk\/?/, '/kiosk.html');
        next();
      });
    },
  };
}

export default defineConfig({
  root,
  plugins: [react(), thenKioskPage(), kioskPageInDevelopment()],
  build: { outDir: path.join(root, 'dist'), emptyOutDir: true, chunkSizeWarningLimit: 1500 },
  server: {
    // During development the API and signaling run on the bridge server.
    proxy: {
      '/socket.io': { target: 'http://localhost:8080', ws: true },
      '/api': 'http://localhost:8080',
      '/healthz': 'http://localhost:8080',
    },
  },
});
