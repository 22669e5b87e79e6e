use super::*;
use crate::timeline::{Event, Kind};

/// An event of `task` on the main thread, `at_ms` into the run (for the layout's tests
/// too).
pub(super) fn event(task: &str, kind: Kind, at_ms: u64) -> Event {
    Event {
        task: task.into(),
        kind,
        at_us: at_ms * 1000,
        thread: "main #1".into(),
    }
}

fn timeline(events: Vec<Event>) -> Timeline {
    Timeline {
        events,
        ..Timeline::default()
    }
}

#[test]
fn a_timeline_is_an_accessible_svg_in_a_scrolling_box_with_no_blank_line() {
    use Kind::*;
    let html = drawing(
        &timeline(vec![
            event("fetch <a>", Start, 0),
            event("fetch <a>", Run, 0),
            event("fetch <a>", Wait, 0),
            event("fetch <a>", Run, 100),
            event("fetch <a>", End, 100),
        ]),
        "out-demo-timeline-1",
    );
    assert!(html.starts_with(
        "<div class=\"transcript-drawing transcript-timeline\">\n\
         <svg class=\"transcript-svg\" role=\"img\" aria-labelledby=\"out-demo-timeline-1-title out-demo-timeline-1-desc\" \
         width=\"640\" height=\"94\" viewBox=\"0 0 640 94\" xmlns=\"http://www.w3.org/2000/svg\">\n\
         <title id=\"out-demo-timeline-1-title\">Timeline of 1 task(s) over 100 ms</title>\n\
         <desc id=\"out-demo-timeline-1-desc\">One lane per task, time from left to right. \
         fetch &lt;a&gt; started at 0 ms, ran 0 ms and waited 100 ms, and finished at 100 ms.</desc>\n"
    ), "{html}");
    assert!(html.ends_with("</svg>\n</div>\n\n"));
    assert!(
        !html.trim_end().contains("\n\n"),
        "a blank line would end Markdown's HTML block"
    );
    assert!(
        !html.contains('#'),
        "colours come from the theme's CSS, not inline"
    );
    let texts = html.matches("<text ").count();
    assert_eq!(
        texts,
        html.matches("font-size=\"1").count(),
        "every text has a font size"
    );
    // The axis: 0, 20, ..., 100 ms.
    for label in ["0 ms", "20 ms", "100 ms"] {
        assert!(html.contains(&format!(">{label}</text>")), "{label}");
    }
}

#[test]
fn threads_are_named_only_when_there_are_several() {
    use Kind::*;
    let on = |thread: &str, kind, at| Event {
        thread: thread.into(),
        ..event("work", kind, at)
    };
    let one = drawing(
        &timeline(vec![on("main #1", Run, 0), on("main #1", End, 5)]),
        "t",
    );
    assert!(!one.contains("on thread"));
    let several = drawing(
        &timeline(vec![
            on("tokio-runtime-worker #2", Run, 0),
            on("tokio-runtime-worker #3", Run, 3),
            on("tokio-runtime-worker #3", End, 5),
        ]),
        "t",
    );
    assert!(several.contains(">on thread #2, #3</text>"), "{several}");
}

#[test]
fn long_names_are_shortened_and_notes_are_said_under_the_drawing() {
    let mut events = timeline(vec![event(
        "a task with a very long name indeed",
        Kind::Start,
        0,
    )]);
    events
        .notes
        .push("3 malformed event line(s) skipped".into());
    let html = drawing(&events, "t");
    assert!(
        html.contains(
            ">a task with a very…<title>a task with a very long name indeed</title></text>"
        )
    );
    assert!(html.contains("was still going when the run ended"));
    assert!(html.contains(
        "<p class=\"transcript-timeline-note\">Note: 3 malformed event line(s) skipped</p>"
    ));
    assert_eq!(drawing(&Timeline::default(), "t"), "");
}

/// The boxes of every text, as the drawing places them (x by anchor and about 7 px a
/// character, y from the baseline up by the font size): none may overlap another.
#[test]
fn no_two_labels_overlap() {
    use Kind::*;
    let mut events = Vec::new();
    for n in 0..12 {
        let task = format!("fetch {n} from the server");
        events.push(event(&task, Start, n));
        events.push(event(&task, Run, n));
        events.push(event(&task, Wait, n));
        events.push(Event {
            thread: format!("tokio-runtime-worker #{}", n % 3),
            ..event(&task, Run, 900 + n)
        });
        events.push(event(&task, if n % 2 == 0 { End } else { Cancel }, 950 + n));
    }
    events.push(event("heartbeat", Start, 0));
    let html = drawing(&timeline(events), "t");
    let drawings: Vec<&str> = html.split("<svg ").skip(1).collect();
    assert_eq!(drawings.len(), 2, "a wide drawing and a narrow one");
    for (svg, width) in drawings.into_iter().zip([WIDE.width, NARROW.width]) {
        assert!(svg.contains(&format!("width=\"{width}\"")));
        assert_no_text_overlaps(svg, width);
    }
}

/// No two texts of one drawing, `width` px wide, overlap, and none leaves it.
fn assert_no_text_overlaps(html: &str, width: u64) {
    let text = regex::Regex::new(
        r#"<text (?:class="[^"]*" )?x="([\d.]+)" y="([\d.]+)" font-size="(\d+)"(?: text-anchor="(\w+)")?>([^<]*)"#,
    )
    .unwrap();
    let boxes: Vec<(f64, f64, f64, f64, String)> = text
        .captures_iter(html)
        .map(|c| {
            let (x, y, size): (f64, f64, f64) = (
                c[1].parse().unwrap(),
                c[2].parse().unwrap(),
                c[3].parse().unwrap(),
            );
            let width = c[5].chars().count() as f64 * size * 0.6;
            let left = match c.get(4).map(|m| m.as_str()) {
                Some("end") => x - width,
                Some("middle") => x - width / 2.0,
                _ => x,
            };
            (left, y - size, left + width, y + 2.0, c[5].to_string())
        })
        .collect();
    assert!(boxes.len() > 30, "{}", boxes.len());
    for (i, a) in boxes.iter().enumerate() {
        assert!(
            a.0 >= 0.0 && a.2 <= width as f64,
            "{} leaves the drawing",
            a.4
        );
        for b in &boxes[i + 1..] {
            let apart = a.2 <= b.0 || b.2 <= a.0 || a.3 <= b.1 || b.3 <= a.1;
            assert!(apart, "{:?} overlaps {:?}", a.4, b.4);
        }
    }
}
