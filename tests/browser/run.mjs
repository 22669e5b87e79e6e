// Checks a built book in headless chromium. Usage (see README.md):
//
//   node --test-reporter=spec run.mjs BOOK_DIR [--screenshots DIR] [--source-root DIR]
//       [--expected-failures FILE] [--check ID]...
//
// BOOK_DIR is mdBook's output (the folder holding index.html). --screenshots (or
// $BROWSER_SCREENSHOTS) is where screenshots go, by default target/browser-screenshots/
// at the repository's root; --source-root is the book's root, with its book.toml and the
// listings' sources (by default BOOK_DIR's parent); --expected-failures is a module
// whose EXPECTED_FAILURES the cases are judged against (by default expected-failures.mjs,
// the real book's; a fixture book gives its own); --check runs only the named checks
// (ids in checks/index.mjs). $CHROMIUM names the browser (default: chromium on PATH).
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { accessSync, constants, existsSync, readFileSync } from 'node:fs';
import { delimiter, dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { chromium } from 'playwright-core';
import { CHECKS } from './checks/index.mjs';
import { Book, workspaceOf } from './lib/book.mjs';
import { serve } from './lib/server.mjs';
import { newState, timed, tour } from './lib/tour.mjs';
import { expectFailures, unconsulted, verdict } from './lib/verdict.mjs';

const here = dirname(fileURLToPath(import.meta.url));

// Headless, and quiet on the network: without the background-networking flags chromium
// keeps calling home, which on a machine with no network is a stream of failures.
const CHROMIUM_ARGS = [
    '--headless',
    '--no-sandbox',
    '--disable-gpu',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    '--no-first-run',
    '--disable-quic',
];

function usage(problem) {
    console.error(
        `${problem}\nusage: node --test-reporter=spec run.mjs BOOK_DIR [--screenshots DIR] [--source-root DIR] [--expected-failures FILE] [--check ID]...`,
    );
    console.error(`checks: ${CHECKS.map((check) => check.id).join(', ')}`);
    process.exit(2);
}

function findChromium() {
    if (process.env.CHROMIUM) return process.env.CHROMIUM;
    for (const dir of (process.env.PATH ?? '').split(delimiter)) {
        for (const name of ['chromium', 'chromium-browser']) {
            const path = join(dir, name);
            try {
                accessSync(path, constants.X_OK);
                return path;
            } catch {}
        }
    }
    usage('no chromium on PATH (apt-get install chromium, or set CHROMIUM)');
}

const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: {
        screenshots: { type: 'string' },
        'source-root': { type: 'string' },
        'expected-failures': { type: 'string' },
        check: { type: 'string', multiple: true },
    },
});
if (positionals.length !== 1) usage('give the built book directory');
const root = resolve(positionals[0]);
if (!existsSync(join(root, 'index.html'))) usage(`${root} holds no index.html: build the book first`);
const wanted = values.check ?? CHECKS.map((check) => check.id);
for (const id of wanted) if (!CHECKS.some((check) => check.id === id)) usage(`no check named ${id}`);
const executablePath = findChromium();

if (values['expected-failures']) {
    const { EXPECTED_FAILURES } = await import(pathToFileURL(resolve(values['expected-failures'])));
    if (!Array.isArray(EXPECTED_FAILURES)) usage(`${values['expected-failures']} exports no EXPECTED_FAILURES array`);
    expectFailures(EXPECTED_FAILURES);
}

const sourceRoot = resolve(values['source-root'] ?? dirname(root));
if (!existsSync(join(sourceRoot, 'book.toml'))) usage(`${sourceRoot} holds no book.toml: give the book's root with --source-root`);
const book = new Book({
    sourceRoot,
    workspace: workspaceOf(readFileSync(join(sourceRoot, 'book.toml'), 'utf8')),
    screenshots: resolve(
        values.screenshots ?? process.env.BROWSER_SCREENSHOTS ?? join(here, '..', '..', 'target', 'browser-screenshots'),
    ),
});
let server;

// A hung browser must not hang CI: the whole run has a limit.
const limit = Number(process.env.BROWSER_TIMEOUT_SECONDS ?? 300);
setTimeout(() => {
    console.error(`browser checks: still running after ${limit} s, giving up`);
    process.exit(3);
}, limit * 1000).unref();

const checks = CHECKS.filter((check) => wanted.includes(check.id)).map((check) => ({ check, state: newState() }));

before(async () => {
    const start = performance.now();
    server = await serve(root);
    book.url = server.url;
    book.browser = await chromium.launch({ executablePath, args: CHROMIUM_ARGS });
    console.log(`# ${root} at ${server.url}, in ${executablePath} ${book.browser.version()}`);
    const tours = [...new Set(checks.map(({ check }) => check.tour).filter(Boolean))];
    await Promise.all(tours.map((name) => tour(book, name, checks.filter(({ check }) => check.tour === name))));
    for (const { check, state } of checks) {
        if (check.once) await timed(state, `${check.id} stopped`, () => check.once(book, state));
        check.finish?.(state, book);
    }
    console.log(`# checked in ${((performance.now() - start) / 1000).toFixed(1)} s`);
});

after(async () => {
    await book.browser?.close();
    await server?.close();
});

for (const { check, state } of checks) {
    test(`${check.id}: ${check.title}`, async (t) => {
        t.diagnostic(`${(state.ms / 1000).toFixed(1)} s on its steps`);
        for (const line of state.notes) t.diagnostic(line);
        if (state.cases.length === 0) throw new Error(`${check.id} recorded no case: it checked nothing`);
        for (const { name, failure, note, skip } of state.cases) {
            await t.test(name, (sub) => {
                if (note) sub.diagnostic(note);
                if (skip) return sub.skip(skip);
                verdict(sub, check.id, name, failure);
            });
        }
    });
}

test('expected-failures.mjs names only cases that ran', () => {
    const stale = unconsulted(wanted);
    assert.deepEqual(stale, [], 'entries of expected-failures.mjs that match no case: delete or fix them');
});
