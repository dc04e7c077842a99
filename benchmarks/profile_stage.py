"""Where a stage spends its time: pyinstrument over many passes of a :mod:`builder.bench` runner.

    python benchmarks/profile_stage.py entities --passes 300 > benchmarks/profiles/entities.txt

Needs ``pip install pyinstrument``. The stages are the keys of ``builder.bench.STAGES``.
"""

from __future__ import annotations

import argparse
import sys

from builder.bench import STAGES, sample_workload


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("stage", choices=sorted(STAGES))
    parser.add_argument("--passes", type=int, default=300, help="passes over the bundled pages")
    args = parser.parse_args(argv)
    try:
        from pyinstrument import Profiler
    except ImportError:
        sys.exit("profiling needs pyinstrument: pip install pyinstrument")
    workload = sample_workload()
    run = STAGES[args.stage]
    run(workload)  # warm: lexicons, caches
    profiler = Profiler(interval=0.0002)
    with profiler:
        for _ in range(args.passes):
            run(workload)
    print(f"# {args.stage}: {args.passes} passes over {workload.pages} pages")
    print(profiler.output_text(unicode=True, color=False, show_all=False))


if __name__ == "__main__":
    main()
