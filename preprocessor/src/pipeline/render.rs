//! Stage 9, render: replace each directive with what it shows. `{{#listing}}` becomes a
//! figure ([`listing`]), `{{#output}}` a transcript ([`transcript`]), `{{#listing-ref}}`
//! a link to a listing ([`numbering`]), `{{#value}}` a value it printed ([`values`]).
//! A page that shows a listing gets the transcripts' CSS and script ([`assets`]).
//!
//! Code goes into a Markdown fence (mdBook highlights it and handles hidden lines); the
//! transcript is raw HTML in which every captured byte is escaped.

mod assets;
mod chart;
mod html;
mod listing;
mod numbering;
mod timeline;
mod transcript;
mod values;

use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};

use mdbook_preprocessor::book::Book;

use crate::capture::Capture;
use crate::report::{Problem, Problems};

use super::parse::{DirectiveKind, Page, Pages, Use};
use super::resolve::{Used, UsedListings};

pub(crate) use listing::SourceLinks;

use html::escape_html;
use listing::Figure;
use numbering::Numbering;

/// What rendering needs besides the pages.
pub(crate) struct RenderContext<'a> {
    /// Captions name files relative to it, as diagnostics do.
    pub(crate) workspace_root: &'a Path,
    pub(crate) source_links: Option<SourceLinks>,
}

/// The state of one render: what every directive needs to look up.
struct Renderer<'a> {
    context: &'a RenderContext<'a>,
    used: &'a UsedListings<'a>,
    captures: &'a HashMap<String, Capture>,
    numbering: Numbering,
    output_ids: HashSet<String>,
    chart_ids: HashSet<String>,
}

/// Every page's content with its directives replaced, by mdBook chapter path.
pub(crate) fn render_pages(
    context: &RenderContext<'_>,
    Pages { pages, uses }: &Pages,
    used: &UsedListings<'_>,
    captures: &HashMap<String, Capture>,
) -> Result<HashMap<PathBuf, String>, Problems> {
    let mut renderer = Renderer {
        context,
        used,
        captures,
        numbering: numbering::number(pages, uses, used),
        output_ids: HashSet::new(),
        chart_ids: HashSet::new(),
    };
    let mut problems = Problems::default();
    let mut rendered = HashMap::new();
    for (index, page) in pages.iter().enumerate() {
        let on_page: Vec<(usize, &Use)> = uses
            .iter()
            .enumerate()
            .filter(|(_, one)| one.page == index)
            .collect();
        let content = renderer.render_page(page, &on_page, &mut problems);
        rendered.insert(page.path.clone(), content);
    }
    if problems.is_empty() {
        Ok(rendered)
    } else {
        Err(problems)
    }
}

/// Puts each rendered page in place of its chapter's content.
pub(crate) fn into_chapters(book: &mut Book, pages: &HashMap<PathBuf, String>) {
    book.for_each_chapter_mut(|chapter| {
        if let Some(page) = chapter.path.as_ref().and_then(|path| pages.get(path)) {
            chapter.content = page.clone();
        }
    });
}

impl Renderer<'_> {
    fn render_page(
        &mut self,
        page: &Page,
        on_page: &[(usize, &Use)],
        problems: &mut Problems,
    ) -> String {
        // A listing shown in parts gets its output once, under its last part on the page.
        let last_part: HashMap<&str, usize> = on_page
            .iter()
            .filter(|(_, one)| matches!(one.directive.kind, DirectiveKind::Listing { .. }))
            .map(|(_, one)| (one.directive.listing.as_str(), one.directive.range.start))
            .collect();
        let mut replacements = Vec::new();
        for (index, one) in on_page {
            let Some(entry) = self.used.get(&one.directive.listing) else {
                continue;
            };
            let last =
                last_part.get(one.directive.listing.as_str()) == Some(&one.directive.range.start);
            match self.render_use(page, *index, one, entry, last) {
                Ok(text) => {
                    let text = indent_continuation(&page.content, one.directive.range.start, &text);
                    replacements.push((one.directive.range.clone(), text));
                }
                Err(message) => problems.push(Problem::new(message).at(&one.location)),
            }
        }
        let mut content = page.content.clone();
        for (range, text) in replacements.into_iter().rev() {
            content.replace_range(range, &text);
        }
        if on_page.iter().any(|(_, one)| one.directive.kind.is_block()) {
            content.push_str(&assets::for_page());
        }
        content
    }

    fn render_use(
        &mut self,
        page: &Page,
        index: usize,
        one: &Use,
        entry: &Used<'_>,
        last_part: bool,
    ) -> Result<String, String> {
        let listing = entry.listing;
        let capture = || &self.captures[&listing.name];
        match &one.directive.kind {
            DirectiveKind::Output => {
                let id = self.output_id(&listing.name);
                Ok(transcript::transcript(listing, capture(), &id))
            }
            DirectiveKind::Listing { file, anchor } => {
                let numbered = self.numbering.of_use[&index].clone();
                let file = listing.shown_file(file.as_deref());
                let absolute = listing.dir.join(&file);
                let figure = Figure {
                    listing,
                    file: &file,
                    source: entry.source(file.to_str()),
                    anchor: anchor.as_deref(),
                    label: numbered.label.as_deref(),
                    id: &numbered.id,
                    shown_path: absolute
                        .strip_prefix(self.context.workspace_root)
                        .unwrap_or(&absolute),
                    link: self.context.source_links.as_ref(),
                };
                let transcript = last_part.then(|| {
                    let id = self.output_id(&listing.name);
                    transcript::transcript(listing, capture(), &id)
                });
                listing::figure(&figure, transcript.as_deref()).map_err(|e| e.to_string())
            }
            DirectiveKind::ListingRef => {
                let target = &self.numbering.targets[&listing.name];
                let link = numbering::link(&page.path, &target.page, &target.id);
                Ok(format!("[{}]({link})", target.label))
            }
            DirectiveKind::Value { key } => {
                let pattern = &listing.meta.values[key];
                let value = values::value_of(&listing.name, key, pattern, capture())
                    .map_err(|e| e.to_string())?;
                Ok(format!(
                    "<span class=\"listing-value\" data-listing=\"{}\">{}</span>",
                    escape_html(&listing.name),
                    escape_html(&value)
                ))
            }
            DirectiveKind::Chart { chart: name } => {
                let declared = &listing.meta.charts[name];
                let bars = chart::bars_of(listing, name, declared, capture())
                    .map_err(|e| e.to_string())?;
                let id = unique(
                    &mut self.chart_ids,
                    format!("chart-{}-{name}", listing.name),
                );
                Ok(chart::svg(&id, declared, &bars))
            }
        }
    }

    /// `output-NAME`, or `output-NAME-2` when the listing's output is shown again.
    fn output_id(&mut self, name: &str) -> String {
        unique(&mut self.output_ids, format!("output-{name}"))
    }
}

/// `base`, or `base-2`, `base-3`... when it is taken.
fn unique(taken: &mut HashSet<String>, base: String) -> String {
    let mut id = base.clone();
    let mut count = 1;
    while !taken.insert(id.clone()) {
        count += 1;
        id = format!("{base}-{count}");
    }
    id
}

/// A directive indented inside a list item keeps its replacement inside the item:
/// every line after the first gets the directive's own indentation.
fn indent_continuation(content: &str, at: usize, text: &str) -> String {
    let line_start = content[..at].rfind('\n').map_or(0, |i| i + 1);
    let prefix = &content[line_start..at];
    let text = text.trim_end();
    if prefix.is_empty() || !prefix.chars().all(|c| c == ' ') {
        return text.to_string();
    }
    text.lines()
        .enumerate()
        .map(|(i, line)| {
            if i == 0 || line.is_empty() {
                line.to_string()
            } else {
                format!("{prefix}{line}")
            }
        })
        .collect::<Vec<_>>()
        .join("\n")
}

#[cfg(test)]
mod tests;
