"""The headless-Chromium helper itself: scripts do run in it (so a test that finds none ran means something),
the DOM comes back, and the blank check tells an empty picture from a drawn one."""

from __future__ import annotations

from pathlib import Path

from browser import dump_dom, is_blank, requires_chromium, screenshot

pytestmark = requires_chromium


def test_scripts_run_and_the_dom_comes_back(tmp_path: Path) -> None:
    page = tmp_path / "script.html"
    page.write_text(
        "<!doctype html><html><head><meta charset='utf-8'><title>before</title></head><body><p id='p'>é 😀</p>"
        "<script>document.title = 'after'; document.getElementById('p').textContent += ' ran';</script>"
        "</body></html>",
        encoding="utf-8",
    )
    dom = dump_dom(page)
    assert "<title>after</title>" in dom
    assert "é 😀 ran" in dom


def test_a_blank_page_is_blank_and_a_drawn_one_is_not(tmp_path: Path) -> None:
    empty = tmp_path / "empty.html"
    empty.write_text("<!doctype html><html><body style='background:#fff'></body></html>", encoding="utf-8")
    drawn = tmp_path / "drawn.html"
    drawn.write_text(
        "<!doctype html><html><body style='background:#fff;margin:0'>"
        "<div style='width:200px;height:100px;background:#c33'></div>"
        "<div style='width:200px;height:100px;background:#36c'></div></body></html>",
        encoding="utf-8",
    )
    assert is_blank(screenshot(empty, tmp_path / "empty.png", 400, 300))
    png = screenshot(drawn, tmp_path / "drawn.png", 400, 300)
    assert not is_blank(png)
    from PIL import Image

    with Image.open(png) as image:
        assert image.size == (400, 300)
        assert image.convert("RGB").getpixel((100, 50)) == (0xCC, 0x33, 0x33)
