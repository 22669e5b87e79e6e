// A transcript's copy button copies its command, and only that: clicked, it puts exactly
// its `data-command` on the clipboard (read back with navigator.clipboard.readText(); the
// desktop tour's contexts may read and write it), that is the command the prompt line
// shows, and the button shows that it copied (class `copied`, its text "copied", its
// label "Copied"). One case per button; a button in a folded solution is clicked once a
// click on the summary has opened it. The clipboard is the browser's, shared by the
// tour's tabs, so one tab at a time clicks and reads it.

/** Before each click the clipboard holds this, so a click that copies nothing is seen. */
const SENTINEL = '(the clipboard before the click)';

async function press(page, button) {
    const info = await button.evaluate((element) => ({
        listing: element.closest('div.transcript')?.dataset.listing ?? '(no transcript)',
        command: element.dataset.command ?? null,
        shown: element.closest('.transcript-head')?.querySelector('.transcript-command')?.textContent ?? null,
    }));
    const failures = [];
    if (info.command === null) failures.push('the button has no data-command');
    if (info.shown !== info.command) {
        failures.push(`its data-command ${JSON.stringify(info.command)} is not the command shown, ${JSON.stringify(info.shown)}`);
    }
    // A transcript in a folded solution: opened first, with a click on its summary.
    const folds = await button.evaluate((element) => {
        const closed = [];
        for (let details = element.closest('details'); details; details = details.parentElement.closest('details')) {
            if (!details.open) closed.unshift([...document.querySelectorAll('details')].indexOf(details));
        }
        return closed;
    });
    for (const index of folds) await page.locator('details').nth(index).locator('> summary').click();
    await page.evaluate((text) => navigator.clipboard.writeText(text), SENTINEL);
    // The copied state lasts 1.5 s, and a loaded machine may take longer than that to
    // look: an observer set up before the click records it the moment it shows.
    await button.evaluate((element) => {
        element.dataset.sawCopied = '';
        const observer = new MutationObserver(() => {
            if (element.classList.contains('copied') && !element.dataset.sawCopied) {
                element.dataset.sawCopied = JSON.stringify({
                    text: getComputedStyle(element, '::before').content,
                    label: element.getAttribute('aria-label'),
                });
                observer.disconnect();
            }
        });
        observer.observe(element, { attributes: true });
    });
    await button.click();
    const state = await button
        .evaluateHandle((element) =>
            new Promise((done) => {
                const started = performance.now();
                const look = () => {
                    const seen = element.dataset.sawCopied;
                    if (seen || performance.now() - started > 5000) {
                        done(seen ? { copied: true, ...JSON.parse(seen) } : { copied: false });
                    } else {
                        requestAnimationFrame(look);
                    }
                };
                look();
            }),
        )
        .then((handle) => handle.jsonValue());
    const copied = await page.evaluate(() => navigator.clipboard.readText());
    if (copied !== info.command) {
        failures.push(
            copied === SENTINEL
                ? 'the click copied nothing'
                : `the clipboard holds ${JSON.stringify(copied)}, not ${JSON.stringify(info.command)}`,
        );
    }
    if (!state.copied) failures.push('the button never showed its copied state (class "copied")');
    else if (state.text !== '"copied"' || state.label !== 'Copied') {
        failures.push(`copied, the button reads ${state.text} with the label ${JSON.stringify(state.label)}, not "copied" and "Copied"`);
    }
    return { info, failure: failures.join('; ') || null };
}

export const copyButton = {
    id: 'copy-button',
    title: "a transcript's copy button copies exactly its command",
    tour: 'desktop',
    async onPage({ page, path, record }, state) {
        const buttons = page.locator('div.transcript .transcript-copy');
        const count = await buttons.count();
        if (count === 0) return;
        // One tab at a time on the shared clipboard.
        const turn = (state.queue ?? Promise.resolve()).then(async () => {
            for (let i = 0; i < count; i++) {
                const { info, failure } = await press(page, buttons.nth(i));
                record(`${path} ${info.listing}`, failure, { note: JSON.stringify(info.command) });
            }
        });
        state.queue = turn.catch(() => {});
        await turn;
        await page.mouse.move(0, 0);
    },
    finish(state) {
        if (state.cases.length === 0) state.record('a copy button', 'no .transcript-copy in any transcript: nothing was clicked');
    },
};
