use super::*;

fn spans(shown: &Shown) -> Vec<String> {
    shown.spans.iter().map(ToString::to_string).collect()
}

#[test]
fn text_without_escapes_is_kept_as_it_is() {
    let text = "plain\ttext\nüber\n";
    assert_eq!(
        interpret(text),
        Shown {
            text: text.into(),
            spans: vec![]
        }
    );
}

#[test]
fn colours_become_spans_and_the_text_loses_its_escapes() {
    let shown = interpret(
        "\x1b[1m\x1b[38;5;9merror[E0382]\x1b[0m\x1b[1m: borrow\x1b[0m\nok \x1b[32mgreen\x1b[m\n",
    );
    assert_eq!(shown.text, "error[E0382]: borrow\nok green\n");
    assert_eq!(
        spans(&shown),
        ["1:1-13 bold fg=256:9", "1:13-21 bold", "2:4-9 fg=green"]
    );
}

#[test]
fn rgb_and_colon_separated_colours_are_read() {
    let shown = interpret("\x1b[38;2;255;128;0mrgb\x1b[0m \x1b[38:5:208mcolon\x1b[0m");
    assert_eq!(shown.text, "rgb colon");
    assert_eq!(spans(&shown), ["1:1-4 fg=#ff8000", "1:5-10 fg=256:208"]);
}

#[test]
fn a_line_rewritten_with_carriage_returns_shows_its_final_state() {
    let shown = interpret("progress 10%\rprogress 55%\rprogress 100%\ndone\n");
    assert_eq!(shown.text, "progress 100%\ndone\n");
    let erased = interpret("downloading a long name\r\x1b[Kdone\n");
    assert_eq!(erased.text, "done\n");
}

#[test]
fn cursor_movements_rewrite_earlier_lines_as_a_terminal_would() {
    let shown = interpret("task 1: waiting\ntask 2: waiting\n\x1b[2A\rtask 1: done   \n\n");
    assert_eq!(shown.text, "task 1: done   \ntask 2: waiting\n");
}

#[test]
fn other_control_characters_are_shown_by_their_symbols() {
    assert_eq!(
        interpret("bell\x07 nul\x00 del\x7f\n").text,
        "bell␇ nul␀ del␡\n"
    );
}

#[test]
fn malformed_or_unknown_sequences_are_dropped_never_shown_raw() {
    for raw in [
        "a\x1b[999;;;zb\n",
        "a\x1b]0;title\x07b\n",
        "a\x1b[?25lb\n",
        "a\x1b(Bb\n",
    ] {
        let shown = interpret(raw);
        assert_eq!(shown.text, "ab\n", "{raw:?}");
        assert!(!shown.text.contains('\x1b'));
    }
}
