#!/usr/bin/env python3
"""Writes data/pages.json from data/pages/*.md: the content pages `ger init` and the server seed.

Each Markdown file is one page: its file name is the slug, its first line "# Title" the title, the rest the
page. Not part of the build: the committed JSON is the artefact (compiled into ger_model); run this after editing
a page file.
"""
import json
import pathlib

here = pathlib.Path(__file__).parent
pages = []
for path in sorted((here / "pages").glob("*.md")):
    text = path.read_text(encoding="utf-8")
    first, _, rest = text.partition("\n")
    if not first.startswith("# "):
        raise SystemExit(f"{path}: line 1: the page must begin with '# Title'")
    pages.append({"slug": path.stem, "title": first[2:].strip(), "markdown": rest.strip() + "\n"})
(here / "pages.json").write_text(json.dumps({"pages": pages}, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
print(f"wrote {len(pages)} pages")
