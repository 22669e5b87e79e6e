// Opening a page is the slow part (highlight.js runs on every code block), so each page
// is opened once per tour, and every check that rides that tour takes its turn on the same
// tab, in the order checks/index.mjs lists them. A tour is a kind of reader: `desktop`
// (1280 x 800, and it may read and write the clipboard) or `phone` (375 px, touch). The
// tours run at the same time, and each one keeps two tabs busy: page loads and
// screenshots are mostly the browser's work.
import { EXTRA_PAGES } from './book.mjs';

export const TOURS = {
    desktop: { viewport: { width: 1280, height: 800 }, permissions: ['clipboard-read', 'clipboard-write'] },
    phone: { viewport: { width: 375, height: 812 }, isMobile: true, hasTouch: true },
};

/** What a check keeps between its steps, and the cases it reports. */
export function newState() {
    return {
        cases: [],
        notes: [],
        ms: 0,
        /** A case: `failure` null when it passed; `skip` says why it could not be checked. */
        record(name, failure = null, { note, skip } = {}) {
            this.cases.push({ name, failure, note, skip });
        },
        note(line) {
            this.notes.push(line);
        },
    };
}

/** Times `step` (once, finish) into `state.ms`; a step that throws becomes a failed case. */
export async function timed(state, name, step) {
    const start = performance.now();
    try {
        await step();
    } catch (error) {
        state.record(name, `${error.message.split('\n')[0]}`);
    } finally {
        state.ms += performance.now() - start;
    }
}

/** Which pages a check visits: its `pages` ('chapters', the default, or 'every' for the
 * chapters and EXTRA_PAGES, or a list of paths). */
function pagesOf(check, chapters) {
    if (Array.isArray(check.pages)) return check.pages;
    return check.pages === 'every' ? [...chapters, ...EXTRA_PAGES] : chapters;
}

/**
 * Runs the tour `name` for `checks` (each with its `state`), `tabs` pages at a time, each
 * tab in a context of its own. A step records per-page cases with `visit.record`; they
 * are added to the check's cases in page order, however the tabs interleave.
 */
export async function tour(book, name, checks, tabs = 2) {
    const chapters = await book.pages();
    const paths = [...new Set(checks.flatMap(({ check }) => pagesOf(check, chapters)))];
    const buckets = checks.map(() => paths.map(() => []));
    let next = 0;
    async function worker() {
        const context = await book.context(TOURS[name]);
        try {
            for (let i = next++; i < paths.length; i = next++) {
                const visit = await book.open(context, paths[i]);
                for (const [c, { check, state }] of checks.entries()) {
                    if (!pagesOf(check, chapters).includes(paths[i])) continue;
                    visit.record = (name, failure = null, options = {}) =>
                        buckets[c][i].push({ name, failure, ...options });
                    const start = performance.now();
                    try {
                        await check.onPage(visit, state, book);
                    } catch (error) {
                        visit.record(`${paths[i]}: ${check.id} stopped`, error.message.split('\n')[0]);
                    } finally {
                        state.ms += performance.now() - start;
                    }
                }
                await visit.page.close();
            }
        } finally {
            await context.close();
        }
    }
    await Promise.all(Array.from({ length: Math.min(tabs, paths.length) }, worker));
    for (const [c, { state }] of checks.entries()) state.cases.push(...buckets[c].flat());
}
