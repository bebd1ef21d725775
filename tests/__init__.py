"""The test suite, a package so its helpers are imported by name (pytest puts
the repository root on ``sys.path``: ``pythonpath`` in pyproject.toml):

- ``tests.tooling``: external tools (skip, or fail on CI), file faults
  simulated by patching os calls (a full disk, a target another program
  holds, a file that cannot be read), a saved project with its backup (the
  ``saved_project`` fixture), PDF text lines;
- ``tests.drafts``: departments' .docx drafts; ``tests.reuse_docx``: .docx
  builders for the reuse tests; ``tests.proofread_docs``: the document the
  proofreading tests plant faults in;
- for the window: ``tests.ui.documents`` (the ``doc`` fixture's document),
  ``tests.ui.windows`` (a window with real message boxes, an edit, the
  window's dialogs captured), ``tests.ui.big_document`` (1,000 sections and
  the heartbeat), ``tests.ui.docks_fixtures`` (the docks' document and
  fixtures);
- ``benchmarks.sample_documents``: generated documents shared with the
  benchmarks.

A test file is named after the unit it tests: ``test_<module>.py``, or
``test_<module>_<aspect>.py`` when one module's tests are many.
"""
