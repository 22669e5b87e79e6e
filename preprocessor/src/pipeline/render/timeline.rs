//! A run's timeline as the page shows it, under its transcript: an inline SVG swimlane,
//! one lane per task (named on the left), time on the x axis with labelled ticks.
//! Running is a tall bar, waiting a thin one (told apart by shape, not only colour); a
//! start is a tick at the lane's left, an end a bar at its right, a cancelled task a
//! cross, a task still going when the run ended a chevron at the cut. Where the tasks
//! ran on several threads, each lane names its threads.
//!
//! Every colour comes from the theme, through classes that `transcript.css` styles
//! with mdBook's CSS variables. Each SVG has a `<title>` and a `<desc>` that tells the
//! timeline in words. It is drawn twice, wide (names beside the lanes, 640 px) and
//! narrow (names above them, 300 px, for a phone's column); the stylesheet shows the one
//! the column has room for. No blank line inside: the page's Markdown would end the
//! HTML block there.

mod layout;

use std::fmt::Write;

use crate::timeline::Timeline;

use super::html::escape_html;
use layout::{Ending, Lane, Layout, State, layout, time_label};

/// Where a drawing puts things: wide, each lane's name left of it; or narrow (a phone's
/// column), each lane's name above it, the time axis across the whole width.
#[derive(Debug, Clone, Copy)]
struct Geometry {
    width: u64,
    plot_left: u64,
    plot_right: u64,
    names_above: bool,
}

/// The drawing a wide column shows.
const WIDE: Geometry = Geometry {
    width: 640,
    plot_left: 162,
    plot_right: 600,
    names_above: false,
};

/// The drawing a column narrower than [`WIDE`] shows instead (`transcript.css`).
const NARROW: Geometry = Geometry {
    width: 300,
    plot_left: 16,
    plot_right: 276,
    names_above: true,
};

/// The right edge of the lane names, in the wide drawing.
const LABEL_RIGHT: u64 = 150;
/// A row of the legend.
const LEGEND_ROW: u64 = 24;
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
        let id = escape_html(id);
        html.push_str(&svg(&layout, &id, WIDE));
        html.push_str(&svg(&layout, &format!("{id}-narrow"), NARROW));
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
    geometry: Geometry,
    axis_end_us: u64,
    legend_height: u64,
    lane_height: u64,
}

impl Scale {
    fn x(&self, us: u64) -> f64 {
        let Geometry {
            plot_left,
            plot_right,
            ..
        } = self.geometry;
        plot_left as f64 + us as f64 * (plot_right - plot_left) as f64 / self.axis_end_us as f64
    }

    fn lane_top(&self, index: usize) -> u64 {
        self.legend_height + index as u64 * self.lane_height
    }
}

fn svg(layout: &Layout, id: &str, geometry: Geometry) -> String {
    let (legend, legend_rows) = legend(layout, geometry.width);
    // A name above the lane takes a line; the threads, on a line of their own, another.
    let lane_height = match (geometry.names_above, layout.threaded) {
        (false, threaded) => 30 + 10 * u64::from(threaded),
        (true, threaded) => 44 + 12 * u64::from(threaded),
    };
    let scale = Scale {
        geometry,
        axis_end_us: layout.ticks.last().map_or(1, |(us, _)| *us).max(1),
        legend_height: 6 + legend_rows * LEGEND_ROW,
        lane_height,
    };
    let lanes_bottom = scale.lane_top(layout.lanes.len());
    let (width, height) = (geometry.width, lanes_bottom + AXIS_HEIGHT);
    let class = if geometry.names_above {
        "transcript-svg tl-narrow"
    } else {
        "transcript-svg"
    };
    let mut svg = format!(
        "<svg class=\"{class}\" role=\"img\" aria-labelledby=\"{id}-title {id}-desc\" \
         width=\"{width}\" height=\"{height}\" viewBox=\"0 0 {width} {height}\" \
         xmlns=\"http://www.w3.org/2000/svg\">\n\
         <title id=\"{id}-title\">{}</title>\n<desc id=\"{id}-desc\">{}</desc>\n",
        escape_html(&title(layout)),
        escape_html(&description(layout)),
    );
    svg.push_str(&legend);
    for (tick_us, _) in &layout.ticks {
        let x = scale.x(*tick_us);
        let _ = writeln!(
            svg,
            "<line class=\"tl-grid\" x1=\"{x:.1}\" y1=\"{}\" x2=\"{x:.1}\" y2=\"{lanes_bottom}\"/>",
            scale.legend_height
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

/// The key: what a tall bar, a thin bar and the marks mean, on rows of their own that
/// fit `width`; the key and how many rows it takes.
fn legend(layout: &Layout, width: u64) -> (String, u64) {
    let mut items = vec![("running", "tl-running"), ("waiting", "tl-waiting")];
    let ends = |ending| layout.lanes.iter().any(|lane| lane.ending == ending);
    if ends(Ending::Cancelled) {
        items.push(("cancelled", "tl-cancel"));
    }
    if ends(Ending::Cut) {
        items.push(("still going at the end", "tl-cut"));
    }
    let mut svg = String::from("<g class=\"tl-legend\">\n");
    let (mut x, mut row) = (4u64, 0u64);
    for (text, class) in items {
        // At most 8 px a character at 12 px (monospace), and a gap.
        let item_width = 20 + text.chars().count() as u64 * 8;
        if x > 4 && x + item_width > width {
            (x, row) = (4, row + 1);
        }
        let top = row * LEGEND_ROW;
        svg.push_str(&mark(class, x as f64, top + 6, 16.0, 14));
        let _ = writeln!(
            svg,
            "<text x=\"{}\" y=\"{}\" font-size=\"12\">{text}</text>",
            x + 20,
            top + 18
        );
        x += item_width + 18;
    }
    svg.push_str("</g>\n");
    (svg, row + 1)
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
    let bar_top = top + if scale.geometry.names_above { 21 } else { 7 };
    let bar_height = 16;
    svg.push_str(&lane_names(lane, (top, bar_top), scale, threaded));
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

/// A lane's name (shortened, the whole of it its tooltip) and, when `threaded`, its
/// threads: beside the lane, right-aligned, or above it and under its bar, from the
/// plot's left edge.
fn lane_names(lane: &Lane, (top, bar_top): (u64, u64), scale: &Scale, threaded: bool) -> String {
    let (name_at, threads_at, anchor) = if scale.geometry.names_above {
        let left = scale.geometry.plot_left;
        ((left, top + 14), (left, bar_top + 29), "start")
    } else {
        let right = LABEL_RIGHT;
        ((right, bar_top + 12), (right, bar_top + 27), "end")
    };
    let shown: String = if lane.task.chars().count() > MAX_LABEL_CHARS {
        let cut: String = lane.task.chars().take(MAX_LABEL_CHARS - 1).collect();
        format!("{}…", cut.trim_end())
    } else {
        lane.task.clone()
    };
    let mut svg = format!(
        "<text x=\"{}\" y=\"{}\" font-size=\"12\" text-anchor=\"{anchor}\">{}<title>{}</title></text>\n",
        name_at.0,
        name_at.1,
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
            "<text class=\"tl-threads\" x=\"{}\" y=\"{}\" font-size=\"11\" text-anchor=\"{anchor}\">on thread {}</text>",
            threads_at.0,
            threads_at.1,
            escape_html(&if threads.len() > 3 {
                format!("{} threads", threads.len())
            } else {
                threads.join(", ")
            })
        );
    }
    svg
}

/// The x axis under the lanes: a line, a tick and a label at each round time.
fn axis(layout: &Layout, scale: &Scale, top: u64) -> String {
    let Geometry {
        plot_left,
        plot_right,
        ..
    } = scale.geometry;
    let mut svg = format!(
        "<g class=\"tl-axis\">\n<line x1=\"{plot_left}\" y1=\"{top}\" x2=\"{plot_right}\" y2=\"{top}\"/>\n"
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
