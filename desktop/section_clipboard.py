"""Whole sections (with their children) on the clipboard, as JSON.

Copy/cut put the sections in the project file's own form under the MIME
type :data:`MIME` (and their printed text as plain text for other
programs); paste reads them back validated — a damaged or foreign payload
is refused with a message — with new ids, so pasting twice (or into the
window the sections came from) never duplicates an id.
"""

from __future__ import annotations

import json

from .errors import ProjectFileError
from .model import MAX_LEVEL, Section
from .project_file import _Checker, _section, _section_dict

MIME = "application/x-report-drafter-sections+json"
FORMAT = "report-drafter-sections"


def dumps(sections: list[Section]) -> str:
    return json.dumps({"format": FORMAT, "version": 1,
                       "sections": [_section_dict(s) for s in sections]}, ensure_ascii=False)


def loads(text: str) -> list[Section]:
    """Sections from the clipboard, with fresh ids and levels relative to 1."""
    try:
        data = json.loads(text)
    except (json.JSONDecodeError, RecursionError):
        raise ProjectFileError("剪贴板中的章节数据已损坏") from None
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise ProjectFileError("剪贴板中不是起草助手的章节")
    raw = data.get("sections")
    if not isinstance(raw, list) or not raw:
        raise ProjectFileError("剪贴板中没有章节")
    checker = _Checker("剪贴板")
    out = []
    try:
        for i, item in enumerate(raw):
            if isinstance(item, dict) and isinstance(item.get("level"), int):
                item = dict(item, level=min(max(item["level"], 1), MAX_LEVEL))
            section = _section(checker, item, f"sections[{i}]", 0, set())
            out.append(section.clone(new_ids=True))
    except RecursionError:
        raise ProjectFileError("剪贴板中的章节嵌套过深") from None
    return out
