#!/usr/bin/env python3
"""An mdBook preprocessor that changes nothing: it writes each chapter's content, as the
preprocessors before it left it, to OUT/<the chapter's source path>.

    [preprocessor.dump]
    command = "python3 bench/dump_pages.py OUT"
    after = ["transcript"]

`benchlib.render_floor` uses it to get the pages mdbook-transcript produces as plain
Markdown, so stock mdBook can render the same content with no preprocessor of ours."""

import json
import sys
from pathlib import Path


def chapters(items):
    for item in items:
        chapter = item.get("Chapter") if isinstance(item, dict) else None
        if chapter:
            yield chapter
            yield from chapters(chapter.get("sub_items", []))


def main():
    out = Path(sys.argv[1])
    if sys.argv[2:3] == ["supports"]:
        return
    _context, book = json.load(sys.stdin)
    for chapter in chapters(book.get("items", book.get("sections", []))):
        if chapter.get("source_path"):
            page = out / chapter["source_path"]
            page.parent.mkdir(parents=True, exist_ok=True)
            page.write_text(chapter["content"])
    json.dump(book, sys.stdout)


if __name__ == "__main__":
    main()
