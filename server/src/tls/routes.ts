import type { RequestHandler } from 'express';
import type { TlsIdentity } from './TlsIdentity';

/** GET /ca.crt: the bridge's CA certificate, for room PCs and office browsers to trust (404 with the province's own). */
export function caCertificateRoute(tls: TlsIdentity): RequestHandler {
  return (_request, response) => {
    const certificate = tls.caCertificate;
    if (!certificate) {
      response.status(404).json({ error: { code: 'no-bridge-ca', message: 'this bridge uses the certificate in TLS_CERT_FILE' } });
      return;
    }
    response.type('application/x-pem-file').set('Content-Disposition', 'attachment; filename="diemcau-ca.crt"').send(certificate);
  };
}
