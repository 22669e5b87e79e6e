//! A listing's timeline: what its tasks did while it ran, as it recorded it on the side
//! channel the run stage gives it (`TRANSCRIPT_EVENTS`, one JSON line per event; the
//! listings' `support::timeline` writes them). Parsed here, kept in the snapshot, drawn
//! by the render stage.

use serde::{Deserialize, Serialize};

/// At most this many events are kept of one run; the rest are dropped, with a note.
pub(crate) const MAX_EVENTS: usize = 2000;

/// What a task did at an instant.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub(crate) enum Kind {
    /// It was created (a future is lazy: it has not run yet).
    Start,
    /// It began running (a poll began).
    Run,
    /// It went back to waiting (a poll returned `Pending`).
    Wait,
    /// It finished (a poll returned `Ready`).
    End,
    /// It was dropped before it finished.
    Cancel,
}

/// One event, as recorded.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub(crate) struct Event {
    pub(crate) task: String,
    pub(crate) kind: Kind,
    /// Microseconds since the listing's first event.
    pub(crate) at_us: u64,
    pub(crate) thread: String,
}

/// How a listing's timeline is compared with its snapshot (`timeline = "..."`).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub(crate) enum Compare {
    /// Every event, time and thread: a listing on tokio's paused clock.
    #[default]
    Exact,
    /// The order of starts and ends and which tasks overlapped: a listing on the real
    /// clock, whose milliseconds differ on every run.
    Shape,
}

impl Compare {
    fn is_exact(&self) -> bool {
        *self == Compare::Exact
    }
}

/// A run's timeline: its events in the order recorded, and what had to be left out.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub(crate) struct Timeline {
    #[serde(default, skip_serializing_if = "Compare::is_exact")]
    pub(crate) compare: Compare,
    /// Kept in the snapshot as the run wrote them: one JSON line each, to read and diff.
    #[serde(default, skip_serializing_if = "Vec::is_empty", with = "json_lines")]
    pub(crate) events: Vec<Event>,
    /// Said under the drawing: malformed lines skipped, events dropped past the cap.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub(crate) notes: Vec<String>,
}

impl Timeline {
    pub(crate) fn is_empty(&self) -> bool {
        self.events.is_empty() && self.notes.is_empty()
    }

    /// The events a run wrote, one JSON object a line. A malformed line is skipped and
    /// named in a note (its number and what was wrong), as are events past [`MAX_EVENTS`].
    pub(crate) fn parse(text: &str) -> Timeline {
        let mut timeline = Timeline::default();
        let mut malformed = Vec::new();
        let mut dropped = 0usize;
        for (index, line) in text.lines().enumerate() {
            if line.trim().is_empty() {
                continue;
            }
            match serde_json::from_str::<Event>(line) {
                Ok(_) if timeline.events.len() >= MAX_EVENTS => dropped += 1,
                Ok(event) => timeline.events.push(event),
                Err(error) => malformed.push(format!("line {}: {error}", index + 1)),
            }
        }
        if let Some(first) = malformed.first() {
            timeline.notes.push(format!(
                "{} malformed event line(s) skipped (the first, {first}); each line must be \
                 {{\"task\":NAME,\"kind\":\"start|run|wait|end|cancel\",\"at_us\":N,\"thread\":NAME}}",
                malformed.len()
            ));
        }
        if dropped > 0 {
            timeline.notes.push(format!(
                "{dropped} event(s) after the first {MAX_EVENTS} not drawn"
            ));
        }
        timeline
    }

    /// The timeline without its times, for comparing a run on the real clock: the order
    /// of the events, each with the tasks running or waiting at that moment. Threads are
    /// left out too (a work-stealing runtime moves tasks between them).
    pub(crate) fn shape(&self) -> String {
        let mut order: Vec<&Event> = self.events.iter().collect();
        order.sort_by_key(|event| event.at_us);
        let mut live: Vec<&str> = Vec::new();
        let mut text = String::new();
        for event in order {
            match event.kind {
                Kind::Start => live.push(&event.task),
                Kind::End | Kind::Cancel => live.retain(|task| *task != event.task),
                Kind::Run | Kind::Wait => continue,
            }
            text.push_str(&format!(
                "{:?} {} (live: {})\n",
                event.kind,
                event.task,
                live.join(", ")
            ));
        }
        text
    }

    /// What is compared with the snapshot: [`exact`](Timeline::exact) or
    /// [`shape`](Timeline::shape), as the listing declares, then the notes.
    pub(crate) fn comparable(&self) -> String {
        let mut text = match self.compare {
            Compare::Exact => self.exact(),
            Compare::Shape => self.shape(),
        };
        for note in &self.notes {
            text.push_str(&format!("note: {note}\n"));
        }
        text
    }

    /// Every event as a line, times and threads included, for exact comparison.
    pub(crate) fn exact(&self) -> String {
        self.events
            .iter()
            .map(|e| format!("{} us {:?} {} on {}\n", e.at_us, e.kind, e.task, e.thread))
            .collect()
    }
}

/// Events as a string of JSON lines.
mod json_lines {
    use serde::{Deserialize, Deserializer, Serializer};

    use super::Event;

    pub(super) fn serialize<S: Serializer>(
        events: &[Event],
        serializer: S,
    ) -> Result<S::Ok, S::Error> {
        let mut text = String::new();
        for event in events {
            text.push_str(&serde_json::to_string(event).map_err(serde::ser::Error::custom)?);
            text.push('\n');
        }
        serializer.serialize_str(&text)
    }

    pub(super) fn deserialize<'de, D: Deserializer<'de>>(
        deserializer: D,
    ) -> Result<Vec<Event>, D::Error> {
        String::deserialize(deserializer)?
            .lines()
            .map(|line| serde_json::from_str(line).map_err(serde::de::Error::custom))
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn malformed_lines_are_skipped_and_named_in_a_note() {
        let timeline = Timeline::parse(
            "{\"task\":\"a\",\"kind\":\"start\",\"at_us\":0,\"thread\":\"main\"}\n\
             not json\n\
             {\"task\":\"a\",\"kind\":\"end\",\"at_us\":5,\"thread\":\"main\"}\n",
        );
        assert_eq!(timeline.events.len(), 2);
        assert_eq!(
            timeline.notes,
            [
                "1 malformed event line(s) skipped (the first, line 2: expected ident at line 1 column 2); \
              each line must be {\"task\":NAME,\"kind\":\"start|run|wait|end|cancel\",\"at_us\":N,\"thread\":NAME}"
            ]
        );
    }

    #[test]
    fn events_past_the_cap_are_dropped_with_a_note() {
        let line = "{\"task\":\"a\",\"kind\":\"run\",\"at_us\":1,\"thread\":\"main\"}\n";
        let timeline = Timeline::parse(&line.repeat(MAX_EVENTS + 10));
        assert_eq!(timeline.events.len(), MAX_EVENTS);
        assert_eq!(
            timeline.notes,
            ["10 event(s) after the first 2000 not drawn"]
        );
    }

    #[test]
    fn the_shape_keeps_order_and_overlap_but_not_times() {
        let event = |task: &str, kind, at_us| Event {
            task: task.into(),
            kind,
            at_us,
            thread: "main".into(),
        };
        let one = Timeline {
            events: vec![
                event("a", Kind::Start, 0),
                event("b", Kind::Start, 1),
                event("a", Kind::End, 100),
                event("b", Kind::End, 200),
            ],
            notes: vec![],
            compare: Compare::Shape,
        };
        let mut slower = one.clone();
        slower.events[2].at_us = 150;
        slower.events[3].at_us = 290;
        assert_eq!(one.shape(), slower.shape());
        assert_eq!(
            one.shape(),
            "Start a (live: a)\nStart b (live: a, b)\nEnd a (live: b)\nEnd b (live: )\n"
        );
        slower.events[2].at_us = 300; // b now ends first
        assert_ne!(one.shape(), slower.shape());
    }
}
