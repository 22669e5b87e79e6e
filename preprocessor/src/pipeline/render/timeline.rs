//! A run's timeline as the page shows it, under its transcript: an inline SVG swimlane,
//! one lane per task (named on the left), time on the x axis with labelled ticks.
//! Running is a tall bar, waiting a thin one (told apart by shape, not only colour); a
//! start is a tick at the lane's left, an end a bar at its right, a cancelled task a
//! cross, a task still going when the run ended a chevron at the cut. Where the tasks
//! ran on several threads, each lane names its threads.
//!
//! Every colour comes from the theme, through classes that `transcript.css` styles
//! with mdBook's CSS variables. The SVG has a `<title>` and a `<desc>` that tells the
//! timeline in words; it keeps its width and scrolls inside its own box on a narrow
//! screen. No blank line inside: the page's Markdown would end the HTML block there.

mod layout;

use std::fmt::Write;

use crate::timeline::Timeline;

use super::html::escape_html;
use layout::{Ending, Lane, Layout, State, layout, time_label};

const WIDTH: u64 = 640;
/// The right edge of the lane names.
const LABEL_RIGHT: u64 = 150;
const PLOT_LEFT: u64 = 162;
const PLOT_RIGHT: u64 = WIDTH - 40;
const LEGEND_HEIGHT: u64 = 30;
const LANE_HEIGHT: u64 = 30;
/// A lane that names its threads is taller, for a second line.
const THREADED_LANE_HEIGHT: u64 = 40;
const AXIS_HEIGHT: u64 = 34;
/// Lane names longer than this are shortened (the whole name is the text's tooltip).
const MAX_LABEL_CHARS: usize = 20;

/// The drawing of `timeline`, with ids made from `id`; empty when it has nothing to show.
pub(super) fn drawing(timeline: &Timeline, id: &str) -> String {
    if timeline.is_empty() {
        return String::new();
    }
    let layout = layout(&timeline.events);
    let mut html = String::from("<div class=\"transcript-drawing transcript-timeline\">\n");
    if !layout.lanes.is_empty() {
        html.push_str(&svg(&layout, &escape_html(id)));
    }
    let mut notes = timeline.notes.clone();
    if layout.lanes_left_out > 0 {
        notes.push(format!(
            "{} more task(s) not drawn: at most {} lanes are",
            layout.lanes_left_out,
            layout::MAX_LANES
        ));
    }
    for note in notes {
        let _ = writeln!(
            html,
            "<p class=\"transcript-timeline-note\">Note: {}</p>",
            escape_html(&note)
        );
    }
    html.push_str("</div>\n\n");
    html
}

/// Pixel geometry: where a time is on the x axis, where a lane is.
struct Scale {
    axis_end_us: u64,
    lane_height: u64,
}

impl Scale {
    fn x(&self, us: u64) -> f64 {
        PLOT_LEFT as f64 + us as f64 * (PLOT_RIGHT - PLOT_LEFT) as f64 / self.axis_end_us as f64
    }

    fn lane_top(&self, index: usize) -> u64 {
        LEGEND_HEIGHT + index as u64 * self.lane_height
    }
}

fn svg(layout: &Layout, id: &str) -> String {
    let scale = Scale {
        axis_end_us: layout.ticks.last().map_or(1, |(us, _)| *us).max(1),
        lane_height: if layout.threaded {
            THREADED_LANE_HEIGHT
        } else {
            LANE_HEIGHT
        },
    };
    let lanes_bottom = scale.lane_top(layout.lanes.len());
    let height = lanes_bottom + AXIS_HEIGHT;
    let mut svg = format!(
        "<svg class=\"transcript-svg\" role=\"img\" aria-labelledby=\"{id}-title {id}-desc\" \
         width=\"{WIDTH}\" height=\"{height}\" viewBox=\"0 0 {WIDTH} {height}\" \
         xmlns=\"http://www.w3.org/2000/svg\">\n\
         <title id=\"{id}-title\">{}</title>\n<desc id=\"{id}-desc\">{}</desc>\n",
        escape_html(&title(layout)),
        escape_html(&description(layout)),
    );
    svg.push_str(&legend(layout));
    for (tick_us, _) in &layout.ticks {
        let x = scale.x(*tick_us);
        let _ = writeln!(
            svg,
            "<line class=\"tl-grid\" x1=\"{x:.1}\" y1=\"{LEGEND_HEIGHT}\" x2=\"{x:.1}\" y2=\"{lanes_bottom}\"/>"
        );
    }
    for (index, lane) in layout.lanes.iter().enumerate() {
        svg.push_str(&draw_lane(
            lane,
            scale.lane_top(index),
            &scale,
            layout.threaded,
        ));
    }
    svg.push_str(&axis(layout, &scale, lanes_bottom));
    svg.push_str("</svg>\n");
    svg
}

fn title(layout: &Layout) -> String {
    format!(
        "Timeline of {} task(s) over {}",
        layout.lanes.len(),
        time_label(layout.end_us, layout.end_us)
    )
}

/// The timeline in words, lane by lane, for a screen reader.
fn description(layout: &Layout) -> String {
    let at = |us| time_label(us, layout.end_us);
    let lanes: Vec<String> = layout
        .lanes
        .iter()
        .map(|lane| {
            let total = |state| {
                lane.segments
                    .iter()
                    .filter(|s| s.state == state)
                    .map(|s| s.to_us - s.from_us)
                    .sum::<u64>()
            };
            let ending = match lane.ending {
                Ending::Finished => format!("finished at {}", at(lane.end_us)),
                Ending::Cancelled => format!("was cancelled at {}", at(lane.end_us)),
                Ending::Cut => "was still going when the run ended".to_string(),
            };
            let threads = if layout.threaded {
                format!(" on {}", lane.threads.join(", "))
            } else {
                String::new()
            };
            format!(
                "{} started at {}, ran {}{threads} and waited {}, and {ending}.",
                lane.task,
                at(lane.start_us),
                at(total(State::Running)),
                at(total(State::Waiting)),
            )
        })
        .collect();
    format!(
        "One lane per task, time from left to right. {}",
        lanes.join(" ")
    )
}

/// The key: what a tall bar, a thin bar and the marks mean, on a row of its own.
fn legend(layout: &Layout) -> String {
    let mut items = vec![("running", "tl-running"), ("waiting", "tl-waiting")];
    let ends = |ending| layout.lanes.iter().any(|lane| lane.ending == ending);
    if ends(Ending::Cancelled) {
        items.push(("cancelled", "tl-cancel"));
    }
    if ends(Ending::Cut) {
        items.push(("still going at the end", "tl-cut"));
    }
    let mut svg = String::from("<g class=\"tl-legend\">\n");
    let mut x = 4u64;
    for (text, class) in items {
        svg.push_str(&mark(class, x as f64, 6, 16.0, 14));
        let _ = writeln!(
            svg,
            "<text x=\"{}\" y=\"18\" font-size=\"12\">{text}</text>",
            x + 20
        );
        // At most 8 px a character at 12 px (monospace), and a gap.
        x += 20 + text.chars().count() as u64 * 8 + 18;
    }
    svg.push_str("</g>\n");
    svg
}

/// A legend swatch or lane mark of `class` in the box at (`x`, `top`).
fn mark(class: &str, x: f64, top: u64, width: f64, height: u64) -> String {
    let middle = top + height / 2;
    match class {
        "tl-running" => format!(
            "<rect class=\"tl-running\" x=\"{x:.1}\" y=\"{}\" width=\"{width:.1}\" height=\"{}\"/>\n",
            top + 1,
            height - 2
        ),
        "tl-waiting" => format!(
            "<rect class=\"tl-waiting\" x=\"{x:.1}\" y=\"{}\" width=\"{width:.1}\" height=\"4\"/>\n",
            middle - 2
        ),
        "tl-cancel" => format!(
            "<path class=\"tl-cancel\" d=\"M{:.1} {} l8 8 m0 -8 l-8 8\"/>\n",
            x + 4.0,
            middle - 4
        ),
        _ => format!(
            "<path class=\"tl-cut\" d=\"M{:.1} {} l6 5 l-6 5\"/>\n",
            x + 5.0,
            middle - 5
        ),
    }
}

fn draw_lane(lane: &Lane, top: u64, scale: &Scale, threaded: bool) -> String {
    let mut svg = String::from("<g class=\"tl-lane\">\n");
    let bar_top = top + 7;
    let bar_height = 16;
    let shown: String = if lane.task.chars().count() > MAX_LABEL_CHARS {
        let cut: String = lane.task.chars().take(MAX_LABEL_CHARS - 1).collect();
        format!("{}…", cut.trim_end())
    } else {
        lane.task.clone()
    };
    let _ = writeln!(
        svg,
        "<text x=\"{LABEL_RIGHT}\" y=\"{}\" font-size=\"12\" text-anchor=\"end\">{}<title>{}</title></text>",
        bar_top + 12,
        escape_html(&shown),
        escape_html(&lane.task)
    );
    if threaded {
        let threads: Vec<&str> = lane
            .threads
            .iter()
            .map(|thread| thread.rsplit(' ').next().unwrap_or(thread))
            .collect();
        let _ = writeln!(
            svg,
            "<text class=\"tl-threads\" x=\"{LABEL_RIGHT}\" y=\"{}\" font-size=\"11\" text-anchor=\"end\">on thread {}</text>",
            bar_top + 27,
            escape_html(&if threads.len() > 3 {
                format!("{} threads", threads.len())
            } else {
                threads.join(", ")
            })
        );
    }
    for segment in &lane.segments {
        let from = scale.x(segment.from_us);
        // A poll on the paused clock takes no time: still a visible mark.
        let width = (scale.x(segment.to_us) - from).max(2.0);
        let class = match segment.state {
            State::Running => "tl-running",
            State::Waiting => "tl-waiting",
        };
        svg.push_str(&mark(class, from, bar_top, width, bar_height));
    }
    let start = scale.x(lane.start_us);
    let end = scale.x(lane.end_us);
    let _ = writeln!(
        svg,
        "<line class=\"tl-start\" x1=\"{start:.1}\" y1=\"{}\" x2=\"{start:.1}\" y2=\"{}\"/>",
        bar_top - 3,
        bar_top + bar_height + 3
    );
    match lane.ending {
        Ending::Finished => {
            let _ = writeln!(
                svg,
                "<line class=\"tl-end\" x1=\"{end:.1}\" y1=\"{}\" x2=\"{end:.1}\" y2=\"{}\"/>",
                bar_top - 3,
                bar_top + bar_height + 3
            );
        }
        Ending::Cancelled => svg.push_str(&mark("tl-cancel", end, bar_top, 0.0, bar_height)),
        Ending::Cut => svg.push_str(&mark("tl-cut", end, bar_top, 0.0, bar_height)),
    }
    svg.push_str("</g>\n");
    svg
}

/// The x axis under the lanes: a line, a tick and a label at each round time.
fn axis(layout: &Layout, scale: &Scale, top: u64) -> String {
    let mut svg = format!(
        "<g class=\"tl-axis\">\n<line x1=\"{PLOT_LEFT}\" y1=\"{top}\" x2=\"{PLOT_RIGHT}\" y2=\"{top}\"/>\n"
    );
    for (us, label) in &layout.ticks {
        let x = scale.x(*us);
        let _ = writeln!(
            svg,
            "<line x1=\"{x:.1}\" y1=\"{top}\" x2=\"{x:.1}\" y2=\"{}\"/>\n\
             <text x=\"{x:.1}\" y=\"{}\" font-size=\"11\" text-anchor=\"middle\">{}</text>",
            top + 5,
            top + 19,
            escape_html(label)
        );
    }
    svg.push_str("</g>\n");
    svg
}

#[cfg(test)]
mod tests;
