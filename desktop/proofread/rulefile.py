"""Editable rule files for stale expressions (docs/rules.md).

The built-in file is ``resources/rules/stale-terms.txt``; every ``*.txt``
in the user's rules folder (``paths.user_rules_dir()``) is read after it,
so an office can add its own expressions or change a built-in one (the
later definition of a term wins).  A malformed line is a ``RuleFileError``
naming the file and the line.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import NoReturn

from ..errors import RuleFileError
from ..paths import resources_dir, user_rules_dir

TERMS_SECTION = "过时表述"
CONTEXT_SECTION = "回顾语境"
SECTIONS = (TERMS_SECTION, CONTEXT_SECTION)

_PERIOD = re.compile(
    r"^\s*(\d{4})(?:\s*[-./年]\s*(\d{1,2})\s*月?)?\s*(?:-|~|～|至|—|–|到)\s*"
    r"(\d{4})(?:\s*[-./年]\s*(\d{1,2})\s*月?)?\s*年?\s*$")


@dataclass(frozen=True)
class StaleTerm:
    term: str
    start_year: int
    start_month: int
    end_year: int
    end_month: int  # 12 when the file gives only a year
    note: str = ""
    source: str = ""  # "file:line"
    current: str = ""  # the wording in use now, when the file gives it

    def stale_for(self, year: int, month: int | None) -> bool:
        """Used as current in a document of ``year`` (dated ``month``)?

        Without a month, only a later year makes it stale; in the final
        year a date after the end month does.
        """
        if year > self.end_year:
            return True
        if year == self.end_year and month is not None and month > self.end_month:
            return True
        return False

    @property
    def period_text(self) -> str:
        if self.end_month == 12 and self.start_month == 1:
            return f"{self.start_year}—{self.end_year}年"
        return f"{self.start_year}年{self.start_month}月—{self.end_year}年{self.end_month}月"


@dataclass
class RuleSet:
    terms: dict[str, StaleTerm] = field(default_factory=dict)
    contexts: list[str] = field(default_factory=list)
    files: list[str] = field(default_factory=list)


def builtin_rules_dir() -> Path:
    return resources_dir() / "rules"


def _read_text(path: Path) -> str:
    try:
        raw = path.read_bytes()
    except OSError as e:
        from ..fileio import os_error_reason
        raise RuleFileError(f"无法读取规则文件：{os_error_reason(e, reading=True)}",
                            path=str(path)) from None
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            return raw.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise RuleFileError("无法识别文件编码（应为 UTF-8）", path=str(path))


def parse_period(text: str) -> tuple[int, int, int, int] | None:
    m = _PERIOD.match(text)
    if not m:
        return None
    y1, m1, y2, m2 = m.groups()
    start = (int(y1), int(m1) if m1 else 1)
    end = (int(y2), int(m2) if m2 else 12)
    if not (1 <= start[1] <= 12 and 1 <= end[1] <= 12) or start > end:
        return None
    return start[0], start[1], end[0], end[1]


def parse_rule_file(text: str, path: str, into: RuleSet | None = None) -> RuleSet:
    rules = into if into is not None else RuleSet()
    section = None
    name = Path(path).name
    for lineno, raw in enumerate(text.splitlines(), start=1):
        line = raw.strip()
        if not line or line.startswith("#"):
            continue

        def fail(problem: str) -> NoReturn:
            raise RuleFileError(f"第{lineno}行：{problem}（“{line[:40]}”）", path=path)

        if line.startswith("[") or line.startswith("【"):
            if not (line.endswith("]") or line.endswith("】")):
                fail("节标题应写成 [过时表述] 或 [回顾语境]")
            section = line[1:-1].strip()
            if section not in SECTIONS:
                fail(f"未知的节“{section}”，应为 [过时表述] 或 [回顾语境]")
            continue
        if section is None:
            fail("规则前缺少节标题 [过时表述] 或 [回顾语境]")
        if section == CONTEXT_SECTION:
            if "|" in line or "｜" in line:
                fail("回顾语境每行只写一个词")
            rules.contexts.append(line)
            continue
        parts = [p.strip() for p in re.split(r"[|｜]", line)]
        if len(parts) < 2 or len(parts) > 4:
            fail("应为“表述 | 适用期 | 说明 | 现行表述”，例如“十四五 | 2021-2025 | “十四五”规划期”")
        term, period = parts[0], parts[1]
        if not term:
            fail("表述为空")
        if re.search(r"\s", term):
            fail("表述中不能有空格")
        p = parse_period(period)
        if p is None:
            fail(f"适用期“{period}”无法识别，应写成 2021-2025 或 2017-10 至 2022-10")
        rules.terms[term] = StaleTerm(term, *p, note=parts[2] if len(parts) >= 3 else "",
                                      source=f"{name}:{lineno}",
                                      current=parts[3] if len(parts) == 4 else "")
    rules.files.append(path)
    return rules


def load_rules(extra_dirs: list[Path] | None = None) -> RuleSet:
    """Built-in rules, then the user's (``*.txt``, in name order)."""
    rules = RuleSet()
    dirs = [builtin_rules_dir(), user_rules_dir(), *(extra_dirs or [])]
    for d in dirs:
        if not d.is_dir():
            continue
        for path in sorted(d.glob("*.txt")):
            parse_rule_file(_read_text(path), str(path), rules)
    # longer contexts first does not matter for "in" tests; keep them unique
    rules.contexts = list(dict.fromkeys(rules.contexts))
    return rules
