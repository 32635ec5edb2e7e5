"""Score Dateline records against hand-written gold files.

    python -m dateline.evaluation GOLD_DIR PRED.jsonl [--verbose] [--min-score 0.8]

A gold folder holds one ``NAME.gold.json`` per article (format: ``docs/evaluation.md``). A
record is matched to its gold file by the base name of ``article.origin.path``, plus
``#INDEX`` when ``origin.index`` is set. The metrics and their definitions are those of the
project's shared dev scorer, so numbers from either are comparable:

- ``articles.read`` and ``article.<field>``: a record exists; its metadata equals the gold's
- ``events.found``: each gold event has a predicted event of an allowed type (greedy
  one-to-one matching, best match score first come first served in gold order)
- ``events.date`` / ``events.timing`` / ``events.place`` / ``events.actor``: of each gold event
- ``counts.recall``: gold figures found on the matched predicted event
- ``counts.precision``: predicted figures that the gold lists somewhere in the article
- ``events.no_phantom_violence``: articles with no ASSAULT coded ``current`` that the gold
  does not have as a current event (the anniversary trap)
- ``quotes.found`` / ``quotes.speaker``

The overall score is the unweighted mean of the metric rates.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import re
import sys
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

VIOLENT_TYPES = frozenset({"ASSAULT"})
DEFAULT_EXHAUSTIVE = ("counts", "violence")
_SPACES = re.compile(r"\s+")


@dataclass
class MetricScore:
    hits: int = 0
    total: int = 0
    misses: list[str] = field(default_factory=list)

    @property
    def rate(self) -> float:
        return self.hits / self.total if self.total else 0.0


@dataclass
class Scores:
    metrics: dict[str, MetricScore] = field(default_factory=dict)

    def add(self, metric: str, ok: bool, where: str) -> None:
        m = self.metrics.setdefault(metric, MetricScore())
        m.total += 1
        if ok:
            m.hits += 1
        else:
            m.misses.append(where)

    def rate(self, metric: str) -> float:
        return self.metrics[metric].rate

    @property
    def overall(self) -> float:
        rates = [m.rate for m in self.metrics.values() if m.total]
        return sum(rates) / len(rates) if rates else 0.0

    def table(self, verbose: bool = False) -> str:
        label = "overall (mean of metrics)"
        width = max([len(name) for name in self.metrics] + [len(label) - 18])
        lines = []
        for name in sorted(self.metrics):
            m = self.metrics[name]
            lines.append(f"{name:<{width}}  {m.hits:>5}/{m.total:<5} {100 * m.rate:6.1f}%")
            if verbose:
                lines.extend(f"    - {miss}" for miss in m.misses)
        lines.append(f"{label:<{width}}  {100 * self.overall:18.1f}%")
        return "\n".join(lines)


# --- comparison helpers -------------------------------------------------------------------

def norm(text: Any) -> str:
    return _SPACES.sub(" ", str(text or "")).strip().lower()


def period(text: str | None) -> tuple[dt.date, dt.date] | None:
    """'1990', '1990-01' or '1990-01-20[T..]' -> the first and last day it covers."""
    if not text:
        return None
    text = str(text)[:10]
    try:
        if len(text) == 4:
            year = int(text)
            return dt.date(year, 1, 1), dt.date(year, 12, 31)
        if len(text) == 7:
            year, month = int(text[:4]), int(text[5:7])
            first = dt.date(year, month, 1)
            next_first = dt.date(year + month // 12, month % 12 + 1, 1)
            return first, next_first - dt.timedelta(days=1)
        day = dt.date.fromisoformat(text)
        return day, day
    except ValueError:
        return None


def date_matches(gold: str | None, predicted: Mapping | None, tolerance_days: int = 0) -> bool:
    """The predicted period overlaps the gold one (widened by the tolerance) and is no
    coarser than it: "1990" does not answer "1990-01-20"."""
    want = period(gold)
    if not want or not predicted:
        return False
    start = period(predicted.get("start"))
    if not start:
        return False
    end = period(predicted.get("end")) or start
    slack = dt.timedelta(days=tolerance_days)
    overlaps = start[0] <= want[1] + slack and end[1] >= want[0] - slack
    gold_span = (want[1] - want[0]).days
    predicted_span = (end[1] - start[0]).days
    return overlaps and predicted_span <= gold_span + 2 * tolerance_days + 1


def gold_bounds(value: Any) -> tuple[int | None, int | None]:
    """A gold figure: 12 is (12, 12); {"min": 12} is (12, None); {"min": null, "max": 30}."""
    if isinstance(value, Mapping):
        return value.get("min"), value.get("max")
    return value, value


def count_matches(gold_value: Any, predicted_counts: Iterable[Mapping] | None, kind: str) -> bool:
    """A predicted count of ``kind`` has the gold minimum, and a maximum equal to the gold
    maximum or open. An open gold maximum accepts any predicted maximum."""
    low, high = gold_bounds(gold_value)
    for count in predicted_counts or ():
        if count.get("kind") != kind or count.get("min") != low:
            continue
        if high is None or count.get("max") in (high, None):
            return True
    return False


def _types(gold_event: Mapping) -> list:
    wanted = gold_event.get("type")
    return wanted if isinstance(wanted, list) else [wanted]


def _location_ok(gold_event: Mapping, location: Mapping) -> bool:
    ok = True
    if gold_event.get("country"):
        ok = location.get("country") == gold_event["country"]
    if gold_event.get("place"):
        got, want = norm(location.get("name")), norm(gold_event["place"])
        ok = ok and bool(got) and (got in want or want in got)
    return ok


def _actor_ok(gold_event: Mapping, predicted: Mapping) -> bool:
    return norm(gold_event["actor"]) in norm((predicted.get("actor") or {}).get("text"))


def match_strength(gold_event: Mapping, predicted: Mapping) -> int:
    """How well a predicted event fits a gold event; picks among events of an allowed type."""
    strength = 0
    if date_matches(gold_event.get("date"), predicted.get("date"), gold_event.get("date_tolerance_days", 0)):
        strength += 2
    strength += gold_event.get("timing") == predicted.get("timing")
    location = predicted.get("location") or {}
    if gold_event.get("country") and gold_event["country"] == location.get("country"):
        strength += 1
    if gold_event.get("actor") and _actor_ok(gold_event, predicted):
        strength += 1
    for kind, value in (gold_event.get("counts") or {}).items():
        strength += count_matches(value, predicted.get("counts"), kind)
    return strength


# --- scoring ------------------------------------------------------------------------------

def record_key(record: Mapping) -> str:
    origin = (record.get("article") or {}).get("origin") or {}
    name = Path(origin.get("path") or "").name
    index = origin.get("index")
    return name if index is None else f"{name}#{index}"


def _score_metadata(gold: Mapping, article: Mapping, scores: Scores, name: str) -> None:
    for fieldname, want in (gold.get("article") or {}).items():
        if fieldname == "published":
            got = (article.get("published") or "")[: len(want)]
        elif fieldname == "dateline_place":
            got = (article.get("dateline") or {}).get("place")
        else:
            got = article.get(fieldname)
        scores.add(f"article.{fieldname}", norm(got) == norm(want), f"{name}: {fieldname} {got!r} != {want!r}")


def _score_unmatched(gold_event: Mapping, scores: Scores, label: str) -> None:
    scores.add("events.found", False, label)
    where = label + " (not found)"
    if gold_event.get("date"):
        scores.add("events.date", False, where)
    scores.add("events.timing", False, where)
    if gold_event.get("country") or gold_event.get("place"):
        scores.add("events.place", False, where)
    if gold_event.get("actor"):
        scores.add("events.actor", False, where)
    for kind in gold_event.get("counts") or {}:
        scores.add("counts.recall", False, f"{label} {kind} (event not found)")


def _score_matched(gold_event: Mapping, predicted: Mapping, scores: Scores, label: str) -> None:
    scores.add("events.found", True, label)
    if gold_event.get("date"):
        ok = date_matches(gold_event["date"], predicted.get("date"), gold_event.get("date_tolerance_days", 0))
        scores.add("events.date", ok, f"{label}: date {predicted.get('date')} vs {gold_event['date']}")
    scores.add("events.timing", predicted.get("timing") == gold_event.get("timing"),
               f"{label}: timing {predicted.get('timing')} vs {gold_event.get('timing')}")
    if gold_event.get("country") or gold_event.get("place"):
        location = predicted.get("location") or {}
        scores.add("events.place", _location_ok(gold_event, location),
                   f"{label}: location {location.get('name')}/{location.get('country')} "
                   f"vs {gold_event.get('place')}/{gold_event.get('country')}")
    if gold_event.get("actor"):
        actor = (predicted.get("actor") or {}).get("text")
        scores.add("events.actor", _actor_ok(gold_event, predicted), f"{label}: actor {actor!r} vs {gold_event['actor']!r}")
    for kind, value in (gold_event.get("counts") or {}).items():
        got = [c for c in predicted.get("counts") or [] if c.get("kind") == kind]
        scores.add("counts.recall", count_matches(value, got, kind), f"{label}: {kind} {got} vs {value}")


def _score_events(gold: Mapping, predicted: list[Mapping], scores: Scores, name: str) -> dict[int, Mapping]:
    """Match each gold event, in gold order, to the strongest unused prediction of an allowed
    type (ties go to the later prediction, as in the shared scorer). Returns index -> gold event."""
    used: dict[int, Mapping] = {}
    for gold_event in gold.get("events") or []:
        label = f"{name}: {gold_event.get('label') or gold_event.get('type')}"
        types = _types(gold_event)
        candidates = [(match_strength(gold_event, p), i) for i, p in enumerate(predicted)
                      if i not in used and p.get("type") in types]
        if not candidates:
            _score_unmatched(gold_event, scores, label)
            continue
        best = max(candidates)[1]
        used[best] = gold_event
        _score_matched(gold_event, predicted[best], scores, label)
    return used


def _score_exhaustive(gold: Mapping, predicted: list[Mapping], used: dict[int, Mapping],
                      scores: Scores, name: str) -> None:
    exhaustive = gold.get("exhaustive", DEFAULT_EXHAUSTIVE)
    if "counts" in exhaustive:
        gold_counts = [(kind, value) for g in gold.get("events") or [] for kind, value in (g.get("counts") or {}).items()]
        for p in predicted:
            for count in p.get("counts") or []:
                ok = any(kind == count.get("kind") and count_matches(value, [count], kind) for kind, value in gold_counts)
                scores.add("counts.precision", ok,
                           f"{name}: predicted {count.get('kind')} {count.get('min')}-{count.get('max')} not in gold")
    if "violence" in exhaustive:
        phantoms = [(p.get("trigger") or {}).get("text") for i, p in enumerate(predicted)
                    if p.get("type") in VIOLENT_TYPES and p.get("timing") == "current"
                    and (used.get(i) or {}).get("timing") != "current"]
        scores.add("events.no_phantom_violence", not phantoms, f"{name}: current violence not in gold: {phantoms}")


def _score_quotes(gold: Mapping, quotes: list[Mapping], scores: Scores, name: str) -> None:
    for gold_quote in gold.get("quotes") or []:
        want = norm(gold_quote["text"])
        hit = next((q for q in quotes if want in norm(q.get("text"))), None)
        scores.add("quotes.found", hit is not None, f"{name}: quote {gold_quote['text'][:40]!r}")
        if gold_quote.get("speaker"):
            ok = hit is not None and norm(gold_quote["speaker"]) in norm(hit.get("speaker"))
            scores.add("quotes.speaker", ok,
                       f"{name}: speaker {hit and hit.get('speaker')!r} vs {gold_quote['speaker']!r}")


def score_article(gold: Mapping, record: Mapping | None, scores: Scores) -> None:
    """Add one article's results to ``scores``; ``record`` is None when nothing was read."""
    name = gold["input"]
    scores.add("articles.read", record is not None, f"{name}: no record")
    record = record or {}
    _score_metadata(gold, record.get("article") or {}, scores, name)
    predicted = list(record.get("events") or [])
    used = _score_events(gold, predicted, scores, name)
    _score_exhaustive(gold, predicted, used, scores, name)
    _score_quotes(gold, list(record.get("quotes") or []), scores, name)


def load_gold(gold_dir: str | Path) -> list[dict]:
    files = sorted(Path(gold_dir).glob("*.gold.json"))
    if not files:
        raise FileNotFoundError(f"no *.gold.json files in {gold_dir}")
    return [json.loads(f.read_text(encoding="utf-8")) for f in files]


def _as_json(record: Any) -> Mapping:
    return record.to_json() if hasattr(record, "to_json") else record


def score(gold_dir: str | Path | Iterable[Mapping], records: Iterable[Any]) -> Scores:
    """Score records (JSON dicts or :class:`~dateline.record.Record`) against a gold folder
    (or an iterable of gold dicts). The first record with a given key counts."""
    golds = load_gold(gold_dir) if isinstance(gold_dir, (str, Path)) else list(gold_dir)
    by_key: dict[str, Mapping] = {}
    for record in records:
        as_json = _as_json(record)
        by_key.setdefault(record_key(as_json), as_json)
    scores = Scores()
    for gold in golds:
        score_article(gold, by_key.get(gold["input"]), scores)
    return scores


def load_records(path: str | Path) -> list[dict]:
    """A JSON array of records, or JSON lines."""
    text = Path(path).read_text(encoding="utf-8").strip()
    if text.startswith("["):
        return json.loads(text)
    return [json.loads(line) for line in text.splitlines() if line.strip()]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m dateline.evaluation", description=__doc__.splitlines()[0])
    parser.add_argument("gold_dir")
    parser.add_argument("predictions", help="JSON array or JSON lines of dateline records")
    parser.add_argument("--verbose", "-v", action="store_true", help="list every miss")
    parser.add_argument("--min-score", type=float, default=None, help="exit 1 when the overall score is lower")
    args = parser.parse_args(argv)
    try:
        scores = score(args.gold_dir, load_records(args.predictions))
    except FileNotFoundError as err:
        print(err, file=sys.stderr)
        return 2
    print(scores.table(verbose=args.verbose))
    if args.min_score is not None and scores.overall < args.min_score:
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
