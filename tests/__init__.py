"""The test suite, a package so its helpers are imported by name: ``tests.tooling``
(external tools, a full disk, PDF lines), ``tests.drafts`` (departments' .docx
drafts), ``tests.reuse_docx`` (.docx builders for the reuse tests) and, for the
window, ``tests.ui.documents`` and ``tests.ui.docks_fixtures``.  pytest puts the
repository root on ``sys.path`` (``pythonpath`` in pyproject.toml)."""
