"""cProfile of single pipeline stages on the benchmark corpus.

    python bench/profile_stages.py [--n 300] [--top 15] [STAGE ...]

Builds the same ~500-word corpus as bench_pipeline.py, runs the pipeline stage by stage over
all articles, and profiles only the named stages' apply() calls (each stage sees docs that the
earlier stages have filled, as in the pipeline). Without STAGE names it profiles the slowest
two stages of an unprofiled timing pass. Prints each stage's hot spots by own time and by
cumulative time.
"""

from __future__ import annotations

import argparse
import cProfile
import io
import pstats
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench_pipeline import build_corpus  # noqa: E402


def stage_name(stage) -> str:
    return stage.__name__.rsplit(".", 1)[-1]


def time_stages(pipeline, articles: list) -> dict[str, float]:
    spent = {stage_name(s): 0.0 for s in pipeline.STAGES}
    for article in articles:
        doc = pipeline.make_doc(article)
        for stage in pipeline.STAGES:
            t = time.perf_counter()
            stage.apply(doc)
            spent[stage_name(stage)] += time.perf_counter() - t
    return {name: 1000 * s / len(articles) for name, s in spent.items()}


def profile_stages(pipeline, articles: list, wanted: set[str]) -> dict[str, cProfile.Profile]:
    profiles = {name: cProfile.Profile() for name in wanted}
    docs = [pipeline.make_doc(a) for a in articles]
    for stage in pipeline.STAGES:
        profile = profiles.get(stage_name(stage))
        if profile is not None:
            profile.enable()
        for doc in docs:
            stage.apply(doc)
        if profile is not None:
            profile.disable()
    return profiles


def hot_spots(profile: cProfile.Profile, sort: str, top: int) -> str:
    out = io.StringIO()
    stats = pstats.Stats(profile, stream=out)
    stats.sort_stats(sort).print_stats(top)
    text = out.getvalue()
    root = str(Path(__file__).resolve().parent.parent) + "/"
    return "\n".join(line.replace(root, "") for line in text.splitlines()
                     if line.strip() and not line.lstrip().startswith(("Ordered by", "List reduced")))


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("stages", nargs="*", help="stage names (default: the two slowest)")
    ap.add_argument("--n", type=int, default=300, help="articles (the corpus is cycled); default 300")
    ap.add_argument("--min-words", type=int, default=500)
    ap.add_argument("--top", type=int, default=15, help="functions to list per ordering")
    args = ap.parse_args(argv)

    from dateline import pipeline

    articles, corpus = build_corpus(args.n, args.min_words)
    pipeline.process(articles[0])  # warm-up: gazetteer and lexicons
    known = [stage_name(s) for s in pipeline.STAGES]
    unknown = [s for s in args.stages if s not in known]
    if unknown:
        ap.error(f"unknown stage(s) {unknown}; stages are {known}")
    ms = time_stages(pipeline, articles)
    total = sum(ms.values())
    print(f"{len(articles)} articles, {corpus['words_per_article_mean']:.0f} words/article; "
          f"mean ms/article per stage (no profiler):")
    for name, value in ms.items():
        print(f"  {name:<10} {value:7.3f} ms  {100 * value / total:5.1f}%")
    wanted = args.stages or sorted(ms, key=ms.get, reverse=True)[:2]
    profiles = profile_stages(pipeline, articles, set(wanted))
    for name in wanted:
        for sort in ("tottime", "cumulative"):
            print(f"\n=== {name}: top {args.top} by {sort} (profiled, so slower than above) ===")
            print(hot_spots(profiles[name], sort, args.top))
    return 0


if __name__ == "__main__":
    sys.exit(main())
