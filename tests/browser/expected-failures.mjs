// Known failures of the real book, in one place. A case listed here that fails is
// reported as TODO (the run still passes); a case listed here that passes fails the run,
// so that whoever fixes it also deletes its line; a line naming a case that no check ran
// fails the run too. (A fixture book's run gives its own list: run.mjs --expected-failures.)
//
// `check` is a check's id (checks/index.mjs), `case` the name of the case it reports.

export const EXPECTED_FAILURES = [];
