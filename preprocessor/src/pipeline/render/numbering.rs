//! Listing numbers and ids, decided once for the whole book before any page is
//! rendered, so that a `{{#listing-ref}}` on any page can name and link a listing shown
//! on another. Listings are numbered per top-level chapter, in book order ("Listing
//! 12-3"); a listing declared `numbered = false` gets no number. Every shown listing has
//! a stable id, `listing-NAME` where it is first shown.

use std::collections::{BTreeMap, HashMap};
use std::path::PathBuf;

use super::super::parse::{DirectiveKind, Page, Use};
use super::super::resolve::UsedListings;

/// Where each `{{#listing}}` use stands.
#[derive(Debug, Default)]
pub(super) struct Numbering {
    /// By index into the uses: its label ("Listing 12-3", if numbered) and its id.
    pub(super) of_use: HashMap<usize, Numbered>,
    /// By listing name: where a reference to it leads (its first numbered use).
    pub(super) targets: BTreeMap<String, Target>,
}

#[derive(Debug, Clone)]
pub(super) struct Numbered {
    pub(super) label: Option<String>,
    pub(super) id: String,
}

/// What `{{#listing-ref NAME}}` becomes: the label and where it links to.
#[derive(Debug, Clone)]
pub(super) struct Target {
    pub(super) label: String,
    pub(super) page: PathBuf,
    pub(super) id: String,
}

pub(super) fn number(pages: &[Page], uses: &[Use], used: &UsedListings<'_>) -> Numbering {
    let mut numbering = Numbering::default();
    let mut counters: HashMap<Option<u32>, usize> = HashMap::new();
    let mut ids_taken: HashMap<String, usize> = HashMap::new();
    for (index, one) in uses.iter().enumerate() {
        let DirectiveKind::Listing { anchor, .. } = &one.directive.kind else {
            continue;
        };
        let Some(entry) = used.get(&one.directive.listing) else {
            continue;
        };
        let page = &pages[one.page];
        let label = entry.listing.meta.numbered.then(|| {
            let counter = counters.entry(page.chapter).or_insert(0);
            *counter += 1;
            match page.chapter {
                Some(chapter) => format!("Listing {chapter}-{counter}"),
                None => format!("Listing {counter}"),
            }
        });
        let name = &entry.listing.name;
        let id = unique_id(&mut ids_taken, name, anchor.as_deref());
        if let Some(label) = &label
            && !numbering.targets.contains_key(name)
        {
            numbering.targets.insert(
                name.clone(),
                Target {
                    label: label.clone(),
                    page: page.path.clone(),
                    id: id.clone(),
                },
            );
        }
        numbering.of_use.insert(index, Numbered { label, id });
    }
    numbering
}

/// `listing-NAME`, or `listing-NAME-ANCHOR` for a part; `-2`, `-3`... when the same
/// is shown again.
fn unique_id(taken: &mut HashMap<String, usize>, name: &str, anchor: Option<&str>) -> String {
    let id = match anchor {
        Some(anchor) => format!("listing-{name}-{anchor}"),
        None => format!("listing-{name}"),
    };
    let count = taken.entry(id.clone()).or_insert(0);
    *count += 1;
    match *count {
        1 => id,
        n => format!("{id}-{n}"),
    }
}

/// A link from the page at `from` to `to#id`, relative, as Markdown writes it (mdBook
/// turns the `.md` into `.html`).
pub(super) fn link(from: &PathBuf, to: &PathBuf, id: &str) -> String {
    if from == to {
        return format!("#{id}");
    }
    let from_dir: Vec<_> = from
        .parent()
        .map(|d| d.components().collect())
        .unwrap_or_default();
    let to_parts: Vec<_> = to.components().collect();
    let common = from_dir
        .iter()
        .zip(&to_parts)
        .take_while(|(a, b)| a == b)
        .count();
    let mut relative = PathBuf::new();
    for _ in common..from_dir.len() {
        relative.push("..");
    }
    for part in &to_parts[common..] {
        relative.push(part);
    }
    format!("{}#{id}", relative.display())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn links_are_relative_to_the_page_they_are_on() {
        let page = |p: &str| PathBuf::from(p);
        assert_eq!(
            link(&page("a.md"), &page("a.md"), "listing-x"),
            "#listing-x"
        );
        assert_eq!(
            link(&page("a.md"), &page("b.md"), "listing-x"),
            "b.md#listing-x"
        );
        assert_eq!(
            link(&page("part1/a.md"), &page("part2/b.md"), "listing-x"),
            "../part2/b.md#listing-x"
        );
        assert_eq!(
            link(&page("part1/a.md"), &page("top.md"), "i"),
            "../top.md#i"
        );
    }

    #[test]
    fn ids_are_the_listing_name_and_its_anchor_then_a_count() {
        let mut taken = HashMap::new();
        assert_eq!(
            unique_id(&mut taken, "demo", Some("helper")),
            "listing-demo-helper"
        );
        assert_eq!(unique_id(&mut taken, "demo", None), "listing-demo");
        assert_eq!(unique_id(&mut taken, "demo", None), "listing-demo-2");
    }
}
