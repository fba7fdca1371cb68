"""What a cluster's worker sends back, checked before it is kept: a worker is another machine.

A worker started with a patched renderer (`dask worker --preload …`) passes the environment
check (its files are the same) and can send any bytes. Before a PDF from a worker is stored,
let alone archived for good, it must open as a PDF, carry as its only attachment the very
data this client sent for the document (the YAML of `data.dump.published_yaml`), have the
document's title in its metadata and as many pages as the worker reports. The printed pages
themselves cannot be checked without rendering them again: that the cluster is reached with
mutual TLS (data/cluster_settings.py) is what keeps strangers from being a worker at all.
"""

from __future__ import annotations

import io

from ..model import Document


def check_received(doc: Document, source: bytes, data: bytes, pages: int) -> list[str]:
    """What is wrong with the PDF `data` a worker returned for `doc` (rendered with the published
    data `source`, `pages` pages as it says), in Chinese; empty when nothing is."""
    import pikepdf  # only a cluster's results are checked

    try:
        pdf = pikepdf.open(io.BytesIO(data))
    except (pikepdf.PdfError, ValueError):
        return ["不是可以打开的 PDF 文件"]
    with pdf:
        problems = []
        if pages < 1 or len(pdf.pages) != pages:
            problems.append(f"有 {len(pdf.pages)} 页，工作节点却报告 {pages} 页")
        title = str(pdf.docinfo.get("/Title", ""))
        with pdf.open_metadata(set_pikepdf_as_editor=False, update_docinfo=False) as xmp:
            xmp_title = str(xmp.get("dc:title", ""))
        if title != doc.title or xmp_title != doc.title:
            problems.append(f"标题为“{title or xmp_title}”，应为“{doc.title}”")
        problems += _attachment_problems(pdf, doc, source)
    return problems


def _attachment_problems(pdf, doc: Document, source: bytes) -> list[str]:
    expected = f"{doc.id}.yml"
    names = sorted(pdf.attachments)
    if names != [expected]:
        return [f"附件为 {'、'.join(names) or '（无）'}，应只有本文件的数据 {expected}"]
    if pdf.attachments[expected].get_file().read_bytes() != source:
        return ["附带的结构化数据与本文件发布的数据不同"]
    return []
