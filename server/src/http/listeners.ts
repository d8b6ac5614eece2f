import http from 'node:http';
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import express, { type Express, type RequestHandler } from 'express';
import type { Server as SocketServer } from 'socket.io';
import type { Logger } from '../logger';
import { caCertificateRoute } from '../tls/routes';
import type { TlsIdentity } from '../tls/TlsIdentity';

export interface ListenerOptions {
  app: Express;
  health: RequestHandler;
  tls: TlsIdentity;
  /** Where clients that asked for a name the certificate does not hold are redirected. */
  publicUrl: string;
  logger: Logger;
}

const SOCKET_IO_PATH = '/socket.io/';
const RENEWAL_CHECK_MS = 3_600_000;

/**
 * The two listeners. HTTPS serves everything to everyone. Plain HTTP serves everything to loopback
 * clients only (the bridge's own browser, tests); every other client gets /healthz, /ca.crt and a
 * redirect to HTTPS, so no password or token crosses the LAN in clear.
 */
export class Listeners {
  readonly https: https.Server;
  readonly plain: http.Server;
  private io: SocketServer | undefined;
  private renewal: NodeJS.Timeout | undefined;

  constructor(private readonly options: ListenerOptions) {
    this.https = https.createServer(options.tls.material, options.app);
    const remote = remoteApp(options, () => this.httpsPort);
    this.plain = http.createServer((request, response) => {
      if (!isLoopback(request.socket.remoteAddress)) return remote(request, response);
      if (this.io && request.url?.startsWith(SOCKET_IO_PATH)) return this.io.engine.handleRequest(request, response);
      return options.app(request, response);
    });
    this.plain.on('upgrade', (request: http.IncomingMessage, socket, head: Buffer) => {
      if (this.io && isLoopback(request.socket.remoteAddress) && request.url?.startsWith(SOCKET_IO_PATH)) {
        this.io.engine.handleUpgrade(request, socket, head);
      } else socket.destroy();
    });
  }

  /** socket.io on HTTPS, and through the same engine on plain HTTP for loopback clients. */
  attach(io: SocketServer): void {
    this.io = io;
    io.attach(this.https);
  }

  async listen(host: string, port: number, httpsPort: number): Promise<void> {
    await listenOn(this.https, httpsPort, host);
    await listenOn(this.plain, port, host);
    this.renewal = setInterval(() => {
      this.renewCertificate().catch((error: unknown) => this.options.logger.error({ err: error }, 'could not renew the TLS certificate'));
    }, RENEWAL_CHECK_MS);
    this.renewal.unref();
  }

  /** Re-issues (or re-reads) the certificate when due and serves it to new connections, with no restart. */
  async renewCertificate(): Promise<void> {
    if (!(await this.options.tls.refresh())) return;
    this.https.setSecureContext(this.options.tls.material);
    this.options.logger.info({ validTo: this.options.tls.info.validTo }, 'serving the renewed TLS certificate');
  }

  get port(): number {
    return (this.plain.address() as AddressInfo).port;
  }

  get httpsPort(): number {
    return (this.https.address() as AddressInfo).port;
  }

  /** After io.close(), which closes the HTTPS server. */
  async close(): Promise<void> {
    clearInterval(this.renewal);
    this.plain.closeAllConnections();
    await new Promise<void>((resolve) => this.plain.close(() => resolve()));
  }
}

export function remoteApp({ health, tls, publicUrl }: ListenerOptions, httpsPort: () => number): Express {
  const app = express();
  app.disable('x-powered-by');
  app.get('/healthz', health);
  app.get('/ca.crt', caCertificateRoute(tls));
  app.use((request, response) => {
    const asked = request.hostname.toLowerCase();
    const host = tls.info.names.some((name) => name.value === asked) ? asked : new URL(publicUrl).hostname.replace(/^\[|\]$/g, '');
    const port = httpsPort() === 443 ? '' : `:${httpsPort()}`;
    // 308 keeps the method, so a form posted over plain HTTP is re-sent to HTTPS rather than lost.
    response.redirect(308, `https://${host.includes(':') ? `[${host}]` : host}${port}${request.originalUrl}`);
  });
  return app;
}

function isLoopback(address: string | undefined): boolean {
  if (!address) return false;
  return address === '::1' || address.startsWith('127.') || address.startsWith('::ffff:127.');
}

function listenOn(server: http.Server | https.Server, port: number, host: string): Promise<void> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
}
