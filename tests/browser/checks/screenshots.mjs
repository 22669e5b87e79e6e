// A full-page screenshot of every page in the light and the coal theme, for a person to
// look at: <screenshots>/<theme>/<page>.png. First on the tab, so nothing is hovered or
// open; checks only that each one was written.
import { rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { pickTheme } from '../lib/book.mjs';

export const SCREENSHOT_THEMES = ['light', 'coal'];

export const screenshots = {
    id: 'screenshots',
    title: 'a screenshot of every page in light and coal',
    tour: 'desktop',
    async onPage({ page, path, record }, state, book) {
        // The last run's pictures go first, so that none of a page since renamed stays.
        state.cleared ??= Promise.all(
            SCREENSHOT_THEMES.map((theme) => rm(join(book.screenshots, theme), { recursive: true, force: true })),
        );
        await state.cleared;
        for (const theme of SCREENSHOT_THEMES) {
            await pickTheme(page, theme);
            const file = await book.screenshot(page, `${theme}/${path.replace(/\.html$/, '')}`);
            record(`${theme} ${path}`, (await stat(file)).size > 0 ? null : `${file} is empty`);
        }
    },
    finish(state, book) {
        state.note(`screenshots in ${book.screenshots}`);
    },
};
