// Every drawing (an inline SVG in a div.transcript-drawing: a chart, a timeline), in each
// of mdBook's themes, on the desktop and on a 375 px phone: it is visible (a box that is
// not empty; of a drawing made twice, wide and narrow, exactly one shows); it stays inside the content column (<main>), unless its box scrolls
// sideways (overflow auto and wider content); every <text> in it has a contrast of at
// least 4.5:1 (its computed fill over the first opaque background behind the drawing);
// and no two <text>s' boxes overlap. One case per page, tour and theme; a book with no
// drawing skips, saying so. The judging is plain functions (judge, ratio, overlapping),
// so a unit test can show each kind of failure.
import { THEMES, pickTheme } from '../lib/book.mjs';

export const MINIMUM_RATIO = 4.5;

/** Runs in the page: what each drawing's geometry and colours are, as plain data. */
function gather() {
    const main = document.querySelector('main');
    const box = (rect) => ({ left: rect.left, top: rect.top, right: rect.right, bottom: rect.bottom });
    const backgroundOf = (element) => {
        for (let e = element; e; e = e.parentElement) {
            const colour = getComputedStyle(e).backgroundColor;
            const alpha = colour.match(/rgba\([^)]*[,/]\s*([\d.]+)\)$/);
            if (colour !== 'transparent' && !(alpha && Number(alpha[1]) < 1)) return colour;
        }
        return 'rgb(255, 255, 255)';
    };
    // A drawing made twice (a timeline, wide and narrow) shows one of the two: the other
    // is not judged, but a holder must show exactly one.
    const shown = (svg) => getComputedStyle(svg).display !== 'none';
    const judged = [...document.querySelectorAll('.transcript-drawing svg')].filter((svg) => {
        const both = svg.parentElement.querySelectorAll(':scope > svg');
        const showing = [...both].filter(shown).length;
        return both.length === 1 || shown(svg) || (showing !== 1 && svg === both[0]);
    });
    return judged.map((svg, index) => {
        const holder = svg.closest('.transcript-drawing');
        const style = getComputedStyle(holder);
        return {
            name: svg.getAttribute('aria-labelledby')?.split(' ')[0]?.replace(/-title$/, '') || `drawing ${index + 1}`,
            visible: svg.checkVisibility() && [...svg.parentElement.querySelectorAll(':scope > svg')].filter(shown).length === 1,
            svg: box(svg.getBoundingClientRect()),
            holder: box(holder.getBoundingClientRect()),
            main: box(main.getBoundingClientRect()),
            scrolls: ['auto', 'scroll'].includes(style.overflowX) && holder.scrollWidth > holder.clientWidth,
            background: backgroundOf(holder),
            texts: [...svg.querySelectorAll('text')].map((text) => ({
                text: text.textContent.trim(),
                fill: getComputedStyle(text).fill,
                opacity: Number(getComputedStyle(text).opacity),
                box: box(text.getBoundingClientRect()),
            })),
        };
    });
}

/** [r, g, b, a] of a computed colour `rgb(...)` / `rgba(...)`; null for anything else. */
export function parse(css) {
    const match = css.match(/^rgba?\(([^)]*)\)$/);
    if (!match) return null;
    const parts = match[1].split(/[\s,/]+/).filter(Boolean).map(Number.parseFloat);
    return [parts[0], parts[1], parts[2], parts.length > 3 ? parts[3] : 1];
}

function luminance([r, g, b]) {
    const linear = (c) => {
        c /= 255;
        return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
    };
    return 0.2126 * linear(r) + 0.7152 * linear(g) + 0.0722 * linear(b);
}

/** WCAG 2 contrast of `text` (with its alpha and `opacity`) drawn on opaque `background`. */
export function ratio(text, background, opacity = 1) {
    const alpha = text[3] * opacity;
    const shown = [0, 1, 2].map((i) => text[i] * alpha + background[i] * (1 - alpha));
    const [light, dark] = [luminance(shown), luminance(background)].sort((a, b) => b - a);
    return (light + 0.05) / (dark + 0.05);
}

/** Pairs of boxes that overlap by more than half a pixel each way. */
export function overlapping(items) {
    const pairs = [];
    for (let i = 0; i < items.length; i++) {
        for (let j = i + 1; j < items.length; j++) {
            const [a, b] = [items[i].box, items[j].box];
            const across = Math.min(a.right, b.right) - Math.max(a.left, b.left);
            const down = Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top);
            if (across > 0.5 && down > 0.5) pairs.push([items[i], items[j]]);
        }
    }
    return pairs;
}

/** What is wrong with one drawing (gather's data), in words; empty when nothing is. */
export function judge(drawing) {
    const failures = [];
    const { svg, holder, main } = drawing;
    if (!drawing.visible || svg.right - svg.left <= 0 || svg.bottom - svg.top <= 0) {
        failures.push('not visible (an empty box)');
    }
    if (holder.left < main.left - 0.5 || holder.right > main.right + 0.5) {
        failures.push(`its box (${Math.round(holder.left)}-${Math.round(holder.right)} px) leaves the content column (${Math.round(main.left)}-${Math.round(main.right)} px)`);
    }
    if ((svg.right > holder.right + 0.5 || svg.left < holder.left - 0.5) && !drawing.scrolls) {
        failures.push(`the drawing is ${Math.round(svg.right - svg.left)} px wide in a box of ${Math.round(holder.right - holder.left)} px that does not scroll`);
    }
    const background = parse(drawing.background);
    for (const text of drawing.texts) {
        const fill = parse(text.fill);
        if (!fill || !background) {
            failures.push(`"${text.text}": cannot read its colour ${text.fill} on ${drawing.background}`);
            continue;
        }
        const measured = ratio(fill, background, text.opacity);
        if (measured < MINIMUM_RATIO) {
            failures.push(`"${text.text}": contrast ${measured.toFixed(2)}:1 < ${MINIMUM_RATIO}:1 (${text.fill} on ${drawing.background})`);
        }
    }
    for (const [a, b] of overlapping(drawing.texts)) failures.push(`"${a.text}" overlaps "${b.text}"`);
    return failures;
}

function drawingsCheck(id, tour) {
    return {
        id,
        title: `drawings are visible, fit the content and are legible in every theme (${tour})`,
        tour,
        async onPage({ page, path, record }, state) {
            state.drawings ??= 0;
            if ((await page.locator('.transcript-drawing svg').count()) === 0) return;
            await page.evaluate(() => document.querySelectorAll('main details').forEach((details) => (details.open = true)));
            for (const theme of THEMES) {
                await pickTheme(page, theme);
                const drawings = await page.evaluate(gather);
                if (theme === THEMES[0]) state.drawings += drawings.length;
                const failures = drawings.flatMap((drawing) => judge(drawing).map((failure) => `${drawing.name}: ${failure}`));
                const texts = drawings.reduce((sum, drawing) => sum + drawing.texts.length, 0);
                record(`${path} ${theme}`, failures.join('; ') || null, {
                    note: `${drawings.length} drawing(s), ${texts} text(s)`,
                });
            }
        },
        finish(state) {
            if (!state.drawings) state.record('drawings', null, { skip: 'no .transcript-drawing svg on any page: nothing to check' });
        },
    };
}

export const drawingsDesktop = drawingsCheck('drawings', 'desktop');
export const drawingsPhone = drawingsCheck('drawings-phone', 'phone');
