use super::*;
use crate::capture::Styles;

fn listing() -> Listing {
    Listing::fixture(std::path::Path::new("code/demo"))
}

fn capture(outcome: Outcome, stdout: &str, stderr: &str) -> Capture {
    Capture::fixture(outcome).printing(stdout, stderr)
}

#[test]
fn a_transcript_has_a_prompt_line_with_a_copy_button_then_each_stream_in_its_box() {
    let html = transcript(
        &listing(),
        &capture(
            Outcome::Exited {
                code: 101,
                panicked: true,
            },
            "before\n",
            "thread 'main' panicked\n",
        ),
        "output-demo",
    );
    assert_eq!(
        html,
        "<div class=\"transcript\" id=\"output-demo\" data-listing=\"demo\">\n\
         <div class=\"transcript-head\"><span class=\"transcript-line\"><span class=\"transcript-prompt\" aria-hidden=\"true\">$</span> \
         <code class=\"transcript-command\">cargo run -p demo</code></span>\
         <button type=\"button\" class=\"transcript-copy\" data-command=\"cargo run -p demo\" title=\"Copy the command\" aria-label=\"Copy the command\"></button>\
         <span class=\"transcript-badge transcript-badge-panic\">panic</span></div>\n\n\
         <pre class=\"transcript-stream transcript-stdout\" data-label=\"stdout\">before\n</pre>\n\n\
         <pre class=\"transcript-stream transcript-stderr\" data-label=\"stderr\">thread &#39;main&#39; panicked\n</pre>\n\n\
         </div>\n"
    );
}

#[test]
fn every_captured_byte_is_escaped() {
    let html = transcript(
        &listing(),
        &capture(Outcome::SUCCESS, "<script>alert('x')</script> & more\n", ""),
        "o",
    );
    assert!(html.contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; more"));
    assert!(!html.contains("<script>"), "{html}");
}

#[test]
fn each_ending_has_its_badge() {
    let badge = |badges: Vec<(&str, String)>| {
        badges
            .into_iter()
            .map(|(kind, text)| format!("{kind}: {text}"))
            .collect::<Vec<_>>()
    };
    assert!(badge(run_badges(&Outcome::SUCCESS)).is_empty());
    assert_eq!(
        badge(run_badges(&Outcome::Exited {
            code: 3,
            panicked: false
        })),
        ["exit: exit 3"]
    );
    assert_eq!(
        badge(run_badges(&Outcome::TimedOut { after_ms: 3000 })),
        ["timeout: stopped after 3 s"]
    );
    assert_eq!(
        badge(build_badges(&Capture::failed_to_compile(
            "error[E0382]: x\n"
        ))),
        ["compile-error: compile error"]
    );
    let warned = Capture {
        diagnostics: "warning: unused\n".into(),
        ..Capture::fixture(Outcome::SUCCESS)
    };
    assert_eq!(badge(build_badges(&warned)), ["warning: warning"]);
}

#[test]
fn every_run_has_its_prompt_line_and_typed_input_is_shown_as_such() {
    let mut two = Capture::fixture(Outcome::SUCCESS).printing("Guess: too low\n", "");
    two.runs[0].command = "cargo run -p guess".into();
    two.runs[0].stdin = Some("50\n".into());
    let mut second = two.runs[0].clone();
    second.command = "cargo run -p guess -- --hard".into();
    second.stdin = None;
    second.stdout = String::new();
    two.runs.push(second);
    let html = transcript(&listing(), &two, "o");
    assert!(html.contains("<code class=\"transcript-command\">cargo run -p guess</code>"));
    assert!(html.contains(
        "<pre class=\"transcript-stream transcript-stdin\" data-label=\"typed input\">50\n</pre>"
    ));
    assert!(
        html.contains("<code class=\"transcript-command\">cargo run -p guess -- --hard</code>")
    );
    assert!(
        html.ends_with("<p class=\"transcript-nothing\">(it printed nothing)</p>\n\n</div>\n"),
        "{html}"
    );
}

#[test]
fn a_long_stream_shows_its_first_lines_and_folds_the_rest_with_its_colours() {
    let text: String = (1..=50).map(|n| format!("line {n}\n")).collect();
    let mut coloured = Capture::fixture(Outcome::SUCCESS).printing(&text, "");
    coloured.runs[0].styles = Styles {
        stdout: vec!["30:1-5 fg=red".parse().unwrap()],
        ..Styles::default()
    };
    let html = transcript(&listing(), &coloured, "o");
    let shown = html.find("line 24\n</pre>").expect("24 lines shown");
    let summary = html
        .find("<summary><span class=\"when-closed\">show all 50 lines</span>")
        .expect("a fold");
    assert!(shown < summary);
    assert!(
        html.contains("<span class=\"ansi-fg-1\">line</span> 30\n"),
        "{html}"
    );
    assert!(html.contains("line 50\n</pre>\n\n</details>"), "{html}");
}

#[test]
fn a_run_that_printed_nothing_says_so() {
    let html = transcript(&listing(), &Capture::fixture(Outcome::SUCCESS), "o");
    assert!(html.contains("<p class=\"transcript-nothing\">(it printed nothing)</p>"));
}
