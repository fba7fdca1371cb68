"""A generated document shaped the way one real notice is published: `shape(...)`.

`generate_document` makes every notice in one house shape; real notices come in many (PRODUCT.md,
"Anatomy of the documents"). This layer, applied on top so the benchmark's corpus stays as it
is, draws a shape for each document from the real variety (`vocab/published.yml`) with its own
random generator, and reshapes the data to it: numbering per level, heading forms, statuses per
problem, per item or only as totals, measures with sub-points, openings, kinds, contact.

The result is the truth a round-trip test compares an importer against, for one published form
(txt, docx, html): data that validates and holds only what that text says; the `Layout` it is
printed with (the choices the data model does not record); and `not_in_text`, the fields the
model requires but the text does not show (a notice without a title line still has a title),
for the comparison to skip.
"""

from __future__ import annotations

import copy
import dataclasses
import random
from dataclasses import dataclass, field

from .openings import (
    TOUR_KINDS, choose_kind, higher_committee, make_tour, normalise_contact, retitle, write_opening,
)
from .organisations import Org, draw_org
from .reshape import (
    Data, canonical_numbering, choose_numbering, drop_statuses, findings, has_structured_measures,
    per_finding_declared, problems, quoted_headings_drop_similar, restructure_measures, state_totals,
    strip_generated_totals, table, totals_only_declared,
)

FORMS = ("txt", "docx", "html")
DISCLOSURE = "政府信息公开"
# Levels a Word file may number with automatic numbering (the rest have typed labels).
WORD_LEVELS = ("section1", "section2", "categories", "problems", "items", "measures", "points", "subpoints",
               "steps")
CATALOGUE_KEYS = ("index_no", "category", "publisher", "written", "doc_no", "published", "subject_words")
KEY_ORDER = ("kind", "title", "metadata", "inspection", "numbering", "opening", "sections", "declared", "contact",
             "signature")


@dataclass(frozen=True)
class Layout:
    """How a shaped document is printed: what the published text shows that the data does not record."""

    title_line: bool = True
    date_line: str = "none"  # none | date (发布日期:…) | date_source (发布日期:…  来源:…)
    catalogue: bool = False  # the 政府信息公开 catalogue (txt: as copied from the page; html: the table)
    spacing: str = "dense"  # dense: one line a paragraph (001); blank: indented, blank lines between (000)
    colon: str = ":"
    runin_subsections: bool = True  # （一）统一思想认识。Paragraph… on one line (000, 001, 002)
    status_word: str = "整改情况"  # 整改情况:已完成。 / 整改进展:正在推进中,计划6月底前完成。
    measures_runon: bool = False  # 一是…二是… run together in one paragraph (001)
    runon_prefix: str = "整改情况"
    contact_style: str = "lines"  # lines: one item a line; sentence: 联系方式:电话…;邮政地址:…。
    contact_order: tuple[str, ...] = ("phones", "address", "postcode", "email", "hours")
    phone_word: str = "联系电话"  # for phones without a label; "" (a bare number) in a sentence
    postcode_word: str = "邮政编码"
    email_word: str = "电子邮箱"
    word_numbered: tuple[str, ...] = ()  # docx: levels numbered by Word (WORD_LEVELS)
    heading_styles: bool = False  # docx: headings in Word's Heading styles
    table: bool = False  # docx: the problems as a rectification table
    site: int = 0  # html: which site's page (vocab/published.yml `sites`)
    views: int = 0  # html: 浏览次数
    encoding: str = "utf-8"  # txt: utf-8, utf-8-sig (Notepad) or gb18030
    newline: str = "\n"


@dataclass(frozen=True)
class ShapedDocument:
    """One document as published in one form, with the truth to compare an import against."""

    id: str
    form: str
    data: Data  # the truth: validates, and says only what the published text says
    layout: Layout
    not_in_text: tuple[str, ...]  # dotted fields the model needs but the text does not show
    shape: dict[str, str] = field(default_factory=dict)  # the variant drawn on each axis


def shape(seed: int, index: int, doc_id: str, data: Data, form: str = "txt") -> ShapedDocument:
    """Document `index` of `seed` (`doc_id`, `data` from generate_document) shaped and projected
    onto `form`; the same arguments always give the same result, whatever the form's draws."""
    if form not in FORMS:
        raise ValueError(f"unknown published form {form!r}")
    rng = random.Random(f"zhenggai-shape:{seed}:{index}")
    org = draw_org(seed, random.Random(f"zhenggai:{seed}:{index}"))
    data = copy.deepcopy(data)
    axes: dict[str, str] = {"kind": data["kind"]}
    omitted: set[str] = set()
    if data.get("signature") and rng.random() < 0.1:
        del data["signature"]
    if data["kind"] != DISCLOSURE:
        omitted |= _shape_notice(rng, data, org, axes)
    if data.get("contact"):
        normalise_contact(rng, data["contact"])
    layout = _draw_layout(rng, data, axes)
    layout, truth, hidden = _project(data, layout, form)
    axes.update(title_line=str(layout.title_line), catalogue=str(layout.catalogue), date_line=layout.date_line,
                **_numbering_axes(truth))
    return ShapedDocument(doc_id, form, truth, layout, tuple(sorted(omitted | hidden)), axes)


def _shape_notice(rng: random.Random, data: Data, org: Org, axes: dict[str, str]) -> set[str]:
    kind = data["kind"] = choose_kind(rng, data["kind"])
    higher, party = higher_committee(org), data["inspection"]["target"]
    publisher = data.get("signature", {}).get("organisation") or f"中共{org.name}{org.party_kind}"
    if kind in TOUR_KINDS:
        higher, party, publisher = make_tour(rng, data, org)
        axes["tour"] = "place" if party != data["inspection"]["target"] else "organisation"
    retitle(rng, data, org, publisher)
    axes["kind"] = kind
    has_items = any(p.get("items") for p in problems(data))
    had_status = any(f.get("status") for f in findings(data))
    if had_status and rng.random() < 0.7:
        mode = "per item" if has_items else "per problem"
    elif had_status or data.get("declared") or rng.random() < 0.8:
        mode = "totals"
        drop_statuses(data)
    else:
        mode = "none"
    data["numbering"] = choose_numbering(rng, has_items)
    structured = restructure_measures(rng, data) if rng.random() < 0.35 else set()
    if mode == "totals":
        state_totals(rng, data, totals_only_declared(rng, data))
    elif mode != "none" and data.get("declared"):
        state_totals(rng, data, per_finding_declared(data))
    else:
        data.pop("declared", None)
        strip_generated_totals(data)
    quoted_headings_drop_similar(data)
    canonical_numbering(data)
    signature = data.get("signature")
    opening, omitted = write_opening(rng, data, higher, party, signature["date"].year if signature else None)
    axes.update(statuses=mode, opening=opening, measures_structure="+".join(sorted(structured)) or "plain")
    if "declared" in data:
        axes["basis"] = data["declared"]["basis"]
    return omitted


def _numbering_axes(truth: Data) -> dict[str, str]:
    """The numbering of each level in words, e.g. problems: 1. continuous, heading 针对“{title}”的问题."""
    axes: dict[str, str] = {}
    if not problems(truth):
        return axes
    scheme = truth.get("numbering", {})
    for level in ("categories", "problems", "items", "measures", "points", "subpoints"):
        if level == "items" and not any(p.get("items") for p in problems(truth)):
            continue
        config = scheme.get(level, {})
        label = config.get("label")
        axes[f"{level}_label"] = "usual" if label is None else (label or "none")
        if level in ("problems", "items", "measures"):
            axes[f"{level}_numbering"] = "continuous" if config.get("continuous") else "restart"
        if level in ("categories", "problems", "items"):
            axes[f"{level}_heading"] = config.get("heading") or "usual"
    return axes


def _draw_layout(rng: random.Random, data: Data, axes: dict[str, str]) -> Layout:
    """Every presentation choice, drawn in a fixed order whatever the form."""
    disclosure = data["kind"] == DISCLOSURE
    words = table("statuses")
    contact = table("contact")
    scheme = data.get("numbering", {})
    measures = scheme.get("measures", {})
    runon_ok = (not disclosure and measures.get("label") in (None, "{cn}是") and not measures.get("continuous")
                and not has_structured_measures(data))
    table_ok = axes.get("statuses") == "per problem" and not has_structured_measures(data)
    contact_style = rng.choice(("lines", "sentence"))
    layout = Layout(
        title_line=rng.random() < 0.8,
        date_line=rng.choices(("none", "date", "date_source"), (50, 25, 25))[0],
        catalogue=rng.random() < (0.7 if disclosure else 0.2),
        spacing=rng.choice(("blank", "dense")),
        colon=rng.choices((":", "："), (75, 25))[0],
        runin_subsections=rng.random() < 0.8,
        status_word=rng.choice(words["words"]),
        measures_runon=runon_ok and rng.random() < 0.35,
        runon_prefix=rng.choice(words["runon_prefix"]),
        contact_style=contact_style,
        contact_order=tuple(rng.choice(contact["orders"])),
        phone_word=rng.choice(("电话", "联系电话", "") if contact_style == "sentence" else ("电话", "联系电话")),
        postcode_word=rng.choice(contact["postcode_words"]),
        email_word=rng.choice(contact["email_words"]),
        word_numbered=_word_levels(rng),
        heading_styles=rng.random() < 0.3,
        table=table_ok and rng.random() < 0.6,
        site=rng.randrange(len(table("sites"))),
        views=rng.randint(12, 5000),
        encoding=rng.choices(("utf-8", "utf-8-sig", "gb18030"), (70, 15, 15))[0],
        newline=rng.choices(("\n", "\r\n"), (70, 30))[0],
    )
    axes.update(runon=str(layout.measures_runon), contact=contact_style)
    return layout


def _word_levels(rng: random.Random) -> tuple[str, ...]:
    way = rng.choices(("typed", "all", "some"), (25, 25, 50))[0]
    if way == "typed":
        return ()
    if way == "all":
        return WORD_LEVELS
    return tuple(level for level in WORD_LEVELS if rng.random() < 0.5)


def _project(data: Data, layout: Layout, form: str) -> tuple[Layout, Data, set[str]]:
    """The layout as `form` can print it, the truth for that form and the fields it does not show."""
    disclosure = data["kind"] == DISCLOSURE
    if form == "html":  # a CMS page always shows its title, its date and, for disclosures, the catalogue
        layout = dataclasses.replace(layout, title_line=True, catalogue=layout.catalogue or disclosure,
                                     date_line="date_source", table=False, word_numbered=(), heading_styles=False)
    elif form == "docx":  # the unit's own Word file: no page chrome
        layout = dataclasses.replace(layout, catalogue=False, date_line="none")
    else:
        layout = dataclasses.replace(layout, table=False, word_numbered=(), heading_styles=False)
    shown = set(CATALOGUE_KEYS) if layout.catalogue else set()
    shown |= {"date": {"published"}, "date_source": {"published", "source"}}.get(layout.date_line, set())
    truth = {key: data[key] for key in KEY_ORDER if key in data}
    truth["metadata"] = {k: v for k, v in data["metadata"].items() if k in shown or k == "published"}
    hidden = set() if "published" in shown else {"metadata.published"}
    if not (layout.title_line or layout.catalogue):
        hidden |= {"title", "kind"}
    if layout.table:
        # The table's 序号 column numbers the problems 1, 2, 3 through the notice.
        truth["numbering"] = {**truth.get("numbering", {}), "problems": {"label": "{n}", "continuous": True}}
    return layout, truth, hidden
