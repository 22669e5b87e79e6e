use super::*;

const OK: Outcome = Outcome::SUCCESS;
const PANIC: Outcome = Outcome::Exited {
    code: 101,
    panicked: true,
};

fn capture(outcome: Outcome, codes: &[&str]) -> Capture {
    Capture {
        codes: codes.iter().map(|c| c.to_string()).collect(),
        ..Capture::fixture(outcome)
    }
}

fn failed(codes: &[&str], diagnostics: &str) -> Capture {
    Capture {
        codes: codes.iter().map(|c| c.to_string()).collect(),
        ..Capture::failed_to_compile(diagnostics)
    }
}

fn declared(expect: &Expectation) -> Declared<'_> {
    Declared {
        expect,
        per_run: vec![None; 3],
        pinned: None,
    }
}

fn check_plain(expect: &Expectation, capture: &Capture) -> Result<(), Unmet> {
    check(&declared(expect), capture, &[])
}

#[test]
fn a_compile_error_without_a_code_is_matched_by_its_message() {
    let not_send = failed(
        &[],
        "error: future cannot be sent between threads safely\n  --> src/main.rs:9:5\n   = note: the guard is held across an await\n",
    );
    let expect = |text: &str| Expectation::CompileError(text.into());
    assert!(
        check_plain(
            &expect("future cannot be sent between threads safely"),
            &not_send
        )
        .is_ok()
    );
    assert!(check_plain(&expect("E0277"), &not_send).is_err());
    // Only error lines count, not notes that happen to contain the words.
    assert!(check_plain(&expect("held across an await"), &not_send).is_err());
}

#[test]
fn each_expectation_holds_for_its_own_outcome() {
    assert!(check_plain(&Expectation::Success, &capture(OK, &[])).is_ok());
    assert!(check_plain(&Expectation::Panic, &capture(PANIC, &[])).is_ok());
    let three = Outcome::Exited {
        code: 2,
        panicked: false,
    };
    assert!(check_plain(&Expectation::Exit(2), &capture(three, &[])).is_ok());
    assert!(
        check_plain(
            &Expectation::CompileError("E0728".into()),
            &failed(&["E0728"], "")
        )
        .is_ok()
    );
    assert!(
        check_plain(
            &Expectation::Warning("unused_must_use".into()),
            &capture(OK, &["unused_must_use"])
        )
        .is_ok()
    );
    assert!(
        check_plain(
            &Expectation::Timeout,
            &capture(Outcome::TimedOut { after_ms: 300 }, &[])
        )
        .is_ok()
    );
}

#[test]
fn a_server_that_exits_before_its_timeout_fails() {
    let err = check_plain(&Expectation::Timeout, &capture(OK, &[])).unwrap_err();
    assert_eq!(err.actual, "it compiled, then exited with status 0");
}

#[test]
fn a_compile_fail_listing_that_compiles_fails_and_says_so() {
    let err = check_plain(
        &Expectation::CompileError("E0728".into()),
        &capture(OK, &[]),
    )
    .unwrap_err();
    assert_eq!(err.actual, "it compiled, then exited with status 0");
}

#[test]
fn the_wrong_error_code_fails() {
    let err = check_plain(
        &Expectation::CompileError("E0728".into()),
        &failed(&["E0308"], ""),
    )
    .unwrap_err();
    assert_eq!(err.actual, "it failed to compile (diagnostics: E0308)");
}

#[test]
fn a_success_listing_that_panics_fails_and_so_does_a_timeout() {
    let err = check_plain(&Expectation::Success, &capture(PANIC, &[])).unwrap_err();
    assert_eq!(err.actual, "it compiled, then panicked (exit status 101)");
    let err = check_plain(
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
fn a_warning_listing_without_its_warning_fails() {
    assert!(
        check_plain(
            &Expectation::Warning("unused_must_use".into()),
            &capture(OK, &["dead_code"])
        )
        .is_err()
    );
}

#[test]
fn exit_zero_is_not_a_declared_nonzero_exit() {
    assert!(check_plain(&Expectation::Exit(2), &capture(OK, &[])).is_err());
    assert!(check_plain(&Expectation::Exit(101), &capture(PANIC, &[])).is_err());
}

#[test]
fn a_pinned_error_that_moves_to_another_line_fails() {
    let expect = Expectation::CompileError("E0382".into());
    let pinned = Declared {
        pinned: Some(("listings/moves/src/main.rs".into(), 4)),
        ..declared(&expect)
    };
    let at = |line| Located {
        code: "E0382".into(),
        is_error: true,
        file: "listings/moves/src/main.rs".into(),
        line,
    };
    let capture = failed(&["E0382"], "");
    assert!(check(&pinned, &capture, &[at(4)]).is_ok());
    assert_eq!(
        check(&pinned, &capture, &[at(5)]).unwrap_err().actual,
        "E0382 points at listings/moves/src/main.rs:5, not at listings/moves/src/main.rs:4"
    );
}

#[test]
fn each_run_is_held_to_its_own_expectation() {
    let mut two = capture(OK, &[]);
    let mut second = two.runs[0].clone();
    second.command = "cargo run -p demo -- nothing".into();
    second.outcome = Outcome::Exited {
        code: 1,
        panicked: false,
    };
    two.runs.push(second);
    let exit_one = Expectation::Exit(1);
    let success = Expectation::Success;
    let declared_two = Declared {
        per_run: vec![None, Some(&exit_one)],
        ..declared(&success)
    };
    assert!(check(&declared_two, &two, &[]).is_ok());
    assert_eq!(
        check(&declared(&success), &two, &[]).unwrap_err().actual,
        "run 2 (`cargo run -p demo -- nothing`): it compiled, then exited with status 1"
    );
}
