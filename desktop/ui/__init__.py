"""The Qt skin over the headless core (PySide6). Only this package imports Qt."""
