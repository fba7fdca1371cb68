"""The import stage: a published notice (.txt, .docx, a saved CMS .html) → a draft data file.

`import_notice(path)` reads the source into lines (sources.py, docx.py, html.py), builds
the outline from the labels at the start of lines (outline.py), reads the frame around the
body (frame.py: catalogue, title, opening facts, totals, contact, signature) and the body
itself (body.py), then writes the draft as YAML with `# 请核对:` comments on every guess
(draft.py). Nothing is invented: what the text does not give is left as a placeholder and
reported. The rules are data (patterns.yml), each with its tests.
"""

from __future__ import annotations

from .draft import Draft, import_notice
from .sources import SUFFIXES, SourceError

__all__ = ["Draft", "SUFFIXES", "SourceError", "import_notice"]
