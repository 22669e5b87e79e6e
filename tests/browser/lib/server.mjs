// A static file server for the built book on 127.0.0.1 (an ephemeral port). mdBook's
// search loads its index with a script the page adds, and some of its scripts behave
// differently on file:// (localStorage, fetch), so the book is checked over HTTP, as
// `mdbook serve` and any web host would serve it.
import { createServer } from 'node:http';
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { extname, join, normalize, resolve, sep } from 'node:path';

const TYPES = {
    '.html': 'text/html; charset=utf-8',
    '.js': 'text/javascript; charset=utf-8',
    '.mjs': 'text/javascript; charset=utf-8',
    '.css': 'text/css; charset=utf-8',
    '.json': 'application/json',
    '.svg': 'image/svg+xml',
    '.png': 'image/png',
    '.ico': 'image/x-icon',
    '.woff': 'font/woff',
    '.woff2': 'font/woff2',
    '.ttf': 'font/ttf',
    '.txt': 'text/plain; charset=utf-8',
};

async function file(path) {
    try {
        const info = await stat(path);
        if (info.isDirectory()) return file(join(path, 'index.html'));
        return info.isFile() ? path : null;
    } catch {
        return null;
    }
}

/** Serves `root`; resolves to `{ url, close }` once listening. */
export async function serve(root) {
    root = resolve(root);
    const server = createServer(async (request, response) => {
        const { pathname } = new URL(request.url, 'http://127.0.0.1');
        const wanted = normalize(join(root, decodeURIComponent(pathname)));
        const found = wanted === root || wanted.startsWith(root + sep) ? await file(wanted) : null;
        const status = found ? 200 : 404;
        const path = found ?? (await file(join(root, '404.html')));
        if (!path) {
            response.writeHead(404, { 'content-type': 'text/plain' }).end('not found\n');
            return;
        }
        response.writeHead(status, {
            'content-type': TYPES[extname(path)] ?? 'application/octet-stream',
            'x-content-type-options': 'nosniff',
            'cache-control': 'no-store',
        });
        createReadStream(path).pipe(response);
    });
    await new Promise((ok, fail) => {
        server.once('error', fail);
        server.listen(0, '127.0.0.1', ok);
    });
    const { port } = server.address();
    return {
        url: `http://127.0.0.1:${port}/`,
        close: () => new Promise((ok) => server.close(ok)),
    };
}
