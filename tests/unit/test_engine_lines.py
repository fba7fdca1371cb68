"""MkDocs' own lines reach staff in Chinese; lines we do not know pass through unchanged."""

from zhenggai.build.engines.mkdocs_run import translate, translate_abort


def test_known_lines_are_translated_or_left_out():
    assert translate("Documentation built in 4.48 seconds") == "网站生成完毕，用时 4.48 秒"
    assert translate("Cleaning site directory") is None
    assert translate("Building documentation to directory: /srv/.site-staging-12") is None
    assert translate("[07:28:34] Reloading browsers") == "[07:28:34] 刷新浏览器"
    assert translate("Serving on http://127.0.0.1:8000/") == "预览地址：http://127.0.0.1:8000/（数据或页面改动后自动重新生成并刷新浏览器）"


def test_unknown_lines_pass_through():
    assert translate("Doc file 'a.md' contains a link 'b.md', but the target is not found") == (
        "Doc file 'a.md' contains a link 'b.md', but the target is not found")
    assert translate("Documentation built in a hurry") == "Documentation built in a hurry"


def test_abort_lines():
    assert translate_abort("Aborted with a BuildError!") == "构建中止：出现错误，原因见上方的错误信息。"
    assert translate_abort("Aborted with 1 errors, 2 warnings in strict mode!") == "构建中止：严格模式下出现 1 个错误、2 个警告，详见上方。"
    assert translate_abort("Something else") == "Something else"


def test_lines_carry_no_english_level_prefix():
    import logging

    from zhenggai.build.engines.mkdocs_run import LineFormatter

    def line(level: int, message: str) -> str:
        return LineFormatter().format(logging.LogRecord("mkdocs", level, __file__, 1, message, (), None))

    assert line(logging.INFO, "正在生成网站……") == "正在生成网站……"
    assert line(logging.WARNING, "页脚未设置") == "警告：页脚未设置"
    assert line(logging.ERROR, "数据校验失败") == "错误：数据校验失败"
    assert line(logging.WARNING, "警告：已有前缀") == "警告：已有前缀"  # never twice


def test_the_engine_lets_the_build_go_at_shutdown_and_the_hooks_ask_it_to():
    import runpy
    from pathlib import Path

    from zhenggai.build.engines import mkdocs as engine

    hooks = runpy.run_path(str(Path(__file__).resolve().parents[2] / "hooks" / "zhenggai_hooks.py"))
    assert hooks["on_shutdown"] is engine.on_shutdown  # MkDocs calls only what the hooks module holds
    engine._bundle, engine._last_good = object(), object()
    engine.on_shutdown()
    assert engine._bundle is None and engine._last_good is None


def test_a_blocked_preview_build_says_it_failed_and_what_the_browser_still_shows():
    # Audit 2026-12-08 #3: after a failed rebuild the preview printed 网站生成完毕.
    line = "Documentation built in 0.89 seconds"
    assert translate(line, kept="last") == "网站生成失败（数据有误），浏览器中仍显示上次正确的网站，用时 0.89 秒"
    assert translate(line, kept="partial") == "网站生成失败（数据有误），浏览器中显示能正确读取的文件生成的网站，用时 0.89 秒"
    assert translate(line, kept="none") == "网站生成失败（数据有误），浏览器中只显示错误，用时 0.89 秒"
    assert translate("[07:28:34] Reloading browsers", kept="last") == "[07:28:34] 刷新浏览器"
