use super::super::tests::event;
use super::*;

fn running(from_ms: u64, to_ms: u64) -> Segment {
    Segment {
        state: State::Running,
        from_us: from_ms * 1000,
        to_us: to_ms * 1000,
    }
}

fn waiting(from_ms: u64, to_ms: u64) -> Segment {
    Segment {
        state: State::Waiting,
        ..running(from_ms, to_ms)
    }
}

/// Two sleeps under `join!` on the paused clock: both polled at 0, both done at 100.
fn joined() -> Vec<Event> {
    use Kind::*;
    vec![
        event("sleep a", Start, 0),
        event("sleep b", Start, 0),
        event("sleep a", Run, 0),
        event("sleep a", Wait, 0),
        event("sleep b", Run, 0),
        event("sleep b", Wait, 0),
        event("sleep a", Run, 100),
        event("sleep a", End, 100),
        event("sleep b", Run, 100),
        event("sleep b", End, 100),
    ]
}

#[test]
fn each_task_gets_a_lane_in_order_of_appearance_with_its_segments() {
    let layout = layout(&joined());
    let lane = |task: &str| Lane {
        task: task.into(),
        threads: vec!["main #1".into()],
        start_us: 0,
        end_us: 100_000,
        ending: Ending::Finished,
        segments: vec![running(0, 0), waiting(0, 100), running(100, 100)],
    };
    assert_eq!(layout.lanes, [lane("sleep a"), lane("sleep b")]);
    assert_eq!(layout.end_us, 100_000);
    assert!(!layout.threaded);
    assert_eq!(layout.lanes_left_out, 0);
}

#[test]
fn a_task_that_never_ends_is_cut_at_the_end_of_the_run() {
    use Kind::*;
    let layout = layout(&[
        event("heartbeat", Start, 0),
        event("heartbeat", Run, 0),
        event("heartbeat", Wait, 0),
        event("main", Start, 0),
        event("main", Run, 0),
        event("main", Wait, 10),
        event("main", Run, 300),
        event("main", End, 300),
    ]);
    let heartbeat = &layout.lanes[0];
    assert_eq!(heartbeat.ending, Ending::Cut);
    assert_eq!(heartbeat.end_us, 300_000);
    assert_eq!(heartbeat.segments, [running(0, 0), waiting(0, 300)]);
    assert_eq!(
        layout.lanes[1].segments,
        [running(0, 10), waiting(10, 300), running(300, 300)]
    );
}

#[test]
fn a_cancelled_task_ends_where_it_was_dropped_and_says_so() {
    use Kind::*;
    let layout = layout(&[
        event("slow", Start, 0),
        event("slow", Run, 0),
        event("slow", Wait, 0),
        event("slow", Cancel, 50),
        event("fast", Start, 0),
        event("fast", End, 80),
    ]);
    assert_eq!(layout.lanes[0].ending, Ending::Cancelled);
    assert_eq!(layout.lanes[0].end_us, 50_000);
    assert_eq!(layout.lanes[1].ending, Ending::Finished);
}

#[test]
fn many_polls_merge_into_few_segments_and_threads_are_named_when_several() {
    use Kind::*;
    let mut events = vec![event("spin", Start, 0)];
    for ms in 0..5000 {
        events.push(event("spin", Run, ms));
        events.push(event("spin", Wait, ms + 1)); // yields and is polled again at once
    }
    events.push(Event {
        thread: "tokio-runtime-worker #3".into(),
        ..event("spin", Run, 5000)
    });
    events.push(event("spin", End, 5001));
    let layout = layout(&events);
    assert_eq!(layout.lanes[0].segments, [running(0, 5001)],);
    assert_eq!(
        layout.lanes[0].threads,
        ["main #1", "tokio-runtime-worker #3"]
    );
    assert!(layout.threaded);
}

#[test]
fn lanes_past_the_cap_are_counted() {
    let events: Vec<Event> = (0..MAX_LANES + 3)
        .map(|n| event(&format!("task {n}"), Kind::Start, 0))
        .collect();
    let layout = layout(&events);
    assert_eq!(layout.lanes.len(), MAX_LANES);
    assert_eq!(layout.lanes_left_out, 3);
}

#[test]
fn ticks_are_round_and_cover_the_whole_run() {
    let labels = |end_us| -> Vec<String> { ticks(end_us).into_iter().map(|(_, l)| l).collect() };
    assert_eq!(
        labels(100_000),
        ["0 ms", "20 ms", "40 ms", "60 ms", "80 ms", "100 ms"]
    );
    assert_eq!(
        labels(2_100_000),
        ["0 s", "0.5 s", "1 s", "1.5 s", "2 s", "2.5 s"]
    );
    assert_eq!(labels(4_000_000), ["0 s", "1 s", "2 s", "3 s", "4 s"]);
    assert_eq!(
        labels(250),
        ["0 µs", "50 µs", "100 µs", "150 µs", "200 µs", "250 µs"]
    );
    assert_eq!(labels(1_300), ["0 µs", "500 µs", "1000 µs", "1500 µs"]);
    assert_eq!(labels(1), ["0 µs", "1 µs"]);
}

#[test]
fn a_name_used_again_after_its_task_ended_is_a_new_lane() {
    use Kind::*;
    let layout = layout(&[
        event("kettle", Start, 0),
        event("kettle", End, 300),
        event("kettle", Start, 500),
        event("kettle", End, 800),
    ]);
    let spans: Vec<(u64, u64)> = layout
        .lanes
        .iter()
        .map(|l| (l.start_us, l.end_us))
        .collect();
    assert_eq!(spans, [(0, 300_000), (500_000, 800_000)]);
}
