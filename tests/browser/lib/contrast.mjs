// WCAG 2 contrast, measured in the page from computed styles. `measure` runs inside the
// page (page.evaluate), so it is self-contained.

/**
 * For each selector in `kinds`, every non-empty element matching it inside a
 * `pre.transcript`: its text colour (with the opacity of it and its ancestors applied)
 * over its background (the first opaque background up the tree, with the translucent
 * ones on top of it composited), and their contrast ratio. Returns, per kind, how many
 * were measured and the worst one. Not modelled: background images, filters, blend modes,
 * opacity at or above the element whose background is opaque.
 */
export function measure(kinds) {
    const canvas = document.createElement('canvas');
    canvas.width = canvas.height = 1;
    const ink = canvas.getContext('2d', { willReadFrequently: true });

    function rgba(css) {
        const match = css.match(/^rgba?\(([^)]*)\)$/);
        if (match) {
            const parts = match[1].split(/[\s,/]+/).filter(Boolean).map(Number.parseFloat);
            return [parts[0], parts[1], parts[2], parts.length > 3 ? parts[3] : 1];
        }
        // Any other syntax (color(srgb ...), oklch(...)): the canvas converts it to sRGB.
        ink.clearRect(0, 0, 1, 1);
        ink.fillStyle = css;
        ink.fillRect(0, 0, 1, 1);
        const [r, g, b, a] = ink.getImageData(0, 0, 1, 1).data;
        return [r, g, b, a / 255];
    }
    function over(top, bottom) {
        const alpha = top[3] + bottom[3] * (1 - top[3]);
        const channel = (i) => (top[i] * top[3] + bottom[i] * bottom[3] * (1 - top[3])) / alpha;
        return [channel(0), channel(1), channel(2), alpha];
    }
    function luminance([r, g, b]) {
        const linear = (c) => {
            c /= 255;
            return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
        };
        return 0.2126 * linear(r) + 0.7152 * linear(g) + 0.0722 * linear(b);
    }
    function hex([r, g, b]) {
        return '#' + [r, g, b].map((c) => Math.round(c).toString(16).padStart(2, '0')).join('');
    }
    function colours(element) {
        const layers = [];
        let opacity = 1;
        let holder = null;
        for (let e = element; e; e = e.parentElement) {
            const style = getComputedStyle(e);
            const background = rgba(style.backgroundColor);
            if (background[3] > 0) layers.push(background);
            if (background[3] >= 1) {
                holder = e;
                break;
            }
            opacity *= Number.parseFloat(style.opacity);
        }
        // Nothing opaque up to <html>: the canvas is white.
        let background = [255, 255, 255, 1];
        for (const layer of layers.reverse()) background = over(layer, background);
        const text = rgba(getComputedStyle(element).color);
        text[3] *= opacity;
        const shown = over(text, background);
        const [light, dark] = [luminance(shown), luminance(background)].sort((a, b) => b - a);
        return {
            ratio: (light + 0.05) / (dark + 0.05),
            text: hex(shown),
            background: hex(background),
            opacity: Math.round(text[3] * 100) / 100,
            holder: holder ? holder.tagName.toLowerCase() + (holder.className ? '.' + holder.className.split(' ').join('.') : '') : 'canvas',
        };
    }

    const result = {};
    for (const kind of kinds) {
        const found = [...document.querySelectorAll(`pre.transcript ${kind}`)].filter(
            (element) => element.textContent.trim() !== '',
        );
        let worst = null;
        for (const element of found) {
            const measured = colours(element);
            if (!worst || measured.ratio < worst.ratio) {
                worst = { ...measured, listing: element.closest('pre.transcript').dataset.listing };
            }
        }
        result[kind] = { count: found.length, worst };
    }
    return result;
}
