"""Benchmarks, run as scripts (``python benchmarks/bench_export.py``; see
docs/performance.md).  A package so the tests can import the documents they
share: ``benchmarks.sample_documents``."""
