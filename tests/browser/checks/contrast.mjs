// In each of mdBook's themes (switched with the theme picker, as a reader does), every
// kind of text inside a transcript (lib/contrast.mjs names them: the command, prompt,
// copy button, badges, stream labels, folds' summaries, each stream's text and every
// terminal colour) has a contrast ratio of at least 4.5:1 (WCAG 2 AA, normal text)
// against the transcript's background. One case per theme and kind, with the worst text
// on any page; the table of ratios is printed as notes. (Not on print.html: it opens the
// print dialog, and while it is open the print stylesheet applies.)
import { THEMES, pickTheme } from '../lib/book.mjs';
import { measure } from '../lib/contrast.mjs';

export const MINIMUM_RATIO = 4.5;

/** Kinds of text the tool renders, measured if the book has them, else skipped; any
 * other kind found (each terminal colour, new markup) is measured as well. */
export const KINDS = [
    '.transcript-prompt',
    '.transcript-command',
    '.transcript-copy',
    ...['compile-error', 'panic', 'exit', 'signal', 'timeout', 'warning'].map((kind) => `.transcript-badge-${kind}`),
    '.transcript-stream::before',
    '.transcript-diagnostics',
    '.transcript-stdout',
    '.transcript-stderr',
    '.transcript-more > summary',
    '.transcript-nothing',
];

/** The kinds to report: KINDS, then the others found, terminal colours in number order. */
function kindsOf(worst) {
    const found = [...new Set([...worst.keys()].map((key) => key.slice(key.indexOf(' ') + 1)))];
    const order = (kind) => {
        const colour = kind.match(/^\.ansi-fg-(\d+)$/);
        return colour ? Number(colour[1]) : kind.startsWith('.ansi-') ? 100 : 200;
    };
    const others = found.filter((kind) => !KINDS.includes(kind)).sort((a, b) => order(a) - order(b) || a.localeCompare(b));
    return [...KINDS, ...others];
}

function table(worst, kinds) {
    const width = Math.max(...kinds.map((kind) => kind.length)) + 2;
    const rows = [
        `contrast of transcript text, worst of each kind on any page (pass: >= ${MINIMUM_RATIO}:1)`,
        ['kind'.padEnd(width), ...THEMES.map((theme) => theme.padStart(6).padEnd(11))].join('').trimEnd(),
    ];
    for (const kind of kinds) {
        const cells = THEMES.map((theme) => {
            const found = worst.get(`${theme} ${kind}`);
            if (!found) return 'none'.padStart(6).padEnd(11);
            return `${found.ratio.toFixed(2).padStart(6)} ${found.ratio >= MINIMUM_RATIO ? 'ok' : 'FAIL'}`.padEnd(11);
        });
        rows.push([kind.padEnd(width), ...cells].join('').trimEnd());
    }
    return rows;
}

export const contrast = {
    id: 'contrast',
    title: 'transcript text has 4.5:1 contrast in every theme',
    tour: 'desktop',
    async onPage(visit, state) {
        state.worst ??= new Map(); // "theme kind" -> the worst text, and where
        state.counts ??= new Map();
        state.transcripts ??= 0;
        if ((await visit.page.locator('div.transcript').count()) === 0) return;
        for (const theme of THEMES) {
            await pickTheme(visit.page, theme);
            const { transcripts, kinds } = await visit.page.evaluate(measure);
            if (theme === THEMES[0]) state.transcripts += transcripts;
            for (const [kind, { count, worst }] of Object.entries(kinds)) {
                const key = `${theme} ${kind}`;
                state.counts.set(key, (state.counts.get(key) ?? 0) + count);
                if (!(state.worst.get(key)?.ratio <= worst.ratio)) state.worst.set(key, { ...worst, page: visit.path });
            }
        }
    },
    finish(state) {
        const worst = state.worst ?? new Map();
        if (!state.transcripts) {
            state.record('transcripts to measure', 'no div.transcript on any page: nothing was measured');
            return;
        }
        const kinds = kindsOf(worst);
        for (const row of table(worst, kinds)) state.note(row);
        for (const theme of THEMES) {
            for (const kind of kinds) {
                const name = `${theme} ${kind}`;
                const found = worst.get(name);
                if (!found) {
                    state.record(name, null, { skip: `no ${kind} text in any of ${state.transcripts} transcripts: nothing to measure` });
                    continue;
                }
                const what = `${found.text} on ${found.background} (text opacity ${found.opacity}, background of ${found.holder})`;
                const where = `${found.element} "${found.sample}" on ${found.page}, listing ${found.listing}`;
                const note = `${found.ratio.toFixed(2)}:1, ${what}; worst of ${state.counts.get(name)}: ${where}`;
                const failure =
                    found.ratio >= MINIMUM_RATIO ? null : `${found.ratio.toFixed(2)}:1 < ${MINIMUM_RATIO}:1, ${what}: ${where}`;
                state.record(name, failure, { note });
            }
        }
    },
};
