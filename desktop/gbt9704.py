"""The official format (GB/T 9704-2012) as data: the one table of format facts.

Read by the .docx exporter and the Qt preview, so both agree on page
geometry, fonts, sizes, indents and spacing of every block role of
``desktop.render.ROLES``.  Data only, and the lookups that read it
(``format_for``, ``font_for``): what is computed from these numbers — a
title's line breaks, the red header's size, the sign-off indents, the
版记's height, table and tab widths — is the layout model's
(``desktop.layout``), and the width of text on the grid is the line
breaker's (``desktop.linebreak.grid_width``).

Units: millimetres for the page, points for font sizes, "characters" for
indents (one character = the role's font size), twips (1/20 pt) where
Word's XML wants them.  The numbers come from the shared spec
``gbt9704.md``; the ones derived here say how.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

# -- sizes by 号 -------------------------------------------------------------
SIZES = {"初号": 42.0, "小初": 36.0, "一号": 26.0, "小一": 24.0, "二号": 22.0,
         "小二": 18.0, "三号": 16.0, "小三": 15.0, "四号": 14.0, "小四": 12.0}

TWIPS_PER_PT = 20
MM_PER_INCH = 25.4


def mm_to_twips(mm: float) -> int:
    return round(mm / MM_PER_INCH * 1440)


def mm_to_pt(mm: float) -> float:
    return mm / MM_PER_INCH * 72


def pt_to_twips(pt: float) -> int:
    return round(pt * TWIPS_PER_PT)


# -- page ---------------------------------------------------------------------
@dataclass(frozen=True)
class PageGeometry:
    width_mm: float = 210.0  # A4 portrait
    height_mm: float = 297.0
    top_mm: float = 37.0  # 天头
    bottom_mm: float = 35.0
    left_mm: float = 28.0  # 订口
    right_mm: float = 26.0
    header_mm: float = 15.0  # nothing is printed in the header
    lines: int = 22  # lines per page
    chars: int = 28  # characters per body line
    line_pitch_twips: int = 579  # 28.95 pt: exact line spacing and docGrid linePitch
    char_spacing_twips: int = -5  # −0.25 pt on 三号 text so 28 characters fit a line
    page_number_gap_mm: float = 7.0  # 一字线 7 mm below the text block

    @property
    def text_width_mm(self) -> float:
        return self.width_mm - self.left_mm - self.right_mm  # 156

    @property
    def text_height_mm(self) -> float:
        return self.height_mm - self.top_mm - self.bottom_mm  # 225

    @property
    def text_width_twips(self) -> int:
        return mm_to_twips(self.text_width_mm)

    @property
    def text_height_twips(self) -> int:
        return mm_to_twips(self.text_height_mm)

    @property
    def text_width_pt(self) -> float:
        return mm_to_pt(self.text_width_mm)

    @property
    def line_pitch_pt(self) -> float:
        return self.line_pitch_twips / TWIPS_PER_PT

    @property
    def footer_mm(self) -> float:
        """Word's footer distance (page edge → bottom of the footer line)
        that puts the centre of the page number's 一字线 7 mm below the
        text block: bottom margin − 7 mm − half a 四号 line."""
        return round(self.bottom_mm - self.page_number_gap_mm -
                     SIZES["四号"] / 72 * MM_PER_INCH / 2, 1)


PAGE = PageGeometry()

# -- colours and rules -----------------------------------------------------------
RED = "FF0000"
BLACK = "000000"


@dataclass(frozen=True)
class Rule:
    """A horizontal line: ``size`` in eighths of a point (w:sz)."""

    size_eighths: int
    color: str = BLACK
    space_pt: int = 0  # distance from the text (w:space)

    @property
    def width_mm(self) -> float:
        return self.size_eighths / 8 / 72 * MM_PER_INCH


RED_SEPARATOR = Rule(8, RED, space_pt=4)  # under 发文字号, about 4 mm below its text
IMPRINT_THICK = Rule(8, BLACK)  # 版记 first and last lines (0.35 mm ≈ 1 pt)
IMPRINT_THIN = Rule(6, BLACK)  # 版记 middle line (0.25 mm ≈ 0.75 pt)

# -- fonts ------------------------------------------------------------------------
FONT_KEYS = ("title", "body", "heading1", "heading2", "page_number")


@dataclass(frozen=True)
class FontProfile:
    key: str
    label: str
    fonts: dict  # font key → family name (Windows names, as written in the file)
    title_bold: bool = False  # a stand-in for 小标宋 drawn bold


FONT_PROFILES = {
    "gb2312": FontProfile("gb2312", "GB2312 字体（方正小标宋简体、仿宋_GB2312、楷体_GB2312）", {
        "title": "方正小标宋简体", "body": "仿宋_GB2312", "heading1": "黑体",
        "heading2": "楷体_GB2312", "page_number": "宋体"}),
    # Windows ships 宋体/仿宋/楷体/黑体 but no 小标宋: the title falls back to 宋体,
    # drawn bold so it keeps the weight of 小标宋.
    "windows": FontProfile("windows", "Windows 自带字体（宋体、仿宋、楷体、黑体）", {
        "title": "宋体", "body": "仿宋", "heading1": "黑体", "heading2": "楷体",
        "page_number": "宋体"}, title_bold=True),
}
DEFAULT_PROFILE = "gb2312"
# The fonts' entries in the .docx's font table: GB2312 character set (w:charset
# 86) and the name Word and WPS take on a PC without the font (w:altName) —
# the Windows profile's font of the same use, or the font's English name.
FONT_CHARSET_GB2312 = "86"
FONT_ALT_NAMES = {"仿宋_GB2312": "仿宋", "楷体_GB2312": "楷体", "方正小标宋简体": "宋体",
                  "宋体": "SimSun", "黑体": "SimHei", "仿宋": "FangSong", "楷体": "KaiTi"}


def profile(key: str | None) -> FontProfile:
    return FONT_PROFILES.get(key or DEFAULT_PROFILE, FONT_PROFILES[DEFAULT_PROFILE])


@dataclass(frozen=True)
class RunFonts:
    """The four rFonts slots: eastAsia for CJK, ascii/hAnsi for digits and Latin."""

    east_asia: str
    ascii: str
    h_ansi: str

    @property
    def cs(self) -> str:
        return self.ascii


# -- per-role formats ---------------------------------------------------------------
@dataclass(frozen=True)
class RoleFormat:
    style: str  # paragraph style name (Chinese, shown in Word's style list)
    style_id: str  # ASCII styleId
    font: str  # font key of FONT_KEYS
    size_pt: float
    align: str = "both"  # both (justified) / left / center / right
    bold: bool = False
    first_line_chars: float = 0.0
    left_chars: float = 0.0
    right_chars: float = 0.0
    hanging_chars: float = 0.0
    color: str = BLACK
    snap_to_grid: bool = True
    char_spacing_twips: int = 0
    space_before_lines: float = 0.0
    space_after_lines: float = 0.0
    line_twips: int = PAGE.line_pitch_twips
    line_rule: str = "exact"  # exact / atLeast
    outline_level: int | None = None  # 0-based w:outlineLvl for headings
    keep_next: bool = False
    based_on: str = ""  # styleId of the parent style ("" = Normal)

    def chars_to_twips(self, chars: float) -> int:
        return round(chars * self.size_pt * TWIPS_PER_PT)

    @property
    def size_half_points(self) -> int:
        return round(self.size_pt * 2)


_S3 = SIZES["三号"]
_CS = PAGE.char_spacing_twips

_BODY = RoleFormat("公文正文", "GongwenZhengwen", "body", _S3, first_line_chars=2,
                   char_spacing_twips=_CS)
_TITLE = RoleFormat("公文标题", "GongwenBiaoti", "title", SIZES["二号"], align="center",
                    snap_to_grid=False, space_after_lines=1)
_RECIPIENTS = RoleFormat("主送机关", "ZhusongJiguan", "body", _S3, align="both",
                         char_spacing_twips=_CS)
_SIGNATURE = RoleFormat("发文机关署名", "FawenJiguanShuming", "body", _S3, align="right",
                        right_chars=2, char_spacing_twips=_CS, space_before_lines=1)
_DATE = RoleFormat("成文日期", "ChengwenRiqi", "body", _S3, align="right", right_chars=2,
                   char_spacing_twips=_CS)

FORMATS: dict[str, RoleFormat] = {
    "red_header": RoleFormat("发文机关标志", "FawenJiguanBiaozhi", "title", SIZES["小初"],
                             align="center", color=RED, snap_to_grid=False,
                             space_before_lines=0, line_rule="atLeast"),
    "doc_number": RoleFormat("发文字号", "FawenZihao", "body", _S3, align="center",
                             snap_to_grid=False, space_before_lines=2),
    "notice_title": _TITLE,
    "notice_recipients": _RECIPIENTS,
    "notice_body": _BODY,
    "notice_signature": _SIGNATURE,
    "notice_date": _DATE,
    "page_break": _BODY,
    "title": _TITLE,
    "recipients": _RECIPIENTS,
    "body": _BODY,
    "heading1": RoleFormat("一级标题", "YijiBiaoti", "heading1", _S3, first_line_chars=2,
                           char_spacing_twips=_CS, outline_level=0, keep_next=True),
    "heading2": RoleFormat("二级标题", "ErjiBiaoti", "heading2", _S3, first_line_chars=2,
                           char_spacing_twips=_CS, outline_level=1, keep_next=True),
    "heading3": RoleFormat("三级标题", "SanjiBiaoti", "body", _S3, bold=True, first_line_chars=2,
                           char_spacing_twips=_CS, outline_level=2),
    "heading4": RoleFormat("四级标题", "SijiBiaoti", "body", _S3, first_line_chars=2,
                           char_spacing_twips=_CS, outline_level=3),
    "attachment": RoleFormat("附件说明", "FujianShuoming", "body", _S3, align="left",
                             left_chars=5, hanging_chars=3, char_spacing_twips=_CS),
    "signature": _SIGNATURE,
    "date": _DATE,
    "note": RoleFormat("附注", "Fuzhu", "body", _S3, first_line_chars=2, char_spacing_twips=_CS),
    # 上行文 (7.2.4–7.2.5): 发文字号 one character from the left, "签发人：" (3号仿宋) and
    # the names (3号楷体) ending one character from the right, on one line
    "issuer": RoleFormat("发文字号和签发人", "FawenZihaoQianfaren", "body", _S3, align="left",
                         left_chars=1, char_spacing_twips=_CS, snap_to_grid=False,
                         space_before_lines=2),
    # an attachment on its own page: "附件" in 3号黑体 flush left on the first line,
    # its title centred on the third (a line between), then the table
    "annex_label": RoleFormat("附件标识", "FujianBiaoshi", "heading1", _S3, align="left",
                              char_spacing_twips=_CS, keep_next=True),
    "annex_title": replace(_TITLE, style="附件标题", style_id="FujianBiaoti",
                           space_before_lines=1, keep_next=True),
    "annex_table": RoleFormat("指标表正文", "ZhibiaoBiaoZhengwen", "body", SIZES["四号"],
                              align="left", snap_to_grid=False, line_twips=240,
                              line_rule="auto"),
    "cc": RoleFormat("抄送", "Chaosong", "body", SIZES["四号"], align="both", left_chars=4,
                     hanging_chars=3, right_chars=1),
    "printer": RoleFormat("印发机关和印发日期", "YinfaJiguan", "body", SIZES["四号"], align="left",
                          left_chars=1, right_chars=1),
}
# Not a block role: the document's closing paragraphs (结束语, body blocks of
# ``render.CLOSING``).  Body text in every respect, but a style of its own so
# that a reader of the .docx tells them from the last section's body.
CLOSING = replace(_BODY, style="公文结束语", style_id="GongwenJieshuyu", based_on=_BODY.style_id)
# Not a block role: the header row of the indicators table (黑体, centred).
TABLE_HEADER = replace(FORMATS["annex_table"], style="指标表表头", style_id="ZhibiaoBiaoBiaotou",
                       font="heading1", align="center", based_on=FORMATS["annex_table"].style_id)
TABLE_STYLE = ("指标表", "ZhibiaoBiao")  # the table style: (name, styleId)
TABLE_BORDER = Rule(4, BLACK)  # single 0.5 pt lines around and between cells
TABLE_CELL_MARGIN_TWIPS = 85  # 1.5 mm left and right inside a cell
TABLE_ROW_TWIPS = 454  # 8 mm: the least height of a row (a 四号 line and its margins)
TABLE_LINE_TWIPS = 300  # a line of a row's text, single spaced (LibreOffice, 四号)
# Column widths of 指标 / 单位 / 上年 / 本年 / 目标 / 增减 in characters of the
# table's text (四号), the cell margins not included; 0: what the others leave.
TABLE_COLUMN_CHARS = (0, 2.5, 3, 3, 3, 7)
# A table cannot end a .docx's text: the empty paragraph after it is exactly this
# tall, and goes to the next page unless the page has TABLE_END_ROOM_TWIPS left below
# the table's rows (LibreOffice: a 14-twip line fits under 28 rows of 454 twips, 17 not).
TABLE_END_TWIPS = 20
TABLE_END_ROOM_TWIPS = TABLE_END_TWIPS + 30

# 上行文: where "签发人：" and the names start (twips from the left margin)
SIGNER_LABEL = "签发人："
ISSUER_RIGHT_CHARS = 1  # the names end one character from the right edge (7.2.5)
# Not a block role: the footer line "— 1 —".
PAGE_NUMBER = RoleFormat("公文页码", "GongwenYema", "page_number", SIZES["四号"], align="right",
                         snap_to_grid=False, line_twips=pt_to_twips(SIZES["四号"]))
PAGE_NUMBER_SIDE_CHARS = 1.0  # odd pages 1 char from the right, even 1 char from the left
PAGE_NUMBER_DASH = "—"  # 一字线 on each side of the number
# Line height of large single lines (the red header) in em: CJK fonts' ascent + descent.
LINE_HEIGHT_EM = 1.44
# 版记 lines sit slightly tighter than the grid so that their rules fit the page.
IMPRINT_LINE_TWIPS = 560
# Room left under the 版记 for rounding in the reader's layout (its rules'
# padding differs a little between Word, WPS and LibreOffice).
IMPRINT_SLACK_TWIPS = 120
# The sign-off block (署名, 成文日期) never stands on a page without text: the
# text's last paragraph goes to the next page with it when it has at most this
# many lines (LibreOffice moves a kept paragraph whole; a longer one would
# leave a page half empty, and the signature is left to follow alone).
SIGN_OFF_KEEP_LINES = 3


def page_number_text(n: int | str) -> tuple[str, str]:
    """(before, after) the PAGE field: "— " and " —"."""
    return f"{PAGE_NUMBER_DASH} ", f" {PAGE_NUMBER_DASH}"


def format_for(role: str, profile_key: str | None = None) -> RoleFormat:
    """The role's format under a font profile (the Windows profile draws the
    宋体 title bold)."""
    fmt = FORMATS[role]
    prof = profile(profile_key)
    if fmt.font == "title" and prof.title_bold and role != "red_header":
        fmt = replace(fmt, bold=True)
    return fmt


def font_name(key: str, profile_key: str | None = None) -> str:
    return profile(profile_key).fonts[key]


def font_for(role: str, profile_key: str | None = None, latin_font: str = "") -> RunFonts:
    """The fonts of a role's text.  ``latin_font`` (Settings.latin_font)
    replaces the ascii/hAnsi slots of the body text (digits and Latin);
    titles and the page number keep their own font."""
    fmt = PAGE_NUMBER if role == "page_number" else FORMATS[role]
    east = font_name(fmt.font, profile_key)
    latin = latin_font.strip() if latin_font and fmt.font not in ("title", "page_number") else ""
    return RunFonts(east_asia=east, ascii=latin or east, h_ansi=latin or east)


def style_names() -> dict[str, str]:
    """Role → paragraph style name."""
    return {role: fmt.style for role, fmt in FORMATS.items()}


RED_HEADER_TOP_MM = 35.0  # 发文机关标志: its top 35 mm below the text block's top (下行文)
