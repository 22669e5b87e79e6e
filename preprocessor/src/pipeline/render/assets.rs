//! The look and the behaviour of transcripts, shipped with the tool so a book gets them
//! without copying files: the CSS (colours for each of mdBook's five themes, each with a
//! contrast of at least 4.5:1 on the transcript's background) and the copy button's
//! script, added once to every page that shows a listing.

const CSS: &str = include_str!("../../../assets/transcript.css");
const SCRIPT: &str = include_str!("../../../assets/transcript.js");

/// What a page that shows listings gets at its end.
pub(super) fn for_page() -> String {
    format!(
        "\n\n<style data-from=\"mdbook-transcript\">\n{CSS}</style>\n\n\
         <script data-from=\"mdbook-transcript\">\n{SCRIPT}</script>\n"
    )
}
