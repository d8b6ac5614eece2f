import fs from 'node:fs';
import type { ServerResponse } from 'node:http';
import path from 'node:path';
import express, { type Express, type RequestHandler, type Router } from 'express';
import helmet from 'helmet';
import { pageCapabilitiesElement } from '@diemcau/shared';
import type { Bridge } from '../media/Bridge';
import { caCertificateRoute } from '../tls/routes';
import type { TlsIdentity } from '../tls/TlsIdentity';
import { healthRoute } from './health';

export interface AppDeps {
  bridge: Bridge;
  tls: TlsIdentity;
  api: Router;
  metrics: RequestHandler;
  /** Folder of the built client; absent in a checkout that has not been built yet. */
  clientDir: string;
}

const isKioskPath = (requestPath: string) => requestPath === '/kiosk' || requestPath.startsWith('/kiosk/');

function noCacheForPages(response: ServerResponse, file: string): void {
  if (file.endsWith('.html')) response.setHeader('Cache-Control', 'no-cache');
}

export function createApp({ bridge, tls, api, metrics, clientDir }: AppDeps): Express {
  const app = express();
  app.disable('x-powered-by');
  app.use(securityHeaders());

  app.get('/healthz', healthRoute(bridge));
  app.get('/ca.crt', caCertificateRoute(tls));

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
  app.get(/^\/(?!api\/|socket\.io\/|assets\/).*/, (request, response, next) => {
    const kiosk = isKioskPath(request.path);
    const page = path.join(clientDir, kiosk ? 'kiosk.html' : 'index.html');
    if (!fs.existsSync(page)) {
      response.status(503).type('text/plain').send('The web client is not built yet: run "npm run build".');
      return;
    }
    if (!kiosk) {
      response.sendFile(page, { headers: { 'Cache-Control': 'no-cache' } });
      return;
    }
    fs.promises.readFile(page, 'utf8').then((html) => response.set('Cache-Control', 'no-cache').type('html').send(withCapabilities(html, bridge)), next);
  });
  return app;
}

/** The kiosk page with the bridge's capabilities in its head, so the kiosk loads its device before its socket is up. */
function withCapabilities(html: string, bridge: Bridge): string {
  const element = pageCapabilitiesElement(bridge.rtpCapabilities);
  return html.includes('</head>') ? html.replace('</head>', `${element}</head>`) : `${element}${html}`;
}

/**
 * helmet's security headers with a strict Content-Security-Policy: the built
 * client loads only its own scripts and styles (no inline code, no eval), and
 * talks only to this origin (the API and socket.io). Camera, microphone and
 * screen capture stay allowed for this origin only.
 */
function securityHeaders(): RequestHandler {
  return helmet({
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'"],
        imgSrc: ["'self'", 'data:'],
        fontSrc: ["'self'"],
        connectSrc: ["'self'"],
        mediaSrc: ["'self'", 'blob:'],
        objectSrc: ["'none'"],
        baseUri: ["'none'"],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
        // No upgrade-insecure-requests: a bridge still served over plain HTTP on the LAN must keep working.
      },
    },
    // The pages embed nothing cross-origin; media flows over WebRTC, which these headers do not touch.
    crossOriginEmbedderPolicy: false,
  });
}
