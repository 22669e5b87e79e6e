// One verdict per case, against the list of known failures (../expected-failures.mjs,
// or the list run.mjs was given with --expected-failures).
import { EXPECTED_FAILURES as REAL_BOOK } from '../expected-failures.mjs';

let EXPECTED_FAILURES = REAL_BOOK;
const consulted = new Set();

/** Judges against `list` (the EXPECTED_FAILURES of another module) instead. */
export function expectFailures(list) {
    EXPECTED_FAILURES = list;
}

/**
 * Settles the case `name` of check `check` in the subtest `t`: `failure` is null when the
 * case passed, or says what is wrong. Throws unless the outcome is the expected one.
 */
export function verdict(t, check, name, failure) {
    const known = EXPECTED_FAILURES.find((entry) => entry.check === check && entry.case === name);
    if (known) consulted.add(known);
    if (known && failure) {
        t.todo(`expected failure (${known.why}): ${failure}`);
    } else if (known) {
        throw new Error(
            `${check} "${name}" passes now: delete its entry from expected-failures.mjs (${known.why})`,
        );
    } else if (failure) {
        throw new Error(failure);
    }
}

/** Entries of the list for the checks in `ran` that no case consulted (a typo, a case gone). */
export function unconsulted(ran) {
    return EXPECTED_FAILURES.filter((entry) => ran.includes(entry.check) && !consulted.has(entry));
}
