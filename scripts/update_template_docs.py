"""Refresh the generated variables reference in docs/templates.md (run from the repo root).

    .venv/bin/python scripts/update_template_docs.py

The reference (every kind's template variables and the filters) is generated from
pipeline/render/context.py and written between `<!-- vars:start -->` and `<!-- vars:end -->`.
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DOCS = ROOT / "docs" / "templates.md"


def main() -> int:
    sys.path.insert(0, str(ROOT))
    from pipeline.render.context import refresh_docs

    text = DOCS.read_text(encoding="utf-8")
    fresh = refresh_docs(text)
    if fresh == text:
        print(f"{DOCS.relative_to(ROOT)} is up to date")
    else:
        DOCS.write_text(fresh, encoding="utf-8")
        print(f"Updated {DOCS.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
