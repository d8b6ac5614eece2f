import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { build, type Rollup } from 'vite';

/*
 * What a room PC loads to join (issue 14): the kiosk page's own build, made here into a scratch folder,
 * read the way the browser reads it: the page's module script and the modules it preloads.
 */

const KIOSK_JS_BUDGET_BYTES = 250_000;

let page: string;
let chunks: Map<string, Rollup.OutputChunk>;
let outDir: string;

beforeAll(async () => {
  outDir = fs.mkdtempSync(path.join(os.tmpdir(), 'diemcau-kiosk-page-'));
  const output = await build({
    configFile: path.join(import.meta.dirname, '../vite.kiosk.config.ts'),
    logLevel: 'silent',
    build: { outDir, emptyOutDir: true },
  });
  const bundles = (Array.isArray(output) ? output : [output]) as Rollup.RollupOutput[];
  chunks = new Map(
    bundles.flatMap((bundle) => bundle.output.filter((item): item is Rollup.OutputChunk => item.type === 'chunk').map((chunk) => [chunk.fileName, chunk])),
  );
  page = fs.readFileSync(path.join(outDir, 'kiosk.html'), 'utf8');
}, 120_000);

afterAll(() => fs.rmSync(outDir, { recursive: true, force: true }));

const scriptOf = (html: string) => /<script type="module"[^>]* src="\/([^"]+)"/.exec(html)![1]!;
const preloadsOf = (html: string) => [...html.matchAll(/<link rel="modulepreload"[^>]* href="\/([^"]+)"/g)].map((match) => match[1]!);
const modulesOf = (chunk: Rollup.OutputChunk) => chunk.moduleIds.map((id) => id.replaceAll('\\', '/'));

describe("the kiosk page's start (issue 14)", () => {
  it('loads under 250 KB of JavaScript, with no i18next, office screen or full dictionary', () => {
    const loaded = [scriptOf(page), ...preloadsOf(page)].map((file) => chunks.get(file)!);
    expect(loaded.every(Boolean)).toBe(true);
    const bytes = loaded.reduce((sum, chunk) => sum + Buffer.byteLength(chunk.code), 0);
    expect(bytes).toBeLessThan(KIOSK_JS_BUDGET_BYTES);
    const modules = loaded.flatMap(modulesOf);
    expect(modules.filter((id) => /node_modules\/(i18next|react-i18next)\//.test(id))).toEqual([]);
    expect(modules.filter((id) => /client\/src\/(app|office|chair|technician|reports|admin)\//.test(id))).toEqual([]);
    expect(modules.filter((id) => /client\/src\/i18n\/(vi|en)\.ts$/.test(id))).toEqual([]);
  });

  it('runs a first module that opens the socket before mediasoup-client and the screen are parsed, and preloads those', () => {
    const entry = chunks.get(scriptOf(page))!;
    const entryModules = modulesOf(entry);
    expect(entryModules.some((id) => id.includes('/node_modules/socket.io-client/'))).toBe(true);
    expect(entryModules.some((id) => id.endsWith('client/src/kiosk/KioskController.ts'))).toBe(true);
    expect(entryModules.filter((id) => /node_modules\/(mediasoup-client|preact)\//.test(id))).toEqual([]);
    // What the first module imports once it has run is on its way from the page itself.
    const preloaded = new Set(preloadsOf(page));
    expect(entry.dynamicImports.length).toBeGreaterThan(0);
    for (const file of entry.dynamicImports) expect(preloaded).toContain(file);
    const media = [...chunks.values()].find((chunk) => modulesOf(chunk).some((id) => id.includes('/node_modules/mediasoup-client/')))!;
    expect(preloaded).toContain(media.fileName);
  });
});
