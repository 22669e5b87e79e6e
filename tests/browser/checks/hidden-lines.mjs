// mdBook's eye button on a code block with hidden ("boring") lines: an anchored listing
// shows its region, and the button reveals the whole file (compared, line for line, with
// the file its caption names, read from the book's sources), and hides it again.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';

const lines = (text) => text.replace(/\n+$/, '').split('\n');
const ANCHOR_LINE = /^\s*\/\/\s*ANCHOR(_END)?:/;

/** The listing file a caption names (relative to the listings' workspace), without its
 * ANCHOR lines; it throws, naming the path, where it cannot be read: a check that quietly
 * compared nothing would pass on any page. */
async function source(book, file) {
    const path = join(book.sourceRoot, book.workspace, file);
    let text;
    try {
        text = await readFile(path, 'utf8');
    } catch (error) {
        throw new Error(
            `cannot read ${path} (${error.code}), the file the caption names in the listings' workspace ${book.workspace}/; is --source-root the book's root?`,
        );
    }
    return text.split('\n').filter((line) => !ANCHOR_LINE.test(line)).join('\n');
}

async function toggle(book, block, info) {
    const shown = async () => lines(await block.locator('> code').evaluate((code) => code.innerText));
    const before = await shown();
    // The buttons appear on hover, as for a reader with a mouse.
    await block.hover();
    await block.locator('> .buttons button[title="Show hidden lines"]').click();
    const after = await shown();
    await block.locator('> .buttons button[title="Hide lines"]').click();
    const again = await shown();
    if (after.length !== before.length + info.hidden) {
        return `the eye button should show ${info.hidden} hidden line(s): ${before.length} visible before, ${after.length} after`;
    }
    if (again.length !== before.length) return `clicked again, it shows ${again.length} lines, not ${before.length}`;
    if (!info.file) return null; // a code block outside a figure: line counts only
    let file;
    try {
        file = await source(book, info.file);
    } catch (error) {
        return error.message;
    }
    const expected = lines(file);
    let differs = expected.findIndex((line, i) => after[i] !== line);
    if (differs === -1 && expected.length !== after.length) differs = Math.min(expected.length, after.length);
    if (differs !== -1) {
        return `revealed, the block should be all of ${info.file}; line ${differs + 1} reads ${JSON.stringify(after[differs])}, the file has ${JSON.stringify(expected[differs])}`;
    }
    return null;
}

export const hiddenLines = {
    id: 'hidden-lines',
    title: 'the eye button reveals the whole file of an anchored listing',
    tour: 'desktop',
    async onPage({ page, path, record }, state, book) {
        const blocks = page.locator('pre:has(> code .boring)');
        const count = await blocks.count();
        for (let i = 0; i < count; i++) {
            const block = blocks.nth(i);
            const info = await block.evaluate((pre) => {
                const figure = pre.closest('figure.listing');
                return {
                    name: figure?.id ?? `code block ${[...document.querySelectorAll('pre')].indexOf(pre) + 1}`,
                    file: figure?.querySelector('.listing-file')?.textContent ?? null,
                    hidden: pre.querySelectorAll('code .boring').length,
                };
            });
            record(`${path} ${info.name}`, await toggle(book, block, info), {
                note: info.file ? `${info.hidden} hidden line(s) of ${info.file}` : 'no source file named: line counts only',
            });
        }
        await page.mouse.move(0, 0);
    },
    finish(state) {
        if (state.cases.length === 0) state.record('a block with hidden lines', 'no code block with hidden lines in the book: nothing was checked');
    },
};
