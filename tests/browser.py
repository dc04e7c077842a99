"""Headless Chromium for tests that open the project's HTML files as a reader would.

Standalone (no import from ``builder``): Chromium's own ``--headless --dump-dom`` and ``--screenshot``, no
driver. Chromium comes from the Debian package ``chromium`` (``apt-get install -y chromium``); tests that need it
carry ``requires_chromium`` and are skipped when it is missing. Every run gets its own profile folder, so tests
in parallel (or other programs using Chromium) do not share state, and no network is used: pages are opened
from ``file://`` and Chromium's background services are switched off.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from pathlib import Path

import pytest

CHROMIUM_NAMES = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")
TIMEOUT_SECONDS = 120


def find_chromium() -> str | None:
    """The Chromium executable: ``$CHROMIUM`` if set, else the first of the usual names on ``PATH``."""
    explicit = os.environ.get("CHROMIUM")
    if explicit:
        return explicit if Path(explicit).exists() or shutil.which(explicit) else None
    for name in CHROMIUM_NAMES:
        found = shutil.which(name)
        if found:
            return found
    return None


requires_chromium = pytest.mark.skipif(
    find_chromium() is None, reason="headless Chromium is missing (apt-get install -y chromium)")


def _run_chromium(args: list[str], html_path: str | Path) -> subprocess.CompletedProcess:
    """Run headless Chromium on one local file with a throwaway profile; raise with its stderr on failure."""
    chromium = find_chromium()
    if chromium is None:
        raise RuntimeError("headless Chromium is missing (apt-get install -y chromium)")
    url = Path(html_path).resolve().as_uri()
    with tempfile.TemporaryDirectory(prefix="chromium-profile-") as profile:
        command = [
            chromium, "--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
            "--no-first-run", "--no-default-browser-check", "--disable-extensions",
            "--disable-background-networking", "--disable-sync", "--disable-component-update",
            "--metrics-recording-only", "--mute-audio", f"--user-data-dir={profile}",
            # Let the page's own scripts finish before the DOM is dumped or the picture taken.
            "--virtual-time-budget=3000",
            *args, url,
        ]
        done = subprocess.run(command, capture_output=True, timeout=TIMEOUT_SECONDS)
    if done.returncode != 0:
        raise RuntimeError(f"chromium failed on {html_path} (exit {done.returncode}): "
                           f"{done.stderr.decode('utf-8', 'replace')[-2000:]}")
    return done


def dump_dom(html_path: str | Path) -> str:
    """The page's DOM as serialised HTML after its scripts ran (``--dump-dom``)."""
    return _run_chromium(["--dump-dom"], html_path).stdout.decode("utf-8")


def screenshot(html_path: str | Path, png_path: str | Path, width: int = 1280, height: int = 900) -> Path:
    """A PNG of the page's first ``width`` x ``height`` pixels; returns its path."""
    png = Path(png_path).resolve()
    png.parent.mkdir(parents=True, exist_ok=True)
    if png.exists():
        png.unlink()
    _run_chromium([f"--screenshot={png}", f"--window-size={width},{height}", "--hide-scrollbars"], html_path)
    if not png.exists() or png.stat().st_size == 0:
        raise RuntimeError(f"chromium wrote no screenshot of {html_path} to {png}")
    return png


def is_blank(png_path: str | Path, min_colours: int = 3, min_share: float = 0.005) -> bool:
    """True when the picture is (nearly) one colour: fewer than ``min_colours`` colours each covering at least
    ``min_share`` of the pixels (so anti-aliasing specks on an empty page do not count as content)."""
    from PIL import Image

    with Image.open(png_path) as image:
        rgb = image.convert("RGB")
        pixels = rgb.width * rgb.height
        counts = rgb.getcolors(maxcolors=pixels) or []
    significant = [count for count, _ in counts if count >= min_share * pixels]
    return len(significant) < min_colours
