/**
 * The console's files (apps/console, built into the runtime package) as core reads them: the
 * runtime lists and reads them, core decides their types and serves them at `/public/`.
 */

/** One file of the console. */
export interface ConsoleAsset {
  body: BodyInit;
  contentType: string;
}

/**
 * The console's files, supplied by a runtime that serves the console (Node, Bun); without them
 * `/public/` answers 404. `path` is relative to the console's folder (`index.html`,
 * `assets/app.js`); a path that is not one of its files answers `undefined`.
 */
export interface ConsoleAssets {
  read(path: string): Promise<ConsoleAsset | undefined>;
}

const contentTypes: Record<string, string> = {
  html: 'text/html; charset=utf-8',
  js: 'text/javascript; charset=utf-8',
  css: 'text/css; charset=utf-8',
  svg: 'image/svg+xml',
  png: 'image/png',
  ico: 'image/x-icon',
  json: 'application/json',
  map: 'application/json',
  woff2: 'font/woff2',
};

/** The content type of a console file, by its extension. */
export function consoleContentType(path: string): string {
  const dot = path.lastIndexOf('.');
  return (dot === -1 ? undefined : contentTypes[path.slice(dot + 1).toLowerCase()]) ?? 'application/octet-stream';
}

/**
 * Console assets from a fixed list of files, listed once when the runtime starts: a request can
 * reach those files and no others, whatever `..` or encoded separators its path holds.
 *
 * @example
 * ```ts
 * consoleAssetsFromFiles(['index.html', 'app.js'], (path) => readFile(join(folder, path)));
 * ```
 */
export function consoleAssetsFromFiles(paths: Iterable<string>, readFile: (path: string) => Promise<BodyInit>): ConsoleAssets {
  const files = new Set(paths);
  return {
    async read(path) {
      if (!files.has(path)) return undefined;
      return { body: await readFile(path), contentType: consoleContentType(path) };
    },
  };
}
