// On a phone (375 CSS px wide) no page is wider than the screen: a code block or
// transcript longer than the screen scrolls inside its own box instead of widening the
// page. mdBook's content box (#mdbook-content) scrolls sideways by itself, so "the page"
// is the root and every box around <main>: none of them may be wider than it is shown.
// A failure names the outermost elements that stick out of them.
function measure() {
    const width = window.innerWidth;
    const main = document.querySelector('main');
    const selector = (element) =>
        element.tagName.toLowerCase() +
        (element.id ? '#' + element.id : '') +
        (typeof element.className === 'string' && element.className.trim() ? '.' + element.className.trim().split(/\s+/).join('.') : '');
    const describe = (element) =>
        selector(element) + (element.closest('figure.listing') ? ` in ${element.closest('figure.listing').id}` : '');
    const scrolls = (element) => element && ['auto', 'scroll'].includes(getComputedStyle(element).overflowX);
    // The page's own boxes: <html> and every box from <main> up.
    const around = [];
    for (let e = main; e; e = e.parentElement) around.push(e);
    const widened = around
        .filter((box) => box.scrollWidth > box.clientWidth + 0.5)
        .map((box) => `${describe(box)} is ${box.scrollWidth} px wide in ${box.clientWidth}`);
    // An element sticks out when the box that clips it is one of the page's own (or none)
    // and it passes that box's right edge; a scrolling box inside <main> keeps its content.
    const sticksOut = (element) => {
        const rect = element.getBoundingClientRect();
        if (rect.width === 0 || rect.height === 0 || !element.checkVisibility()) return false;
        let clip = element.parentElement;
        while (clip && getComputedStyle(clip).overflowX === 'visible') clip = clip.parentElement;
        if (clip && main.contains(clip) && clip !== main) return false;
        const edge = clip ? clip.getBoundingClientRect().left + clip.clientLeft + clip.clientWidth : width;
        return rect.right > Math.min(edge, width) + 0.5;
    };
    const out = [...main.querySelectorAll('*')].filter(sticksOut);
    const outermost = out.filter((element) => !out.includes(element.parentElement));
    const blocks = [...main.querySelectorAll('pre')];
    const wide = blocks.filter((pre) => {
        const code = pre.querySelector('code');
        return pre.scrollWidth > pre.clientWidth || (code && code.scrollWidth > code.clientWidth);
    });
    // Grouped by kind of element: "span.listing-file x12 (to 468 px), table (to 549 px)".
    const groups = new Map();
    for (const element of outermost) {
        const group = groups.get(selector(element)) ?? { count: 0, right: 0 };
        group.count++;
        group.right = Math.max(group.right, Math.round(element.getBoundingClientRect().right));
        groups.set(selector(element), group);
    }
    return {
        width,
        widened,
        outside: [...groups].map(([what, { count, right }]) => `${what}${count > 1 ? ` x${count}` : ''} (to ${right} px)`),
        blocks: blocks.length,
        transcripts: wide.filter((pre) => pre.closest('div.transcript')).length,
        wide: wide.length,
        stuck: wide.filter((pre) => !scrolls(pre) && !scrolls(pre.querySelector('code'))).map(describe),
    };
}

export const narrowViewport = {
    id: 'narrow-viewport',
    title: 'at 375 px no page is wider than the screen',
    tour: 'phone',
    async onPage({ page, path, record }) {
        // Every folded solution open, as a reader who wants to see it has it.
        await page.evaluate(() => document.querySelectorAll('main details').forEach((details) => (details.open = true)));
        const found = await page.evaluate(measure);
        const failures = [];
        if (found.width !== 375) failures.push(`the page zoomed out to ${found.width} px`);
        if (found.widened.length) {
            failures.push(`the page scrolls sideways: ${found.widened.join('; ')}; sticking out: ${found.outside.join(', ')}`);
        } else if (found.outside.length) {
            failures.push(`cut off at the screen's right edge: ${found.outside.join(', ')}`);
        }
        if (found.stuck.length) failures.push(`wider than the screen and not scrolling in their box: ${found.stuck.join(', ')}`);
        record(path, failures.join('; ') || null, {
            note: `${found.wide} of ${found.blocks} blocks (${found.transcripts} of them a transcript's) wider than the screen, each scrolling in its box`,
        });
    },
};
