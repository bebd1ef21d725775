"""汇总: merging the departments' drafts into the bureau's outline.

Each draft (a .docx typed by a 股室 or a school, in its own way) is read
with the outline reader (``desktop.reuse.read_outline``); its unit comes
from its title or signature (``units``); its chapters are sorted by kind —
work done, problems, plans, other (``classify``); ``merge`` builds the
bureau's outline: one chapter per kind in that order, one part per
department under each, in the order the drafts were given.  Nothing is
lost: every paragraph lands in exactly one part.

Entry points (the CLI ``report-drafter merge`` and the window's
汇总各科室材料… use these):

- ``read_draft(path)`` → ``Draft``;
- ``merge_drafts(drafts, year, into=None)`` → ``MergeResult``;
- ``merge_files(paths, year, into=None)`` → ``MergeResult``.
"""

from __future__ import annotations

from .classify import KIND_LABELS, KINDS, classify_title
from .merge import Draft, MergeResult, MergedPart, merge_drafts, merge_files, read_draft
from .units import unit_of

__all__ = ["KINDS", "KIND_LABELS", "classify_title", "Draft", "MergeResult", "MergedPart",
           "merge_drafts", "merge_files", "read_draft", "unit_of"]
