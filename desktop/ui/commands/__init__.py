"""Every edit of the open document is one of these undo commands, pushed on
``session.undo_stack``; they change the model only through the session's
typed mutators (``DocumentSession.set_*``, ``apply_outline_edit`` …), which
also notify the views.

- ``value`` — ``ValueCommand``: one generic "set this value" command (old
  value kept, typing merges), and the targets it sets;
- ``sections`` — a section's title/body (typing), run-in, update from a
  library template;
- ``outline`` — add, delete, move, promote, demote, insert a template:
  core outline edits (``desktop.outline_edits``) undone by their inverses;
- ``document`` — properties, settings, both, the whole document;
- ``figures`` — the figures table;
- ``proofread`` — fixes and ignore lists;
- ``notes`` — the 待核对 notes, 查找替换's 全部替换.
"""

from .document import (ReplaceDocumentCommand, ReplacePropertiesCommand,
                       ReplaceSettingsCommand, SetPropertiesCommand)
from .figures import (AddFigureCommand, DeleteFiguresCommand, ReplaceFiguresCommand,
                      SetFigureFieldCommand)
from .notes import ReplaceAllCommand, SetNotesCommand
from .outline import (AddSectionCommand, DeleteSectionCommand, DemoteSectionCommand,
                      InsertTemplateCommand, MoveSectionCommand, OutlineCommand,
                      PromoteSectionCommand, fits_under, insert_template_command,
                      new_child_command, new_sibling_command, template_section)
from .proofread import FixAllCommand, FixFindingCommand, IgnoreCommand
from .sections import (FIELD_LABELS, EditSectionTextCommand, EditTemplateTextCommand,
                       SetRunInCommand, SetSectionTextsCommand, UpdateFromTemplateCommand,
                       section_label)
from .value import ValueCommand

__all__ = [
    "AddFigureCommand", "AddSectionCommand", "DeleteFiguresCommand", "DeleteSectionCommand",
    "DemoteSectionCommand", "EditSectionTextCommand", "EditTemplateTextCommand", "FIELD_LABELS",
    "FixAllCommand", "FixFindingCommand", "IgnoreCommand", "InsertTemplateCommand",
    "MoveSectionCommand", "OutlineCommand", "PromoteSectionCommand", "ReplaceAllCommand",
    "ReplaceDocumentCommand", "ReplaceFiguresCommand", "ReplacePropertiesCommand",
    "ReplaceSettingsCommand", "SetFigureFieldCommand", "SetNotesCommand",
    "SetPropertiesCommand", "SetRunInCommand", "SetSectionTextsCommand",
    "UpdateFromTemplateCommand", "ValueCommand", "fits_under", "insert_template_command",
    "new_child_command", "new_sibling_command", "section_label", "template_section",
]
