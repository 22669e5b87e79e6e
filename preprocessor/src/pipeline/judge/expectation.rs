//! Does what the listing did match what it declares? A listing that should fail but
//! compiles, or should succeed but panics, fails the run; `judge` reports it with where
//! the listing is used.

use crate::capture::{Capture, Outcome};
use crate::listing::Expectation;
use crate::listing::expectation::is_error_code;

/// An expectation that did not hold, and what happened instead, in words.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Unmet {
    pub(super) actual: String,
}

/// Checks `capture` against `expect`.
pub(super) fn check(expect: &Expectation, capture: &Capture) -> Result<(), Unmet> {
    let held = match (expect, &capture.outcome) {
        (Expectation::CompileError(code), Outcome::CompileError) if is_error_code(code) => {
            capture.codes.contains(code)
        }
        (Expectation::CompileError(message), Outcome::CompileError) => capture
            .diagnostics
            .lines()
            .any(|line| line.starts_with("error") && line.contains(message.as_str())),
        (Expectation::Success, Outcome::Exited { code: 0, .. }) => true,
        (Expectation::Panic, Outcome::Exited { panicked: true, .. }) => true,
        (
            Expectation::Exit(want),
            Outcome::Exited {
                code,
                panicked: false,
            },
        ) => want == code,
        (Expectation::Warning(lint), Outcome::Exited { code: 0, .. }) => {
            capture.codes.contains(lint)
        }
        _ => false,
    };
    if held {
        Ok(())
    } else {
        Err(Unmet {
            actual: describe(capture),
        })
    }
}

/// What a capture shows, in words, for "expected X, but Y".
fn describe(capture: &Capture) -> String {
    let codes = if capture.codes.is_empty() {
        String::new()
    } else {
        format!(" (diagnostics: {})", capture.codes.join(", "))
    };
    match &capture.outcome {
        Outcome::CompileError => format!("it failed to compile{codes}"),
        Outcome::Exited {
            code,
            panicked: true,
        } => format!("it compiled{codes}, then panicked (exit status {code})"),
        Outcome::Exited {
            code,
            panicked: false,
        } => format!("it compiled{codes}, then exited with status {code}"),
        Outcome::Signalled(signal) => {
            format!("it compiled{codes}, then was killed by signal {signal}")
        }
        Outcome::TimedOut { after_ms } => {
            format!("it compiled{codes}, then ran past its {after_ms} ms timeout and was killed")
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn capture(outcome: Outcome, codes: &[&str]) -> Capture {
        Capture {
            codes: codes.iter().map(|c| c.to_string()).collect(),
            ..Capture::fixture(outcome)
        }
    }
    const OK: Outcome = Outcome::Exited {
        code: 0,
        panicked: false,
    };
    const PANIC: Outcome = Outcome::Exited {
        code: 101,
        panicked: true,
    };

    #[test]
    fn a_compile_error_without_a_code_is_matched_by_its_message() {
        let not_send = Capture {
            diagnostics: "error: future cannot be sent between threads safely\n  --> src/main.rs:9:5\n   = note: the guard is held across an await\n".into(),
            ..capture(Outcome::CompileError, &[])
        };
        let expect = |text: &str| Expectation::CompileError(text.into());
        assert!(
            check(
                &expect("future cannot be sent between threads safely"),
                &not_send
            )
            .is_ok()
        );
        assert!(check(&expect("E0277"), &not_send).is_err());
        // Only error lines count, not notes that happen to contain the words.
        assert!(check(&expect("held across an await"), &not_send).is_err());
        assert_eq!(
            expect("future cannot be sent").to_string(),
            "compile error \"future cannot be sent\""
        );
    }

    #[test]
    fn each_expectation_holds_for_its_own_outcome() {
        assert!(check(&Expectation::Success, &capture(OK, &[])).is_ok());
        assert!(check(&Expectation::Panic, &capture(PANIC, &[])).is_ok());
        assert!(
            check(
                &Expectation::Exit(2),
                &capture(
                    Outcome::Exited {
                        code: 2,
                        panicked: false
                    },
                    &[]
                )
            )
            .is_ok()
        );
        assert!(
            check(
                &Expectation::CompileError("E0728".into()),
                &capture(Outcome::CompileError, &["E0728"])
            )
            .is_ok()
        );
        assert!(
            check(
                &Expectation::Warning("unused_must_use".into()),
                &capture(OK, &["unused_must_use"])
            )
            .is_ok()
        );
    }

    #[test]
    fn a_compile_fail_listing_that_compiles_fails_and_says_so() {
        let err = check(
            &Expectation::CompileError("E0728".into()),
            &capture(OK, &[]),
        )
        .unwrap_err();
        assert_eq!(err.actual, "it compiled, then exited with status 0");
    }

    #[test]
    fn the_wrong_error_code_fails() {
        let err = check(
            &Expectation::CompileError("E0728".into()),
            &capture(Outcome::CompileError, &["E0308"]),
        )
        .unwrap_err();
        assert_eq!(err.actual, "it failed to compile (diagnostics: E0308)");
    }

    #[test]
    fn a_success_listing_that_panics_fails() {
        let err = check(&Expectation::Success, &capture(PANIC, &[])).unwrap_err();
        assert_eq!(err.actual, "it compiled, then panicked (exit status 101)");
    }

    #[test]
    fn a_warning_listing_without_its_warning_fails() {
        assert!(
            check(
                &Expectation::Warning("unused_must_use".into()),
                &capture(OK, &["dead_code"])
            )
            .is_err()
        );
    }

    #[test]
    fn a_timeout_never_counts_as_success() {
        let err = check(
            &Expectation::Success,
            &capture(Outcome::TimedOut { after_ms: 300 }, &[]),
        )
        .unwrap_err();
        assert_eq!(
            err.actual,
            "it compiled, then ran past its 300 ms timeout and was killed"
        );
    }

    #[test]
    fn exit_zero_is_not_a_declared_nonzero_exit() {
        assert!(check(&Expectation::Exit(2), &capture(OK, &[])).is_err());
        assert!(check(&Expectation::Exit(101), &capture(PANIC, &[])).is_err());
    }
}
