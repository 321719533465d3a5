// A static file server on a free loopback port (node:http, no dependency): in-memory files first
// (a bundle built for the test), then a directory on disk (a built app, for later e2e tests).
import { readFile, stat } from "node:fs/promises";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { extname, join, normalize, resolve, sep } from "node:path";

const TYPES: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".mjs": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".json": "application/json",
  ".map": "application/json",
  ".wasm": "application/wasm",
  ".png": "image/png",
  ".svg": "image/svg+xml",
};

export interface StaticServer {
  /** Base URL ending in "/", e.g. "http://127.0.0.1:41234/". */
  readonly url: string;
  close(): Promise<void>;
}

export interface ServeOptions {
  /** Files by URL path ("/main.js"), served before `root`. */
  readonly files?: Readonly<Record<string, string | Uint8Array>>;
  /** A directory served for paths not in `files`. */
  readonly root?: string;
  /**
   * Send COOP `same-origin` and COEP `require-corp` with every response, which makes the pages
   * cross-origin isolated (`crossOriginIsolated`): SharedArrayBuffer, and so worker threads over a
   * shared WebAssembly.Memory, are available only then.
   */
  readonly crossOriginIsolated?: boolean;
}

const ISOLATION_HEADERS = {
  "cross-origin-opener-policy": "same-origin",
  "cross-origin-embedder-policy": "require-corp",
};

async function fromRoot(root: string, path: string): Promise<Uint8Array | null> {
  const base = resolve(root);
  const file = normalize(join(base, path));
  // Refuse paths that climb out of the root ("/../").
  if (file !== base && !file.startsWith(base + sep)) return null;
  try {
    const s = await stat(file);
    return await readFile(s.isDirectory() ? join(file, "index.html") : file);
  } catch {
    return null;
  }
}

export async function serveStatic(options: ServeOptions): Promise<StaticServer> {
  const isolation = options.crossOriginIsolated ? ISOLATION_HEADERS : {};
  const server = createServer(async (req, res) => {
    let path = decodeURIComponent(new URL(req.url ?? "/", "http://localhost").pathname);
    if (path.endsWith("/")) path += "index.html";
    const body = options.files?.[path] ?? (options.root ? await fromRoot(options.root, path) : null);
    if (body === null || body === undefined) {
      res.writeHead(404, { "content-type": "text/plain", ...isolation }).end(`not found: ${path}`);
      return;
    }
    res.writeHead(200, {
      "content-type": TYPES[extname(path)] ?? "application/octet-stream",
      "cache-control": "no-store",
      ...isolation,
    });
    res.end(body);
  });
  await new Promise<void>((ok, fail) => {
    server.once("error", fail);
    server.listen(0, "127.0.0.1", ok);
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/`,
    close: () =>
      new Promise<void>((ok) => {
        server.closeAllConnections();
        server.close(() => ok());
      }),
  };
}
