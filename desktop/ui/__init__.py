"""The Qt skin over the headless core (PySide6). Only this package imports Qt."""

from . import qtfix as _qtfix  # noqa: F401  (a PySide6 defect that can abort the process)
