"""MkDocs hooks: the event handlers live in the package (zhenggai/build/engines/mkdocs.py)."""

from zhenggai.build.engines.mkdocs import (  # noqa: F401 (MkDocs looks the handlers up by name)
    on_build_error, on_config, on_files, on_nav, on_page_content, on_page_markdown, on_post_build, on_shutdown,
)
