//! `{{#listing NAME}}` as the page shows it: a figure with its label, caption and file
//! (linked to the repository when the book names one), the code, and the transcript
//! under the last part of the listing on the page.

use std::path::Path;

use crate::anchor::{AnchorError, Outside, shown_part};
use crate::listing::Listing;

use super::html::{escape_html, inline_markdown, longest_backtick_run};

/// Where a caption's file path links to: `output.html.git-repository-url`, at
/// `source-ref`, with the file's path in the repository.
#[derive(Debug, Clone)]
pub(crate) struct SourceLinks {
    pub(crate) repository: String,
    pub(crate) reference: String,
    /// The repository's root directory, which paths in links are relative to.
    pub(crate) root: std::path::PathBuf,
}

impl SourceLinks {
    /// Where captions link to, when the book at `root` names its repository
    /// (`output.html.git-repository-url`): the repository is the nearest directory
    /// above with a `.git`.
    pub(crate) fn of_book(
        root: &Path,
        book_config: &mdbook_preprocessor::config::Config,
        reference: &str,
    ) -> Option<SourceLinks> {
        let repository: String = book_config
            .get("output.html.git-repository-url")
            .ok()
            .flatten()?;
        let root = root.canonicalize().ok()?;
        let repository_root = root
            .ancestors()
            .find(|dir| dir.join(".git").exists())
            .unwrap_or(&root)
            .to_path_buf();
        Some(SourceLinks {
            repository,
            reference: reference.to_string(),
            root: repository_root,
        })
    }

    fn url(&self, file: &Path) -> Option<String> {
        let in_repository = file.strip_prefix(&self.root).ok()?;
        Some(format!(
            "{}/blob/{}/{}",
            self.repository.trim_end_matches('/'),
            self.reference,
            in_repository.display()
        ))
    }
}

/// One `{{#listing}}`: what it shows and how it is captioned.
pub(super) struct Figure<'a> {
    pub(super) listing: &'a Listing,
    /// The file shown, relative to the listing's directory.
    pub(super) file: &'a Path,
    pub(super) source: &'a str,
    pub(super) anchor: Option<&'a str>,
    /// "Listing 12-3", if numbered.
    pub(super) label: Option<&'a str>,
    pub(super) id: &'a str,
    /// The file as the caption names it: relative to the listings' workspace.
    pub(super) shown_path: &'a Path,
    pub(super) link: Option<&'a SourceLinks>,
}

/// The Markdown of a figure; `transcript` (HTML) goes under the code.
pub(super) fn figure(figure: &Figure<'_>, transcript: Option<&str>) -> Result<String, AnchorError> {
    let (language, outside) = language_of(figure.file);
    let code = without_markers(&shown_part(figure.source, figure.anchor, outside)?, outside);
    let fence = "`".repeat(longest_backtick_run(&code).max(2) + 1);
    Ok(format!(
        "<figure class=\"listing\" id=\"{id}\">\n<figcaption>{caption}</figcaption>\n\n\
         {fence}{language}\n{code}{fence}\n\n{transcript}\n</figure>\n",
        id = escape_html(figure.id),
        caption = caption(figure),
        transcript = transcript.unwrap_or(""),
    ))
}

/// Rust source without its `//~ ERROR` markers (which pin an expected diagnostic to a
/// line): the line stays, so line numbers stay those of the file.
fn without_markers(code: &str, outside: Outside) -> String {
    if outside != Outside::Hidden || !code.contains("//~") {
        return code.to_string();
    }
    code.lines()
        .map(|line| match line.split_once("//~") {
            Some((before, _)) => before.trim_end(),
            None => line,
        })
        .map(|line| format!("{line}\n"))
        .collect()
}

/// The code fence's language, and whether lines outside an anchor can be hidden.
fn language_of(file: &Path) -> (&'static str, Outside) {
    match file.extension().and_then(|e| e.to_str()) {
        Some("rs") => ("rust,noplayground", Outside::Hidden),
        Some("toml") => ("toml", Outside::Dropped),
        Some("md") => ("markdown", Outside::Dropped),
        Some("sh") => ("sh", Outside::Dropped),
        _ => ("text", Outside::Dropped),
    }
}

fn caption(figure: &Figure<'_>) -> String {
    let meta = &figure.listing.meta;
    let text = figure
        .anchor
        .and_then(|anchor| meta.anchor_captions.get(anchor))
        .or(meta.caption.as_ref());
    let mut caption = String::new();
    if let Some(label) = figure.label {
        caption.push_str(&format!(
            "<span class=\"listing-label\">{}:</span> ",
            escape_html(label)
        ));
    }
    if let Some(text) = text {
        caption.push_str(&inline_markdown(text));
        caption.push(' ');
    }
    // Each segment whole, and a break allowed after each slash.
    let path = figure
        .shown_path
        .display()
        .to_string()
        .split('/')
        .map(|segment| format!("<span>{}</span>", escape_html(segment)))
        .collect::<Vec<_>>()
        .join("/<wbr>");
    let file = figure.listing.dir.join(figure.file);
    match figure.link.and_then(|links| links.url(&file)) {
        Some(url) => caption.push_str(&format!(
            "<a class=\"listing-file\" href=\"{}\">{path}</a>",
            escape_html(&url)
        )),
        None => caption.push_str(&format!("<span class=\"listing-file\">{path}</span>")),
    }
    caption
}
