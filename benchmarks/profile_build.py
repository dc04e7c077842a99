"""Where a whole build spends its time: pyinstrument over a one-worker build of synthetic pages.

    python benchmarks/profile_build.py --pages 1000 > benchmarks/profiles/build.txt

One worker runs every task in this process, so the profile holds the driver's work (reading,
screening, placing the files, merging the counts, the card) and the workers' (parsing, rows,
Parquet encoding) side by side. Needs ``pip install pyinstrument``.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, default=1000)
    args = parser.parse_args(argv)
    try:
        from pyinstrument import Profiler
    except ImportError:
        sys.exit("profiling needs pyinstrument: pip install pyinstrument")
    from builder.bench import run_build
    from builder.synth import write_synth

    with tempfile.TemporaryDirectory(prefix="vna-profile-build-") as tmp:
        shards = write_synth(args.pages, Path(tmp) / "synth")
        run_build(shards, Path(tmp) / "warm", workers=1)  # lexicons, langdetect's profiles, regexes
        profiler = Profiler(interval=0.001)
        with profiler:
            run_build(shards, Path(tmp) / "out", workers=1)
    print(f"# build: {args.pages} synthetic pages, one worker (every task in this process)")
    print(profiler.output_text(unicode=True, color=False, show_all=False))


if __name__ == "__main__":
    main()
