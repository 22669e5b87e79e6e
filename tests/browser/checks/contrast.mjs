// In each of mdBook's themes (switched with the theme picker, as a reader does), every
// kind of transcript span has a contrast ratio of at least 4.5:1 (WCAG 2 AA, normal
// text) against the transcript's background. One case per theme and kind, with the worst
// span on any page; the table of ratios is printed as notes. (Not on print.html: it
// opens the print dialog, and while it is open the print stylesheet applies.)
import { SPAN_KINDS, THEMES, pickTheme } from '../lib/book.mjs';
import { measure } from '../lib/contrast.mjs';

export const MINIMUM_RATIO = 4.5;

function table(worst) {
    const rows = [
        `contrast of transcript text, worst span of each kind on any page (pass: >= ${MINIMUM_RATIO}:1)`,
        ['theme'.padEnd(6), ...SPAN_KINDS.map((kind) => kind.replace('.transcript-', '').padStart(13))].join(''),
    ];
    for (const theme of THEMES) {
        const cells = SPAN_KINDS.map((kind) => {
            const found = worst.get(`${theme} ${kind}`);
            if (!found) return 'none'.padStart(13);
            return `${found.ratio.toFixed(2)} ${found.ratio >= MINIMUM_RATIO ? 'ok  ' : 'FAIL'}`.padStart(13);
        });
        rows.push([theme.padEnd(6), ...cells].join(''));
    }
    return rows;
}

export const contrast = {
    id: 'contrast',
    title: 'transcript text has 4.5:1 contrast in every theme',
    tour: 'desktop',
    async onPage(visit, state) {
        state.worst ??= new Map(); // "theme kind" -> the worst span, and where
        state.counts ??= new Map();
        for (const theme of THEMES) {
            await pickTheme(visit.page, theme);
            const measured = await visit.page.evaluate(measure, SPAN_KINDS);
            for (const [kind, { count, worst }] of Object.entries(measured)) {
                const key = `${theme} ${kind}`;
                state.counts.set(key, (state.counts.get(key) ?? 0) + count);
                if (worst && !(state.worst.get(key)?.ratio <= worst.ratio)) {
                    state.worst.set(key, { ...worst, page: visit.path });
                }
            }
        }
    },
    finish(state) {
        const worst = state.worst ?? new Map();
        for (const row of table(worst)) state.note(row);
        for (const theme of THEMES) {
            for (const kind of SPAN_KINDS) {
                const name = `${theme} ${kind}`;
                const found = worst.get(name);
                if (!found) {
                    state.record(name, null, { skip: `no ${kind} span with text on any page: nothing to measure` });
                    continue;
                }
                const what = `${found.text} on ${found.background} (text opacity ${found.opacity}, background of ${found.holder})`;
                const where = `${found.page}, listing ${found.listing}`;
                const note = `${found.ratio.toFixed(2)}:1, ${what}; worst of ${state.counts.get(name)} at ${where}`;
                const failure =
                    found.ratio >= MINIMUM_RATIO ? null : `${found.ratio.toFixed(2)}:1 < ${MINIMUM_RATIO}:1, ${what}, at ${where}`;
                state.record(name, failure, { note });
            }
        }
    },
};
