use super::*;
use crate::capture::Styles;

fn listing() -> Listing {
    Listing::fixture(std::path::Path::new("code/demo"))
}

fn capture(outcome: Outcome, stdout: &str, stderr: &str) -> Capture {
    Capture {
        stdout: stdout.into(),
        stderr: stderr.into(),
        ..Capture::fixture(outcome)
    }
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
         <div class=\"transcript-head\"><span class=\"transcript-prompt\" aria-hidden=\"true\">$</span> \
         <code class=\"transcript-command\">cargo run -p demo</code>\
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
    let badge = |outcome: Outcome, diagnostics: &str| {
        badges(&Capture {
            diagnostics: diagnostics.into(),
            ..Capture::fixture(outcome)
        })
    };
    assert_eq!(badge(Outcome::SUCCESS, ""), "");
    assert_eq!(
        badge(
            Outcome::Exited {
                code: 3,
                panicked: false
            },
            ""
        ),
        "<span class=\"transcript-badge transcript-badge-exit\">exit 3</span>"
    );
    assert_eq!(
        badge(Outcome::CompileError, "error[E0382]: x\n"),
        "<span class=\"transcript-badge transcript-badge-compile-error\">compile error</span>"
    );
    assert_eq!(
        badge(Outcome::SUCCESS, "warning: unused\n"),
        "<span class=\"transcript-badge transcript-badge-warning\">warning</span>"
    );
    assert_eq!(
        badge(Outcome::TimedOut { after_ms: 3000 }, ""),
        "<span class=\"transcript-badge transcript-badge-timeout\">stopped after 3 s</span>"
    );
}

#[test]
fn a_long_stream_shows_its_first_lines_and_folds_the_rest_with_its_colours() {
    let text: String = (1..=50).map(|n| format!("line {n}\n")).collect();
    let coloured = Capture {
        stdout: text,
        styles: Styles {
            stdout: vec!["30:1-5 fg=red".parse().unwrap()],
            ..Styles::default()
        },
        ..Capture::fixture(Outcome::SUCCESS)
    };
    let html = transcript(&listing(), &coloured, "o");
    let shown = html.find("line 24\n</pre>").expect("24 lines shown");
    let summary = html
        .find("<summary>show all 50 lines</summary>")
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
