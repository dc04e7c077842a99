"""The HTML report opens in headless Chromium: the rankings and every chart are in the DOM, the page is drawn."""

from __future__ import annotations

import re

from browser import dump_dom, is_blank, requires_chromium, screenshot

from builder import api


@requires_chromium
def test_the_report_opens_in_chromium_with_its_table_and_charts(test_parsers, tmp_path):
    report = tmp_path / "report.html"
    result = api.evaluate(["test_parsers:raising"], bootstrap=50, min_seconds=0, timeout=10, report=report)
    html = report.read_text(encoding="utf-8")
    # self-contained: nothing is fetched (XML namespace names are not fetched)
    assert not re.search(r"""(src|href)=["']?(https?:)?//|url\((?!#)|<link|<script""", html)
    dom = dump_dom(report)
    leaderboard = re.search(r'<section id="leaderboard">(.*?)</section>', dom, re.S).group(1)
    assert leaderboard.count("<table>") == len(result["tasks"]) == 3
    assert "test_parsers:raising" in leaderboard and ">ours<" in leaderboard
    for task in result["tasks"]:
        for kind in ("labels", "speed"):
            chart = re.search(rf'<figure class="chart" id="chart-{kind}-{task}">(.*?)</figure>', dom, re.S)
            assert chart and "<svg" in chart.group(1), (kind, task)
    assert 'id="failures"' in dom and "cannot read this page" in dom
    worst = re.search(r'<section id="worst-pages">(.*?)</section>', dom, re.S).group(1)
    assert worst.count("<tr>") > 1
    picture = screenshot(report, tmp_path / "report.png", height=1600)
    assert not is_blank(picture)


@requires_chromium
def test_the_worst_pages_link_to_the_page_viewer(test_parsers, tmp_path):
    import pytest

    pytest.importorskip("builder.view", reason="the page viewer is not in this version")
    report = tmp_path / "report.html"
    result = api.evaluate(["test_parsers:raising"], task="zones", bootstrap=0, min_seconds=0, compare=False,
                          report=report)
    links = re.findall(r'<a href="([^"#]+)#page-([^"]+)">', report.read_text(encoding="utf-8"))
    worst = {page["page"] for page in result["tasks"]["zones"]["systems"][0]["worst_pages"]}
    assert {page for _, page in links} == worst
    for name, page in links:
        assert f'id="page-{page}"' in dump_dom(tmp_path / name)
