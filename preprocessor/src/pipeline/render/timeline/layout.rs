//! Where each part of a timeline goes, from its events alone: one lane per task in the
//! order the tasks appeared, each lane's running and waiting segments, where it started
//! and how it ended, and the time axis's ticks. Pure and in microseconds; the drawing
//! turns it into pixels.

use crate::timeline::{Event, Kind};

/// At most this many lanes are drawn; the rest are counted in a note.
pub(super) const MAX_LANES: usize = 40;

/// What a task was doing over a stretch of time.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum State {
    Running,
    Waiting,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Segment {
    pub(super) state: State,
    pub(super) from_us: u64,
    pub(super) to_us: u64,
}

/// How a lane ends.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Ending {
    /// It finished.
    Finished,
    /// It was dropped before finishing (a `select!`'s loser).
    Cancelled,
    /// The run ended first: the lane is cut at the end of the timeline.
    Cut,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Lane {
    pub(super) task: String,
    /// The threads it ran on, in the order first seen.
    pub(super) threads: Vec<String>,
    pub(super) start_us: u64,
    pub(super) end_us: u64,
    pub(super) ending: Ending,
    pub(super) segments: Vec<Segment>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Layout {
    pub(super) lanes: Vec<Lane>,
    /// The time of the last event (at least 1, so that the axis has a length).
    pub(super) end_us: u64,
    pub(super) ticks: Vec<(u64, String)>,
    /// Whether the tasks ran on more than one thread (the lanes then name theirs).
    pub(super) threaded: bool,
    /// Tasks left out past [`MAX_LANES`].
    pub(super) lanes_left_out: usize,
}

/// The layout of `events` (in the order recorded).
pub(super) fn layout(events: &[Event]) -> Layout {
    let end_us = events.iter().map(|e| e.at_us).max().unwrap_or(0).max(1);
    let mut lanes: Vec<Lane> = Vec::new();
    for event in events {
        // A task of the same name that has ended is another task: a lane of its own.
        let open = |lane: &Lane| lane.task == event.task && lane.ending == Ending::Cut;
        let index = match lanes.iter().rposition(open) {
            Some(index) => index,
            None => {
                lanes.push(Lane {
                    task: event.task.clone(),
                    threads: Vec::new(),
                    start_us: event.at_us,
                    end_us,
                    ending: Ending::Cut,
                    segments: Vec::new(),
                });
                lanes.len() - 1
            }
        };
        apply(&mut lanes[index], event);
    }
    for lane in &mut lanes {
        if lane.ending == Ending::Cut {
            close(lane, end_us);
        }
        merge_adjacent(&mut lane.segments);
    }
    let threads: std::collections::BTreeSet<&String> =
        lanes.iter().flat_map(|lane| &lane.threads).collect();
    let threaded = threads.len() > 1;
    let lanes_left_out = lanes.len().saturating_sub(MAX_LANES);
    lanes.truncate(MAX_LANES);
    Layout {
        ticks: ticks(end_us),
        threaded,
        lanes,
        end_us,
        lanes_left_out,
    }
}

/// One event of the lane's task: the open segment ends, and another may begin.
fn apply(lane: &mut Lane, event: &Event) {
    let state = match event.kind {
        Kind::Start | Kind::Wait => Some(State::Waiting),
        Kind::Run => Some(State::Running),
        Kind::End | Kind::Cancel => None,
    };
    close(lane, event.at_us);
    if event.kind == Kind::Run && !lane.threads.contains(&event.thread) {
        lane.threads.push(event.thread.clone());
    }
    match state {
        Some(state) => lane.segments.push(Segment {
            state,
            from_us: event.at_us,
            to_us: event.at_us,
        }),
        None => {
            lane.end_us = event.at_us;
            lane.ending = if event.kind == Kind::End {
                Ending::Finished
            } else {
                Ending::Cancelled
            };
        }
    }
}

/// Ends the lane's open segment at `at_us`.
fn close(lane: &mut Lane, at_us: u64) {
    if let Some(last) = lane.segments.last_mut() {
        last.to_us = at_us.max(last.from_us);
    }
}

/// Joins neighbours in the same state, and drops empty waits (a poll that returned
/// `Pending` and was polled again at once): ten thousand polls draw as a few bars.
fn merge_adjacent(segments: &mut Vec<Segment>) {
    segments.retain(|s| s.state == State::Running || s.to_us > s.from_us);
    let mut merged: Vec<Segment> = Vec::with_capacity(segments.len());
    for segment in segments.drain(..) {
        match merged.last_mut() {
            Some(last) if last.state == segment.state => last.to_us = segment.to_us,
            _ => merged.push(segment),
        }
    }
    *segments = merged;
}

/// Ticks at round times (1, 2 or 5 times a power of ten), at most six, from 0 to the
/// first at or past `end_us`, labelled in the unit that suits the span.
pub(super) fn ticks(end_us: u64) -> Vec<(u64, String)> {
    let mut step = 1u64;
    'search: loop {
        for factor in [1, 2, 5] {
            if end_us.div_ceil(step * factor) <= 5 {
                step *= factor;
                break 'search;
            }
        }
        step *= 10;
    }
    let count = end_us.div_ceil(step);
    (0..=count)
        .map(|index| (index * step, time_label(index * step, end_us)))
        .collect()
}

/// `0 ms`, `250 ms`, `1.5 s`, `40 µs`: every label of an axis in one unit, the largest
/// that the whole span is at least two of.
pub(super) fn time_label(us: u64, end_us: u64) -> String {
    if end_us >= 2_000_000 {
        format!("{} s", trim(us as f64 / 1e6))
    } else if end_us >= 2_000 {
        format!("{} ms", trim(us as f64 / 1e3))
    } else {
        format!("{us} µs")
    }
}

fn trim(value: f64) -> String {
    let text = format!("{value:.1}");
    text.strip_suffix(".0").unwrap_or(&text).to_string()
}

#[cfg(test)]
mod tests;
