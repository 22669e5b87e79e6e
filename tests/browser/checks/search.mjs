// mdBook's search finds every listing by a word of its caption: open the search, type the
// word, and a result links to the page that holds the listing. The word is the caption's
// rarest (on the fewest pages), so that its page is not crowded out of the 30 results.
// The first listing's result is then followed, and must land on its page.
const STOP = new Set(['this', 'that', 'with', 'from', 'into', 'what', 'when', 'then', 'than', 'them', 'they', 'does', 'your', 'their', 'there', 'which', 'about', 'only']);

function words(caption) {
    return caption
        .split(/\s+/)
        .map((word) => word.replace(/^[^A-Za-z]+|[^A-Za-z]+$/g, ''))
        .filter((word) => /^[A-Za-z]{4,}$/.test(word) && !STOP.has(word.toLowerCase()));
}

/** Types `word` into the open search bar; resolves to the pages its results link to. */
async function search(page, word) {
    const bar = page.locator('#mdbook-searchbar');
    // The search runs on keyup: fill all but the last letter, then type that one.
    await bar.fill(word.slice(0, -1));
    await bar.press(word.slice(-1));
    await page.waitForFunction(
        (term) => document.querySelector('#mdbook-searchresults-header')?.innerText.includes(term),
        word,
        { timeout: 10_000 },
    );
    return page.$$eval('#mdbook-searchresults a[href]', (links) =>
        links.map((link) => new URL(link.href).pathname.replace(/^\//, '')),
    );
}

export const searchCaptions = {
    id: 'search',
    title: 'the search finds each listing by a word of its caption',
    tour: 'desktop',
    // On the tour: each page's captions and text, to choose the words.
    async onPage({ page, path }, state) {
        state.texts ??= new Map();
        state.captions ??= new Map();
        state.texts.set(path, (await page.locator('main').innerText()).toLowerCase());
        const captions = await page.$$eval('figure.listing[id]', (figures) =>
            figures.map((figure) => {
                const caption = figure.querySelector('figcaption')?.cloneNode(true);
                caption?.querySelector('.listing-label')?.remove();
                caption?.querySelector('.listing-file')?.remove();
                return { id: figure.id, caption: caption?.textContent.trim() ?? '' };
            }),
        );
        state.captions.set(path, captions.map((listing) => ({ ...listing, page: path })));
    },
    async once(book, state) {
        // In the sidebar's order, whichever tab saw which page first.
        const listings = (await book.pages()).flatMap((path) => state.captions?.get(path) ?? []);
        if (listings.length === 0) {
            state.record('a listing', 'no listing in the book: nothing to search for');
            return;
        }
        const texts = [...(state.texts?.values() ?? [])];
        const pagesWith = (word) => texts.filter((text) => new RegExp(`\\b${word.toLowerCase()}\\b`).test(text)).length;
        const context = await book.context();
        try {
            const { page, problems } = await book.open(context, 'index.html');
            state.problems = problems;
            await page.click('#mdbook-search-toggle');
            await page.locator('#mdbook-searchbar').waitFor({ state: 'visible' });
            for (const listing of listings) {
                const [best] = words(listing.caption)
                    .map((word) => ({ word, pages: pagesWith(word) }))
                    .sort((a, b) => a.pages - b.pages || b.word.length - a.word.length);
                listing.word = best?.word;
                const name = `${listing.id} by "${listing.word}"`;
                if (!listing.word) {
                    state.record(name, `the caption "${listing.caption}" has no word to search for`);
                    continue;
                }
                const results = await search(page, listing.word);
                state.record(
                    name,
                    results.includes(listing.page)
                        ? null
                        : `searching "${listing.word}" (caption: "${listing.caption}") should find ${listing.page}; its ${results.length} result(s) link to ${[...new Set(results)].join(', ') || 'nothing'}`,
                );
            }
            const first = listings.find((listing) => listing.word);
            const name = `following the result for ${first.id} lands on its page`;
            const results = await search(page, first.word);
            if (!results.includes(first.page)) {
                state.record(name, `no result for "${first.word}" links to ${first.page}`);
                return;
            }
            const link = page.locator('#mdbook-searchresults a[href]').nth(results.indexOf(first.page));
            await Promise.all([page.waitForURL((url) => url.pathname.endsWith('/' + first.page)), link.click()]);
            const found = await page.locator(`figure.listing#${first.id}`).count();
            state.record(name, found === 1 ? null : `${page.url()} does not hold figure #${first.id}`);
        } catch (error) {
            // The search index failing to load shows here, not as a timeout alone.
            throw new Error(`${error.message.split('\n')[0]}; the search tab saw: ${state.problems?.join('; ') || 'no error'}`);
        } finally {
            state.record('searching caused no console error or failed request', state.problems?.join('; ') || null);
            await context.close();
        }
    },
};
