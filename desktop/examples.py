"""The built-in example projects in ``resources/examples/``."""

from __future__ import annotations

from pathlib import Path

from .errors import ProjectFileError
from .model import Document
from .paths import resources_dir
from .project_file import load
from .render import Renderer


def examples_dir() -> Path:
    return resources_dir() / "examples"


def example_names() -> list[str]:
    return sorted(p.stem for p in examples_dir().glob("*.rdraft"))


def example_path(name: str) -> Path:
    path = examples_dir() / f"{name}.rdraft"
    if not path.is_file():
        names = "、".join(example_names()) or "无"
        raise ProjectFileError(f"没有名为“{name}”的示例（可用：{names}）")
    return path


def load_example(name: str) -> Document:
    return load(example_path(name))


def document_title(doc: Document) -> str:
    """The document's title rendered (its source text when it fails)."""
    r = Renderer(doc)
    return r.text(doc.properties.title, label="标题", section_id="", path="", where="title").strip()


def list_examples() -> list[tuple[str, str]]:
    return [(name, document_title(load_example(name))) for name in example_names()]
