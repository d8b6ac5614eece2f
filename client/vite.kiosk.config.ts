import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineConfig, runnerImport, type Plugin, type Rollup } from 'vite';

/*
 * The kiosk page's own build (kiosk.html, served for /kiosk), run after the office application's by
 * client/vite.config.ts into the same folder. A room PC is modest and a kiosk that restarts mid-meeting must
 * be back at once, so this build carries only what the kiosk runs:
 * - Preact in React's place (preact/compat: hooks, lazy/Suspense, useSyncExternalStore), a tenth of react-dom;
 * - the dictionaries' kiosk sections only (technician mode loads the rest when opened);
 * - mediasoup-client's Chromium handler only: kiosk PCs run Chromium (deploy/ installs it), and its
 *   logging silent (it is off unless switched on in the browser's storage).
 */

const root = path.dirname(fileURLToPath(import.meta.url));

/** The dictionary sections the kiosk's own screens use. */
const KIOSK_SECTIONS = ['kiosk', 'errors'] as const;

/** Replaces i18n/dictionaries.ts with the kiosk's sections of vi.ts and en.ts, read at build time. */
function kioskDictionaries(): Plugin {
  const dictionary = async (language: 'vi' | 'en'): Promise<Record<string, unknown>> => {
    // Run through Vite's module runner: the dictionaries are TypeScript and import the shared package.
    const { module } = await runnerImport<Record<string, Record<string, unknown>>>(path.join(root, `src/i18n/${language}.ts`), {
      configFile: false,
      root,
      logLevel: 'error',
    });
    const messages = module[language]!;
    return Object.fromEntries(KIOSK_SECTIONS.map((section) => [section, messages[section]]));
  };
  return {
    name: 'diemcau-kiosk-dictionaries',
    async load(id) {
      if (!id.endsWith('/src/i18n/dictionaries.ts')) return null;
      const [vi, en] = await Promise.all([dictionary('vi'), dictionary('en')]);
      return `export const dictionaries = ${JSON.stringify({ vi, en })};`;
    },
  };
}

/** The handlers mediasoup-client picks for other browsers, and its test helpers, left out. */
const OTHER_HANDLERS = /^\.\/(?:handlers\/(Chrome74|Firefox120|Safari12|ReactNative106|FakeHandler)|test\/fakeParameters)$/;

function chromiumOnlyMediasoup(): Plugin {
  const prefix = '\0kiosk-absent-handler:';
  return {
    name: 'diemcau-chromium-only-mediasoup',
    enforce: 'pre',
    resolveId(source, importer) {
      if (!importer?.includes('/mediasoup-client/lib/')) return null;
      const match = OTHER_HANDLERS.exec(source);
      return match ? `${prefix}${match[1] ?? 'testFakeParameters'}` : null;
    },
    load(id) {
      if (!id.startsWith(prefix)) return null;
      const name = id.slice(prefix.length);
      return [
        `const unsupported = () => { throw new Error('The kiosk page runs in Chromium only: ${name} is not in its build.'); };`,
        `export class ${name} { static createFactory() { return unsupported(); } }`,
      ].join('\n');
    },
  };
}

/**
 * mediasoup-client and its helpers (awaitqueue, h264-profile-level-id) log through `debug`, which prints
 * nothing unless the browser's storage names a namespace to show; nobody reads a room PC's console, so
 * the kiosk carries a silent stand-in. The office build, where the connection check runs, keeps the
 * real one.
 */
function silentMediasoupLog(): Plugin {
  const id = '\0kiosk-silent-debug';
  return {
    name: 'diemcau-silent-mediasoup-log',
    enforce: 'pre',
    resolveId(source) {
      return source === 'debug' ? id : null;
    },
    load(loaded) {
      if (loaded !== id) return null;
      return [
        'const silent = () => Object.assign(() => undefined, { enabled: false });',
        'export default Object.assign(silent, { enable: () => undefined, disable: () => "", enabled: () => false });',
      ].join('\n');
    },
  };
}

/**
 * The page's first module imports the screen and the media code dynamically, so that it runs (and opens the
 * socket and the camera) before they are parsed; this preloads them from the page itself, so they download
 * beside it rather than after it has run. Chunks imported later, on demand (technician mode), are not preloaded.
 */
function preloadEntryImports(): Plugin {
  return {
    name: 'diemcau-preload-entry-imports',
    transformIndexHtml: {
      order: 'post',
      handler(_html, { chunk, bundle }) {
        if (!chunk || !bundle) return [];
        const files = new Set<string>();
        const add = (fileName: string) => {
          const imported = bundle[fileName] as Rollup.OutputChunk | undefined;
          if (!imported || files.has(fileName) || fileName === chunk.fileName || chunk.imports.includes(fileName)) return;
          files.add(fileName);
          imported.imports.forEach(add);
        };
        chunk.dynamicImports.forEach(add);
        return [...files].map((file) => ({ tag: 'link', attrs: { rel: 'modulepreload', crossorigin: true, href: `/${file}` }, injectTo: 'head' as const }));
      },
    },
  };
}

export default defineConfig({
  root,
  plugins: [kioskDictionaries(), chromiumOnlyMediasoup(), silentMediasoupLog(), preloadEntryImports()],
  oxc: { jsx: { runtime: 'automatic', importSource: 'preact' } },
  resolve: {
    alias: [
      { find: /^react-dom\/client$/, replacement: 'preact/compat/client' },
      { find: /^react-dom$/, replacement: 'preact/compat' },
      { find: /^react$/, replacement: 'preact/compat' },
    ],
  },
  build: {
    outDir: path.join(root, 'dist'),
    emptyOutDir: false,
    rollupOptions: { input: path.join(root, 'kiosk.html') },
  },
});
