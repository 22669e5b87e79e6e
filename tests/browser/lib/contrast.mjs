// WCAG 2 contrast, measured in the page from computed styles. `measure` runs inside the
// page (page.evaluate), so it is self-contained.

/**
 * Every piece of text a reader sees inside a `div.transcript`, each measured where it is
 * drawn: its text colour (with the opacity of it and its ancestors applied) over its
 * background (the first opaque background up the tree, with the translucent ones on top
 * of it composited), and their contrast ratio. Text is an element's own text nodes or a
 * `::before`/`::after` with content (the copy button's "copy", a stream's label), in the
 * pseudo-element's computed colour (the button's own, which it inherits). The text is
 * grouped by the kind a reader tells apart, named as a selector:
 *
 *   .ansi-fg-N                 a span of terminal colour N (one kind per N)
 *   .ansi-dim, .ansi-inverse   dim or inverse text with no colour of its own
 *   .transcript-stdout, ...    a stream's own text (and its bold, uncoloured spans)
 *   .transcript-stream::before a stream's label ("compiler", "stderr")
 *   .transcript-copy           the copy button's text
 *   .transcript-badge-KIND     a badge (one kind per badge: panic, warning, ...)
 *   .transcript-command, .transcript-prompt, .transcript-more > summary, .transcript-nothing
 *   other: SELECTOR            anything else with text: new markup nobody has measured
 *
 * Returns, per kind, how many were measured and the worst one, and how many transcripts
 * the page has. Not modelled: background images, filters, blend modes, opacity at or
 * above the element whose background is opaque. Elements of a closed fold are measured
 * too: their colours are computed all the same.
 */
export function measure() {
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
    function selector(element) {
        const classes = typeof element.className === 'string' ? element.className.trim() : '';
        return element.tagName.toLowerCase() + (classes ? '.' + classes.split(/\s+/).join('.') : '');
    }
    // What lies under an element's text: its opacity and its background, per element
    // (most text shares its ancestors, so their styles are read once).
    const grounds = new Map();
    function ground(element) {
        if (!element) return { opacity: 1, layers: [], holder: 'canvas' };
        if (grounds.has(element)) return grounds.get(element);
        const style = getComputedStyle(element);
        const background = rgba(style.backgroundColor);
        let found;
        if (background[3] >= 1) {
            found = { opacity: 1, layers: [background], holder: selector(element) };
        } else {
            const below = ground(element.parentElement);
            found = {
                opacity: below.opacity * Number.parseFloat(style.opacity),
                layers: background[3] > 0 ? [background, ...below.layers] : below.layers,
                holder: below.holder,
            };
        }
        grounds.set(element, found);
        return found;
    }
    // The text colour of `style` on `element` (or on its pseudo-element `pseudo`).
    function colours(element, style, pseudo) {
        const under = ground(element);
        let layers = under.layers;
        let opacity = under.opacity;
        if (pseudo) {
            const own = rgba(style.backgroundColor);
            if (own[3] > 0) layers = [own, ...layers];
            opacity *= Number.parseFloat(style.opacity);
        }
        // Nothing opaque up to <html>: the canvas is white.
        let background = [255, 255, 255, 1];
        for (const layer of [...layers].reverse()) background = over(layer, background);
        const text = rgba(style.color);
        text[3] *= opacity;
        const shown = over(text, background);
        const [light, dark] = [luminance(shown), luminance(background)].sort((a, b) => b - a);
        return {
            ratio: (light + 0.05) / (dark + 0.05),
            text: hex(shown),
            background: hex(background),
            opacity: Math.round(text[3] * 100) / 100,
            holder: under.holder,
        };
    }
    const STREAMS = ['transcript-diagnostics', 'transcript-stdout', 'transcript-stderr'];
    const PARTS = ['transcript-command', 'transcript-prompt', 'transcript-copy', 'transcript-nothing'];
    // The kind of an element's own text (see above).
    function kindOf(element) {
        const classes = [...element.classList];
        const fg = classes.find((name) => /^ansi-fg-\d+$/.test(name));
        if (fg) return `.${fg}`;
        for (const name of ['ansi-inverse', 'ansi-dim']) if (classes.includes(name)) return `.${name}`;
        const badge = classes.find((name) => name.startsWith('transcript-badge-'));
        if (badge) return `.${badge}`;
        const part = PARTS.find((name) => classes.includes(name));
        if (part) return `.${part}`;
        if (element.matches('.transcript-more > summary')) return '.transcript-more > summary';
        const stream = element.closest('pre.transcript-stream');
        if (stream && (stream === element || classes.every((name) => /^ansi-/.test(name)))) {
            const kind = STREAMS.find((name) => stream.classList.contains(name));
            if (kind) return `.${kind}`;
        }
        return `other: ${selector(element)}`;
    }
    const ownText = (element) =>
        [...element.childNodes].some((node) => node.nodeType === Node.TEXT_NODE && node.textContent.trim() !== '');
    // A pseudo-element's text, if it shows any: `content` is a string, or attr(...).
    function pseudoText(element, style) {
        const content = style.content;
        if (!content || content === 'none' || content === 'normal' || style.display === 'none') return '';
        const attribute = content.match(/^attr\(([\w-]+)\)$/);
        if (attribute) return (element.getAttribute(attribute[1]) ?? '').trim();
        return content.replace(/^"|"$/g, '').trim();
    }

    const result = {};
    const note = (kind, element, measured, text) => {
        const entry = (result[kind] ??= { count: 0, worst: null });
        entry.count++;
        if (!entry.worst || measured.ratio < entry.worst.ratio) {
            entry.worst = {
                ...measured,
                element: selector(element),
                sample: text.trim().slice(0, 40),
                listing: element.closest('div.transcript').dataset.listing,
            };
        }
    };
    const transcripts = [...document.querySelectorAll('div.transcript')];
    for (const transcript of transcripts) {
        for (const element of [transcript, ...transcript.querySelectorAll('*')]) {
            if (ownText(element)) {
                const text = [...element.childNodes]
                    .filter((node) => node.nodeType === Node.TEXT_NODE)
                    .map((node) => node.textContent)
                    .join('');
                note(kindOf(element), element, colours(element, getComputedStyle(element)), text);
            }
            for (const which of ['::before', '::after']) {
                const style = getComputedStyle(element, which);
                const text = pseudoText(element, style);
                if (!text) continue;
                let kind;
                if (element.classList.contains('transcript-copy')) kind = '.transcript-copy';
                else if (element.matches('pre.transcript-stream')) kind = `.transcript-stream${which}`;
                else kind = `other: ${selector(element)}${which}`;
                note(kind, element, colours(element, style, which), text);
            }
        }
    }
    return { transcripts: transcripts.length, kinds: result };
}
