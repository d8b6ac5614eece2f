import fs from 'node:fs';
import type { ServerResponse } from 'node:http';
import path from 'node:path';
import express, { type Express, type RequestHandler, type Router } from 'express';
import type { Bridge } from '../media/Bridge';

export interface AppDeps {
  bridge: Bridge;
  api: Router;
  metrics: RequestHandler;
  /** Folder of the built client; absent in a checkout that has not been built yet. */
  clientDir: string;
}

const isKioskPath = (requestPath: string) => requestPath === '/kiosk' || requestPath.startsWith('/kiosk/');

function noCacheForPages(response: ServerResponse, file: string): void {
  if (file.endsWith('.html')) response.setHeader('Cache-Control', 'no-cache');
}

export function createApp({ bridge, api, metrics, clientDir }: AppDeps): Express {
  const app = express();
  app.disable('x-powered-by');

  app.get('/healthz', (_request, response) => {
    const workers = bridge.liveWorkers;
    response.status(workers > 0 ? 200 : 503).json({
      status: workers > 0 ? 'ok' : 'degraded',
      workers,
      rooms: bridge.roomCount,
    });
  });

  app.get('/metrics', metrics);
  app.use('/api', api);
  app.use('/api', (_request, response) => {
    response.status(404).json({ error: { code: 'not-found', message: 'no such API route' } });
  });

  // Hashed file names change with their content: a browser keeps them for good, so a kiosk that restarts
  // fetches nothing but its page. The pages themselves are checked every time.
  app.use('/assets', express.static(path.join(clientDir, 'assets'), { immutable: true, maxAge: '1y' }));
  app.use(express.static(clientDir, { index: false, maxAge: '1h', setHeaders: noCacheForPages }));
  // A room's kiosk has a page of its own, lean; every other page is the office and chair application,
  // which routes by path (/chair, /calendar, ...).
  app.get(/^\/(?!api\/|socket\.io\/|assets\/).*/, (request, response) => {
    const page = path.join(clientDir, isKioskPath(request.path) ? 'kiosk.html' : 'index.html');
    if (!fs.existsSync(page)) {
      response.status(503).type('text/plain').send('The web client is not built yet: run "npm run build".');
      return;
    }
    response.sendFile(page, { headers: { 'Cache-Control': 'no-cache' } });
  });
  return app;
}
