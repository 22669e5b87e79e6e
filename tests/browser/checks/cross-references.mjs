// A link to a listing lands on it. Every `a[href*="#listing-"]` in a chapter's <main>
// (what {{#listing-ref NAME}} renders, `<a href="page.html#listing-NAME">Listing 12-7</a>`,
// and any link written by hand to a listing's anchor) leads to a chapter that has an
// element with that id, and that element is the listing's `figure.listing`. A link whose
// text names a listing ("Listing 12-7", as {{#listing-ref}} writes it) must name that one:
// the figure's `.listing-label` reads the same (less its colon); a link in prose ("the
// pitfalls page") only has to land. Then one link is followed with a click, as a reader
// does: the page it opens shows that figure, as the :target, in the viewport.
//
// A book with no link to a listing has nothing to check: the one case is skipped, saying
// so. Any link at all makes the cases real.

const LINKS = 'main a[href*="#listing-"]';
const NAMES_A_LISTING = /^Listing\s+\d+(-\d+)?$/;

/** In the page: its links to listings, and its elements whose id could be a listing's. */
function gather(selector) {
    return {
        links: [...document.querySelectorAll(selector)].map((link) => ({
            href: link.href,
            attribute: link.getAttribute('href'),
            text: link.textContent.trim().replace(/\s+/g, ' '),
        })),
        targets: [...document.querySelectorAll('[id^="listing-"]')].map((element) => ({
            id: element.id,
            figure: element.matches('figure.listing'),
            tag: element.tagName.toLowerCase() + (element.className ? '.' + element.className.split(' ').join('.') : ''),
            label: element.querySelector(':scope > figcaption .listing-label')?.textContent.trim().replace(/:$/, '') ?? null,
        })),
    };
}

/** Why `link` (from `from`) does not land on its listing, or null; `where` maps each
 * chapter to its targets by id. */
function misses(link, where, book) {
    const url = new URL(link.href);
    const page = url.pathname.replace(/^\//, '');
    const id = decodeURIComponent(url.hash.slice(1));
    if (!url.href.startsWith(book.url)) return `it leads out of the book, to ${url.href}`;
    const targets = where.get(page);
    if (!targets) return `${page} is not a chapter of the book`;
    const target = targets.get(id);
    if (!target) {
        // The ids it has instead: those that start alike, else all of them (if few).
        const ids = [...targets.keys()];
        const alike = ids.filter((other) => other.startsWith(id.split('-').slice(0, 2).join('-')));
        const near = alike.length ? alike : ids.length <= 8 ? ids : [];
        return `${page} has no element with id "${id}"${near.length ? ` (it has ${near.join(', ')})` : ''}`;
    }
    if (!target.figure) return `#${id} on ${page} is a ${target.tag}, not a figure.listing`;
    if (NAMES_A_LISTING.test(link.text) && target.label !== link.text) {
        return `the link reads "${link.text}", the listing it lands on is ${target.label ? `"${target.label}"` : 'not numbered'}`;
    }
    return null;
}

export const crossReferences = {
    id: 'cross-references',
    title: 'a link to a listing lands on it',
    tour: 'desktop',
    async onPage({ page, path }, state) {
        state.links ??= [];
        state.where ??= new Map();
        const { links, targets } = await page.evaluate(gather, LINKS);
        state.where.set(path, new Map(targets.map((target) => [target.id, target])));
        state.links.push(...links.map((link) => ({ ...link, from: path })));
    },
    async once(book, state) {
        const chapters = await book.pages();
        const links = chapters.flatMap((path) => (state.links ?? []).filter((link) => link.from === path));
        if (links.length === 0) {
            state.record('links to listings', null, {
                skip: `no ${LINKS} on any chapter: the book has no cross-reference yet, nothing to follow`,
            });
            return;
        }
        const named = links.filter((link) => NAMES_A_LISTING.test(link.text)).length;
        state.note(`${links.length} link(s) to listings, ${named} of them naming the listing by its label`);
        const landing = [];
        for (const link of links) {
            const failure = misses(link, state.where, book);
            if (!failure) landing.push(link);
            state.record(`${link.from} "${link.text}" -> ${link.attribute}`, failure);
        }
        // Followed, as a reader does: the first link that lands, preferring a label.
        const first = landing.find((link) => NAMES_A_LISTING.test(link.text)) ?? landing[0];
        if (!first) {
            state.record('following a link lands on its listing', 'no link lands on a listing: none to follow');
            return;
        }
        const name = `following ${first.from} "${first.text}" shows ${first.attribute}`;
        const context = await book.context();
        try {
            const { page, problems, idle, leaving } = await book.open(context, first.from);
            await idle(); // leaving earlier would abort its last requests (the favicon)
            const target = new URL(first.href);
            const id = decodeURIComponent(target.hash.slice(1));
            const link = page.locator(`main a[href="${first.attribute.replace(/"/g, '\\"')}"]`).first();
            leaving();
            await Promise.all([page.waitForURL((url) => url.pathname === target.pathname && url.hash === target.hash), link.click()]);
            // The page settles before it is judged: a late font or script may move the
            // layout after the jump, and a reader sees where it ends up. It is asked again
            // (for up to 3 s) until the listing is in view; the last answer is the verdict.
            await page.waitForLoadState('load');
            await page.evaluate(() => document.fonts.ready.then(() => undefined));
            const where = () => page.evaluate(() => {
                const element = document.querySelector(':target');
                if (!element) return null;
                const rect = element.getBoundingClientRect();
                return {
                    id: element.id,
                    figure: element.matches('figure.listing'),
                    inView: rect.top >= -1 && rect.top < window.innerHeight,
                    top: Math.round(rect.top),
                };
            });
            let shown = await where();
            for (const deadline = Date.now() + 3000; !(shown?.inView ?? true) && Date.now() < deadline; ) {
                await page.waitForTimeout(100);
                shown = await where();
            }
            const failure = !shown
                ? `${page.url()} has no :target`
                : shown.id !== id || !shown.figure
                  ? `the :target of ${page.url()} is #${shown.id}, not the figure #${id}`
                  : !shown.inView
                    ? `#${id} is not in the viewport: its top is at ${shown.top} px`
                    : problems.length
                      ? problems.join('; ')
                      : null;
            state.record(name, failure);
        } finally {
            await context.close();
        }
    },
};
