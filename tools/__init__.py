"""Developer tools, run as scripts (``python tools/make_examples.py``).  A
package so the tests can read what they make: ``tools.make_examples``,
``tools.guide_screenshots``."""
