//! Stage 7, verify: does what the listing did match what it declared?
//!
//! A listing that should fail but compiles, or should succeed but panics, is a failed
//! build; the caller reports it with where the listing is used.

use crate::capture::{Capture, Outcome};
use crate::listing_meta::{Expectation, is_error_code};

/// Checks `capture` against `expect`; on a mismatch, says what happened instead.
pub fn verify(expect: &Expectation, capture: &Capture) -> Result<(), String> {
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
    if held { Ok(()) } else { Err(describe(capture)) }
}

/// What a capture shows, in words, for "expected X, but Y".
pub fn describe(capture: &Capture) -> String {
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
            outcome,
            codes: codes.iter().map(|c| c.to_string()).collect(),
            diagnostics: String::new(),
            stdout: String::new(),
            stderr: String::new(),
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
            verify(
                &expect("future cannot be sent between threads safely"),
                &not_send
            )
            .is_ok()
        );
        assert!(verify(&expect("E0277"), &not_send).is_err());
        // Only error lines count, not notes that happen to contain the words.
        assert!(verify(&expect("held across an await"), &not_send).is_err());
        assert_eq!(
            expect("future cannot be sent").to_string(),
            "compile error \"future cannot be sent\""
        );
    }

    #[test]
    fn each_expectation_holds_for_its_own_outcome() {
        assert!(verify(&Expectation::Success, &capture(OK, &[])).is_ok());
        assert!(verify(&Expectation::Panic, &capture(PANIC, &[])).is_ok());
        assert!(
            verify(
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
            verify(
                &Expectation::CompileError("E0728".into()),
                &capture(Outcome::CompileError, &["E0728"])
            )
            .is_ok()
        );
        assert!(
            verify(
                &Expectation::Warning("unused_must_use".into()),
                &capture(OK, &["unused_must_use"])
            )
            .is_ok()
        );
    }

    #[test]
    fn a_compile_fail_listing_that_compiles_fails_and_says_so() {
        let err = verify(
            &Expectation::CompileError("E0728".into()),
            &capture(OK, &[]),
        )
        .unwrap_err();
        assert_eq!(err, "it compiled, then exited with status 0");
    }

    #[test]
    fn the_wrong_error_code_fails() {
        let err = verify(
            &Expectation::CompileError("E0728".into()),
            &capture(Outcome::CompileError, &["E0308"]),
        )
        .unwrap_err();
        assert_eq!(err, "it failed to compile (diagnostics: E0308)");
    }

    #[test]
    fn a_success_listing_that_panics_fails() {
        let err = verify(&Expectation::Success, &capture(PANIC, &[])).unwrap_err();
        assert_eq!(err, "it compiled, then panicked (exit status 101)");
    }

    #[test]
    fn a_warning_listing_without_its_warning_fails() {
        assert!(
            verify(
                &Expectation::Warning("unused_must_use".into()),
                &capture(OK, &["dead_code"])
            )
            .is_err()
        );
    }

    #[test]
    fn a_timeout_never_counts_as_success() {
        let err = verify(
            &Expectation::Success,
            &capture(Outcome::TimedOut { after_ms: 300 }, &[]),
        )
        .unwrap_err();
        assert!(err.contains("300 ms timeout"), "{err}");
    }

    #[test]
    fn exit_zero_is_not_a_declared_nonzero_exit() {
        assert!(verify(&Expectation::Exit(2), &capture(OK, &[])).is_err());
        assert!(verify(&Expectation::Exit(101), &capture(PANIC, &[])).is_err());
    }
}
