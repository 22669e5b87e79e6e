// What every check gets: the served book, the browser, and helpers to open its pages the
// way a reader would, with every console error and failed request written down.
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';

/** mdBook's five themes, as `localStorage['mdbook-theme']` and the picker name them. */
export const THEMES = ['light', 'rust', 'coal', 'navy', 'ayu'];

/** Pages a reader reaches outside the sidebar: index.html aliases the first chapter,
 * print.html (the print button) holds every chapter and opens the print dialog, 404.html
 * is what a bad link shows. */
export const EXTRA_PAGES = ['index.html', 'print.html', '404.html'];

/**
 * The listings' workspace named in `book.toml` (`workspace` in `[preprocessor.transcript]`,
 * by default `code`), relative to the book's root: the folder a caption's file path is
 * relative to. Read with a line-by-line look at the table, enough for that one key.
 */
export function workspaceOf(bookToml) {
    let table = null;
    for (const line of bookToml.split('\n')) {
        const header = line.match(/^\s*\[([^\]]+)\]\s*(#.*)?$/);
        if (header) table = header[1].trim();
        const key = line.match(/^\s*workspace\s*=\s*(?:"([^"]*)"|'([^']*)')/);
        if (table === 'preprocessor.transcript' && key) return key[1] ?? key[2];
    }
    return 'code';
}

export class Book {
    /** `sourceRoot`: the book's root (its book.toml, the listings' sources);
     * `workspace`: the listings' workspace, relative to it. */
    constructor({ sourceRoot, workspace = 'code', screenshots }) {
        this.browser = null; // set once chromium runs
        this.url = null; // set once the server listens
        this.sourceRoot = sourceRoot;
        this.workspace = workspace;
        this.screenshots = screenshots;
        this.sidebar = null;
    }

    /** A fresh browser context: its own localStorage, nothing shared with other checks. */
    context(options = {}) {
        return this.browser.newContext({ viewport: { width: 1280, height: 800 }, ...options });
    }

    /**
     * Opens `path` (relative to the book) in a new tab of `context`. Resolves to a visit:
     * `{ page, path, problems, idle() }`, where `problems` lists, for as long as the tab is
     * open, every console error, uncaught exception, failed request, HTTP error and request
     * that leaves the book (aborted: this machine has no network, and a book that needs
     * one is a finding); `idle()` waits until no request has been in flight for 100 ms.
     */
    async open(context, path) {
        const page = await context.newPage();
        const problems = [];
        let inFlight = 0;
        let quietSince = performance.now();
        page.on('console', (message) => {
            if (message.type() === 'error') {
                const where = message.location();
                problems.push(`console error: ${message.text()} (${where.url}:${where.lineNumber})`);
            }
        });
        page.on('pageerror', (error) => problems.push(`uncaught exception: ${error.message}`));
        // A request still loading when the check leaves the page (it follows a link
        // while the favicon loads) is aborted by the browser: no failure of the book.
        // `leaving()` says the check is about to leave.
        let leavingSince = null;
        const startedAt = new WeakMap();
        const leaving = () => {
            leavingSince = performance.now();
        };
        page.on('request', (request) => {
            inFlight++;
            startedAt.set(request, performance.now());
        });
        const done = () => {
            inFlight--;
            quietSince = performance.now();
        };
        page.on('requestfinished', done);
        page.on('requestfailed', (request) => {
            done();
            const error = request.failure()?.errorText ?? 'failed';
            const left = error.includes('ERR_ABORTED') && leavingSince !== null
                && startedAt.get(request) <= leavingSince;
            if (!error.includes('BLOCKED_BY_CLIENT') && !left) problems.push(`request failed: ${request.url()} (${error})`);
        });
        page.on('response', (response) => {
            if (response.status() >= 400) problems.push(`HTTP ${response.status()}: ${response.url()}`);
        });
        await page.route(
            (url) => !url.href.startsWith(this.url),
            (route) => {
                problems.push(`request outside the book: ${route.request().url()}`);
                return route.abort('blockedbyclient');
            },
        );
        await page.goto(this.url + path, { waitUntil: 'load' });
        const idle = async (limit = 5000) => {
            const start = performance.now();
            while (inFlight > 0 || performance.now() - quietSince < 100) {
                if (performance.now() - start > limit) break;
                await new Promise((ok) => setTimeout(ok, 25));
            }
        };
        return { page, path, problems, idle, leaving };
    }

    /** The chapter pages, in the sidebar's order, as paths relative to the book. */
    async pages() {
        if (!this.sidebar) {
            const context = await this.context();
            const { page } = await this.open(context, 'index.html');
            const hrefs = await page.$$eval('mdbook-sidebar-scrollbox a[href]', (links) =>
                links.map((link) => link.href),
            );
            await context.close();
            this.sidebar = [...new Set(hrefs.filter((href) => href.startsWith(this.url)))].map(
                (href) => href.slice(this.url.length).split('#')[0],
            );
            if (this.sidebar.length === 0) throw new Error('the sidebar lists no page');
        }
        return this.sidebar;
    }

    /**
     * Writes a full-page PNG to `<screenshots>/<name>.png`; returns its path. Through CDP
     * with `optimizeForSpeed` (faster compression): half the time of Playwright's own.
     */
    async screenshot(page, name) {
        const path = join(this.screenshots, `${name}.png`);
        await mkdir(dirname(path), { recursive: true });
        await page.evaluate(() => document.fonts.ready);
        const { width, height } = await page.evaluate(() => ({
            width: document.documentElement.scrollWidth,
            height: document.documentElement.scrollHeight,
        }));
        const cdp = await page.context().newCDPSession(page);
        try {
            const { data } = await cdp.send('Page.captureScreenshot', {
                format: 'png',
                captureBeyondViewport: true,
                optimizeForSpeed: true,
                clip: { x: 0, y: 0, width, height, scale: 1 },
            });
            await writeFile(path, Buffer.from(data, 'base64'));
        } finally {
            await cdp.detach();
        }
        return path;
    }
}

/**
 * Switches the theme through mdBook's theme picker: a click on the theme's button in the
 * paintbrush menu, the handler a reader's click runs (dispatched, without opening the
 * menu: a fifth of the time, and nothing left open). A theme's highlight stylesheet is
 * fetched the first time it is enabled, and colours fade over half a second: this waits
 * for the stylesheets and ends the fades, so that computed styles are the theme's own.
 */
export async function pickTheme(page, theme) {
    await page.evaluate((name) => {
        const button = document.getElementById(`mdbook-theme-${name}`);
        if (!button) throw new Error(`the theme picker has no ${name}`);
        button.click();
    }, theme);
    await page.waitForFunction(() =>
        [...document.querySelectorAll('link[rel="stylesheet"]')].every((link) => link.disabled || link.sheet),
    );
    await page.evaluate(() => {
        // Transitions start at the next style update: force it, then end them.
        void document.body.offsetHeight;
        for (const animation of document.getAnimations()) animation.finish();
    });
    await assertTheme(page, theme);
}

/** Fails unless the page shows `theme` (a check in the wrong theme would prove nothing). */
export async function assertTheme(page, theme) {
    const classes = await page.evaluate(() => document.documentElement.className);
    if (!classes.split(/\s+/).includes(theme)) {
        throw new Error(`${page.url()} should show theme ${theme}, its <html> has class "${classes}"`);
    }
}
