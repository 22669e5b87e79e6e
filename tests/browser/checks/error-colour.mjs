// A compiler error looks like one in every theme: each error span of a diagnostic
// (rustc's bright red, `.transcript-diagnostics .ansi-fg-9`: the `error[E0308]` headline
// and the `^^^` markers) has, as its computed colour, the theme's `--ansi-9` as the root
// element computes it; and that colour is not the same in light and in coal (one red
// for both would be made for one background). One case per theme, and one for the pair.
import { THEMES, pickTheme } from '../lib/book.mjs';

const ERROR_SPAN = '.transcript-diagnostics .ansi-fg-9';

/** In the page: the theme's --ansi-9 (as written, and as a computed colour), and every
 * error span's computed colour. */
function look(selector) {
    const variable = getComputedStyle(document.documentElement).getPropertyValue('--ansi-9').trim();
    // The variable is a token list as written ("#b51f17"): a probe computes it to rgb().
    const probe = document.createElement('span');
    probe.style.color = variable;
    document.documentElement.append(probe);
    const expected = variable && probe.style.color ? getComputedStyle(probe).color : null;
    probe.remove();
    const spans = [...document.querySelectorAll(selector)].map((span) => ({
        colour: getComputedStyle(span).color,
        text: span.textContent.trim().slice(0, 30),
        listing: span.closest('div.transcript')?.dataset.listing,
    }));
    return { variable, expected, spans };
}

export const errorColour = {
    id: 'error-colour',
    title: "a diagnostic's error span has the theme's error colour in every theme",
    tour: 'desktop',
    async onPage(visit, state) {
        state.themes ??= new Map(THEMES.map((theme) => [theme, { count: 0, wrong: [], variables: new Set(), colours: new Set() }]));
        if ((await visit.page.locator(ERROR_SPAN).count()) === 0) return;
        for (const theme of THEMES) {
            await pickTheme(visit.page, theme);
            const { variable, expected, spans } = await visit.page.evaluate(look, ERROR_SPAN);
            const seen = state.themes.get(theme);
            seen.count += spans.length;
            seen.variables.add(`${variable || '(unset)'} = ${expected ?? 'no colour'}`);
            for (const span of spans) {
                seen.colours.add(span.colour);
                if (!expected || span.colour !== expected) {
                    seen.wrong.push(`"${span.text}" in ${span.listing} on ${visit.path} is ${span.colour}`);
                }
            }
        }
    },
    finish(state) {
        const themes = state.themes;
        if (!themes || themes.get(THEMES[0]).count === 0) {
            state.record('error spans', `no ${ERROR_SPAN} on any page: no compiler error to look at`);
            return;
        }
        for (const theme of THEMES) {
            const { count, wrong, variables } = themes.get(theme);
            const variable = [...variables].join(', ');
            const failure =
                variables.size !== 1 || variable.endsWith('no colour')
                    ? `the theme's --ansi-9 should be one colour on every page, it is: ${variable}`
                    : wrong.length
                      ? `${wrong.length} of ${count} error spans are not --ansi-9 (${variable}): ${wrong.slice(0, 5).join('; ')}`
                      : null;
            state.record(`${theme} ${ERROR_SPAN} is --ansi-9`, failure, { note: `${count} spans, --ansi-9: ${variable}` });
        }
        const [light, coal] = ['light', 'coal'].map((theme) => themes.get(theme).colours);
        const both = [...light].filter((colour) => coal.has(colour));
        state.record(
            'light and coal give error spans different colours',
            both.length ? `error spans are ${both.join(', ')} in both light and coal` : null,
            { note: `light: ${[...light].join(', ')}; coal: ${[...coal].join(', ')}` },
        );
    },
};
