// Known failures of the real book, in one place. A case listed here that fails is
// reported as TODO (the run still passes); a case listed here that passes fails the run,
// so that whoever fixes it also deletes its line; a line naming a case that no check ran
// fails the run too. (A fixture book's run gives its own list: run.mjs --expected-failures.)
//
// `check` is a check's id (checks/index.mjs), `case` the name of the case it reports.

const anchorIds =
    "the chapter links by hand to the id an anchored listing had until 97b27ce, listing-NAME-ANCHOR; " +
    "a listing's first figure is now listing-NAME (render/numbering.rs, unique_id), so the link lands at the top of the page " +
    '(fix the link, better {{#listing-ref NAME}}, or keep the old id)';

export const EXPECTED_FAILURES = [
    {
        check: 'cross-references',
        case: 'ch12-03-the-runtime.html "the page on when to use async" -> ch12-06-when-to-use-async.html#listing-heartbeat-blocked-main',
        why: anchorIds,
    },
    {
        check: 'cross-references',
        case: 'ch12-04-tasks-and-futures.html "the pitfalls page" -> ch12-08-pitfalls.html#listing-fire-and-forget-spawn',
        why: anchorIds,
    },
];
