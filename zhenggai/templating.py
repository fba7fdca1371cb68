"""The one way templates are set up: Jinja with autoescape on everywhere, strict undefined.

The site and the PDF each load their own template folder through `environment()`; the
filters every output shares (dates in Chinese, sizes, point labels) are registered here once.
"""

from __future__ import annotations

from jinja2 import Environment, PackageLoader, StrictUndefined, select_autoescape

from .numbering import point_label
from .text import cn_date, format_size


def environment(package: str, folder: str = "templates") -> Environment:
    """A Jinja environment loading `package`'s `folder` (e.g. `zhenggai.site`)."""
    env = Environment(
        loader=PackageLoader(package, folder),
        autoescape=select_autoescape(default=True, default_for_string=True),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters.update(cn_date=cn_date, size=format_size, point_label=point_label)
    env.globals.update(point_label=point_label)
    return env
