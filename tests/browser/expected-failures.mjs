// Known failures, in one place. A case listed here that fails is reported as TODO (the run
// still passes); a case listed here that passes fails the run, so that whoever fixes it
// also deletes its line; a line naming a case that no check ran fails the run too.
//
// `check` is a check's id (checks/index.mjs), `case` the name of the case it reports.
const stderrRed = 'theme/transcript.css: stderr is a hard-coded #c0392b, made for light backgrounds';
const diagnosticsLinks = 'theme/transcript.css: diagnostics take the theme\'s link colour, made for links in prose, not for a code background';

const longPaths =
    "theme/transcript.css: a caption's file path (.listing-file) is white-space: nowrap, so on a phone a long one widens the content box";

export const EXPECTED_FAILURES = [
    { check: 'contrast', case: 'coal .transcript-stderr', why: stderrRed },
    { check: 'contrast', case: 'navy .transcript-stderr', why: stderrRed },
    { check: 'contrast', case: 'ayu .transcript-stderr', why: stderrRed },
    { check: 'contrast', case: 'rust .transcript-diagnostics', why: diagnosticsLinks },
    { check: 'contrast', case: 'coal .transcript-diagnostics', why: diagnosticsLinks },
    { check: 'contrast', case: 'navy .transcript-diagnostics', why: diagnosticsLinks },
    ...[
        'ch12-01-simple-things-complicated.html',
        'ch12-02-async-await-basics.html',
        'ch12-03-the-runtime.html',
        'ch12-04-tasks-and-futures.html',
        'ch12-05-guards-and-streams.html',
        'ch12-06-when-to-use-async.html',
        'ch12-07-no-gil.html',
        'ch12-08-pitfalls.html',
        'ch12-09-patterns.html',
        'ch12-10-exercises.html',
    ].map((page) => ({ check: 'narrow-viewport', case: page, why: longPaths })),
];
