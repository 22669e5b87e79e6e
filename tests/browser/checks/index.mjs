// The checks. Each is an object:
//
//   id, title      its name in --check and expected-failures.mjs, and in the report
//   tour           'desktop' or 'phone' (lib/tour.mjs): onPage runs on that tour's tab
//   pages          where: 'chapters' (the sidebar's; the default), 'every' (those and
//                  index.html, print.html, 404.html), or a list of paths
//   onPage(visit, state, book)  visit: { page, path, problems, idle(), record() }
//   once(book, state)           after the tours, with what onPage gathered in state
//   finish(state, book)         last: turn what was gathered into cases
//
// all of them optional but id and title. A case is recorded with record(name, failure |
// null, { note, skip }): visit.record in onPage (kept in page order), state.record in
// once and finish; state.note(line) adds a line to the report. Every case is one
// subtest, judged against expected-failures.mjs. `state` is the check's own object
// (lib/tour.mjs's newState): keep what the steps gather in it.
//
// On a tour's tab the checks take turns in this order (screenshots first, while nothing
// is hovered or open; page-loads last, to see the errors the others' clicks caused).
import { contrast } from './contrast.mjs';
import { copyButton } from './copy-button.mjs';
import { crossReferences } from './cross-references.mjs';
import { drawingsDesktop, drawingsPhone } from './drawings.mjs';
import { errorColour } from './error-colour.mjs';
import { hiddenLines } from './hidden-lines.mjs';
import { narrowViewport } from './narrow-viewport.mjs';
import { pageLoads } from './page-loads.mjs';
import { screenshots } from './screenshots.mjs';
import { searchCaptions } from './search.mjs';

export const CHECKS = [
    screenshots,
    hiddenLines,
    contrast,
    drawingsDesktop,
    drawingsPhone,
    errorColour,
    copyButton,
    crossReferences,
    searchCaptions,
    narrowViewport,
    pageLoads,
];
