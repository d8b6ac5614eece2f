import { z } from 'zod';

/*
 * The web pages run under a Content-Security-Policy without 'unsafe-eval'. zod compiles object
 * schemas with `new Function` when it may, and merely probing for that is reported as a violation.
 * In a browser it is told not to try; the server keeps the faster compiled parsers. This module is
 * the first that shared/src/index.ts loads, so it runs before any schema is defined.
 */
if ('document' in globalThis) z.config({ jitless: true });
