"""The events stage through the whole pipeline, on invented wire copy: event type and mode,
date, figures on the right event, actor, place, and spans that slice the text.

Articles are published on Thursday 2024-03-14 unless a test says otherwise, so "Monday" is
2024-03-11, "Tuesday" 2024-03-12 and "Wednesday" 2024-03-13.
"""

import pytest

from dateline.pipeline import make_doc, process
from dateline.record import Article, Dateline
from dateline.stages import segment

PUBLISHED = "2024-03-14T10:00:00"


def run(text, published=PUBLISHED, dateline=None, headline="Test story"):
    record = process(Article(text=text, headline=headline, published=published, dateline=dateline))
    check_spans(record)
    return record


def check_spans(record):
    """Every event's evidence is whole sentences of the text, its trigger span slices its
    trigger, and each of its figures lies inside its evidence."""
    text = record.article.text
    doc = make_doc(record.article)
    segment.apply(doc)
    sentences = {(s.start, s.end) for s in doc.sentences}
    for ev in record.events:
        assert ev.evidence, ev.id
        for span in ev.evidence:
            assert tuple(span) in sentences, (ev.id, span, text[span[0]:span[1]])
        a, b = ev.trigger.span
        assert text[a:b] == ev.trigger.text
        assert any(e[0] <= a and b <= e[1] for e in ev.evidence), ev.id
        for c in ev.counts:
            assert c.span is not None and any(e[0] <= c.span[0] and c.span[1] <= e[1] for e in ev.evidence), c


def of_type(record, type_, mode=None):
    return [e for e in record.events if e.type == type_ and (mode is None or e.mode == mode)]


def one(record, type_, mode=None):
    found = of_type(record, type_, mode)
    assert len(found) == 1, [(e.type, e.mode, e.trigger.text) for e in record.events]
    return found[0]


def figures(event):
    return {c.kind: (c.min, c.max, c.qualifier) for c in event.counts}


def day(event):
    return (event.date.start, event.date.precision, event.date.basis)


# ---------------------------------------------------------------- a current attack: date, figures, actor
def test_attack_on_monday_is_dated_with_its_figures_and_subject_actor():
    rec = run("Militants attacked an army post near the town of Mopti on Monday, killing seven soldiers and "
              "wounding 11, the defence ministry said. The attackers fled on motorbikes towards the border.")
    ev = one(rec, "ASSAULT")
    assert day(ev) == ("2024-03-11", "day", "relative")
    assert ev.timing == "current"
    assert figures(ev) == {"killed": (7, 7, "exact"), "injured": (11, 11, "exact")}
    assert ev.actor.text == "Militants"
    assert (ev.location.name, ev.location.country) == ("Mopti", "MLI")


def test_the_verb_that_carries_the_figure_names_the_actor():
    rec = run("Kidnappings on the highway became common after bandits seized 40 travellers from two buses "
              "near Gusau in 2019, residents recalled.")
    ev = one(rec, "ASSAULT")
    assert figures(ev) == {"abducted": (40, 40, "exact")}
    assert ev.actor.text == "bandits"


def test_a_toll_noun_has_no_subject_to_lend():
    rec = run("Artillery shelling hit a market in the town on Monday. A Paris-based monitor put the toll at nine.")
    assert all(e.actor is None or "Paris" not in e.actor.text for e in rec.events)


def test_killings_on_two_consecutive_days_are_two_events():
    rec = run("Youths burned a police post in the town of Kolda on Wednesday, a day after a police officer shot "
              "dead a bus driver at a checkpoint. A student was killed in clashes with police on Wednesday, "
              "hospital staff said.")
    days = sorted(e.date.start for e in of_type(rec, "ASSAULT"))
    assert days == ["2024-03-12", "2024-03-13"], [(e.trigger.text, e.date.start) for e in rec.events]


def test_the_target_striking_back_is_an_event_of_its_own():
    rec = run("Insurgents fired mortar rounds at an army base outside Baidoa on Monday, killing two soldiers. "
              "Soldiers returned fire, the army said.")
    attacks = of_type(rec, "ASSAULT")
    assert [(e.trigger.text, e.actor and e.actor.text) for e in attacks] == [
        ("fired mortar", "Insurgents"), ("returned fire", "Soldiers")]
    assert figures(attacks[0]) == {"killed": (2, 2, "exact")}


def test_the_antecedent_of_who_is_the_actor():
    rec = run("Supporters threw bottles at riot police, who responded with tear gas outside the stadium in "
              "Oran on Saturday.")
    gas = one(rec, "ASSAULT", "crowd-control")
    assert gas.actor.text == "riot police"


def test_a_country_wide_tally_does_not_lend_its_figures_to_the_attack():
    rec = run("Gunmen attacked the Carrefour-Feuilles district of Port-au-Prince on Monday, killing nine people. "
              "Hundreds of residents fled their homes. More than 500,000 people have been displaced by gang "
              "violence across Haiti, the United Nations says.")
    attack = next(e for e in of_type(rec, "ASSAULT") if e.trigger.text == "attacked")
    assert figures(attack)["killed"] == (9, 9, "exact")
    assert all(c.min != 500000 for c in attack.counts)


def test_undated_violence_in_an_anniversary_article_is_the_past_it_remembers():
    rec = run("Hundreds of families gathered at the memorial in Kibeho on Monday to mark 29 years since the "
              "massacre at the camp. \"This year I bury my father, or what is left of him,\" said Jeanne Uwase, "
              "whose two brothers were also killed.")
    assert all(e.timing == "historical" for e in of_type(rec, "ASSAULT")), \
        [(e.trigger.text, e.timing) for e in rec.events]


def test_an_arrest_reported_by_a_police_officer_was_made_by_the_police():
    rec = run("Protesters burned tyres in Mombasa on Monday. Coast regional police commander Ali Nuno said "
              "24 people had been arrested for looting.")
    arrest = one(rec, "COERCE", "arrest")
    assert "police" in arrest.actor.text
    rec = run("Gunmen stormed a bank in Mombasa on Monday. Members of one gang detained a guard, two security "
              "sources said.")
    assert all(e.actor is None or "sources" not in e.actor.text for e in rec.events)


def test_killed_in_a_disaster_is_not_an_assault():
    rec = run("In February 2022, more than 230 people were killed in the town in its deadliest disaster on record.")
    assert not of_type(rec, "ASSAULT")
    assert [(e.mode, figures(e)["killed"][0]) for e in rec.events] == [("disaster", 230)]
    rec = run("The collapse of the factory killed 212 workers on Monday, making it the deadliest disaster in "
              "the industry's history.")
    assert [e.mode for e in rec.events] == ["accident"]


def test_since_january_is_where_a_campaign_began_not_the_day_of_the_strike():
    rec = run("Dock workers walked off the job on Tuesday in a nationwide strike over pensions, as unions "
              "staged their fifth day of protests since January.")
    strike = one(rec, "PROTEST")
    assert day(strike) == ("2024-03-12", "day", "relative")
    assert strike.timing == "current"


def test_the_crime_a_court_sentences_keeps_its_own_date():
    rec = run("A court in Bamako on Wednesday sentenced a former soldier to life in prison for shooting dead two "
              "traders during protests in the capital in June 2020, his lawyer said.")
    shooting = one(rec, "ASSAULT")
    assert (shooting.date.start, shooting.date.precision) == ("2020-06-01", "month")
    assert shooting.timing == "historical"
    rec = run("Students blamed the police for the violence on Monday and said they would march again next week.")
    assert all(e.timing != "future" for e in of_type(rec, "ASSAULT"))


def test_a_war_tally_is_not_an_event_on_the_day_of_the_news():
    rec = run("A drone strike on a market in El Fasher killed 12 people on Monday, medics said. The war between "
              "the army and the paramilitaries has killed more than 15,000 people and displaced eight million.")
    strike = next(e for e in of_type(rec, "ASSAULT") if 12 in [c.min for c in e.counts])
    assert figures(strike) == {"killed": (12, 12, "exact")}
    tallies = [e for e in rec.events if any(c.min == 15000 for c in e.counts)]
    assert all(e.timing == "historical" and e.date.precision == "unknown" for e in tallies)


def test_an_hour_alone_does_not_date_an_event_to_the_publication_day():
    rec = run("Two men shot dead a shopkeeper in Jos on Monday evening, police said on Wednesday. "
              "The victim was shot three times outside his shop around 8pm, police said.")
    shootings = of_type(rec, "ASSAULT")
    assert [day(e)[0] for e in shootings] == ["2024-03-11"], [(e.trigger.text, day(e)) for e in shootings]


def test_last_week_s_protests_are_not_this_week_s_protest():
    rec = run("Thousands of protesters stormed the regional assembly in Gulu on Wednesday as lawmakers voted on "
              "a land bill. Last week, police arrested 60 people during smaller protests against the bill.")
    protests = sorted((e.date.start, e.date.end) for e in of_type(rec, "PROTEST"))
    assert protests == [("2024-03-04", "2024-03-10"), ("2024-03-13", "2024-03-13")], protests


def test_a_precise_figure_in_a_later_sentence_replaces_a_vague_one():
    rec = run("Police fired tear gas at opposition marchers in Sylhet on Sunday, injuring dozens of people. "
              "The opposition said more than 50 of its supporters had been injured.")
    clash = one(rec, "ASSAULT")
    assert figures(clash)["injured"] == (50, None, "at_least")


def test_a_village_west_of_a_town_and_the_region_are_one_airstrike():
    rec = run("Military aircraft bombed a village in the central Magway region overnight into Wednesday, killing "
              "at least 11 people. Two jets dropped bombs on the village, about 20 km west of the town of "
              "Pakokku, shortly after midnight, hitting a school where families displaced by earlier fighting "
              "had been sheltering, residents said on Thursday.")
    strikes = of_type(rec, "ASSAULT")
    assert len(strikes) == 1, [(e.trigger.text, e.location and e.location.name) for e in strikes]
    assert strikes[0].location.name == "Pakokku"
    assert day(strikes[0])[0] == "2024-03-13"


def test_in_march_is_a_month_and_two_weeks_later_dates_the_release():
    rec = run("In March, gunmen kidnapped more than 130 pupils from a school in Kuriga, in Kaduna state; "
              "they were released two weeks later.")
    assert not of_type(rec, "PROTEST")
    kidnap = one(rec, "ASSAULT", "abduct")
    assert (kidnap.date.start, kidnap.date.precision) == ("2024-03-01", "month")
    assert kidnap.timing == "current"


def test_ten_years_ago_on_sunday_is_that_sunday_ten_years_back():
    rec = run("Ten years ago on Tuesday, gunmen stormed a boarding school in the town of Buni Yadi and killed "
              "59 pupils, survivors recalled.")
    attack = one(rec, "ASSAULT")
    assert day(attack) == ("2014-03-12", "day", "relative")
    assert attack.timing == "historical"


def test_an_undated_strike_told_with_a_past_shooting_happened_then_too():
    rec = run("Hundreds gathered at the mine on Tuesday to remember 34 workers shot dead by police on 16 August "
              "2012. Police opened fire with rifles on workers who had gathered on a hill during a wildcat strike "
              "for higher wages.")
    strike = one(rec, "PROTEST")
    assert strike.timing == "historical"
    assert strike.date.start.startswith("2012-08")


def test_a_relative_clause_keeps_its_time_and_an_election_rally_is_no_protest():
    rec = run("At least 14 people were killed when a suicide bomber blew himself up at an election rally in the "
              "town of Bajaur on Monday. The Pakistani Taliban, who ended a ceasefire with the government in "
              "November 2022, denied involvement.")
    assert not of_type(rec, "PROTEST")
    attack = one(rec, "ASSAULT")
    assert attack.actor.text == "suicide bomber"
    denial = one(rec, "REJECT")
    assert denial.timing == "current" and denial.date.start == "2024-03-14"


def test_no_injuries_at_a_protest_stay_with_the_protest():
    rec = run("On 11 March, unidentified gunmen abducted three aid workers near Kantchari. On 13 March, residents "
              "of Ouahigouya protested against insecurity; no injuries were reported.")
    assert figures(one(rec, "ASSAULT")) == {"abducted": (3, 3, "exact")}
    assert figures(one(rec, "PROTEST")) == {"injured": (0, 0, "exact")}


def test_a_later_toll_replaces_the_first_figure_and_victims_are_no_actors():
    rec = run("Two soldiers were killed and 26 wounded when a truck bomb blew up at a base near Saravena on "
              "Tuesday, the army said. Four more soldiers died of their wounds in hospital, bringing the death "
              "toll to six, the defence ministry said.")
    attack = one(rec, "ASSAULT")
    assert figures(attack)["killed"] == (6, 6, "exact")
    assert attack.actor is None or "soldiers" not in attack.actor.text


def test_a_reprisal_and_the_attack_it_answers_keep_their_own_tolls():
    rec = run("The army said on Wednesday it had killed about 30 militants near the town of Boulkessi, two days "
              "after an attack on a military camp there killed 12 soldiers.")
    tolls = sorted(figures(e)["killed"][0] for e in of_type(rec, "ASSAULT"))
    assert tolls == [12, 30]


def test_troops_burning_houses_is_violence_not_a_protest():
    rec = run("Army troops set fire to more than 200 houses in a village in the Magway region on Monday, forcing "
              "about 3,000 residents to flee, a resistance group said.")
    assert not of_type(rec, "PROTEST")
    burning = one(rec, "ASSAULT")
    assert figures(burning)["displaced"][0] == 3000
    rec = run("Hundreds of protesters set fire to tyres outside the ministry in Nairobi on Monday.")
    assert one(rec, "PROTEST") and not of_type(rec, "ASSAULT")


def test_until_2028_dates_no_event():
    rec = run("The ruling party announced on Monday that it would not open accession talks with the EU until "
              "2028, triggering protests in the capital.")
    assert all(not (e.date.start or "").startswith("2028") for e in rec.events), \
        [(e.trigger.text, e.date.start) for e in rec.events]


def test_the_worst_flooding_since_a_named_storm_is_not_that_storm_s_year():
    rec = run("Floods killed nine people in the town of Naga on Wednesday. The mayor said floodwaters reached the "
              "second floor of some houses, the worst flooding since Typhoon Vamco in 2020.")
    assert [e.timing for e in rec.events] == ["current"], [(e.trigger.text, e.timing) for e in rec.events]


def test_passive_killed_by_militants_late_tuesday():
    rec = run("Five police officers were killed by militants in an ambush near Diffa late Tuesday, officials said. "
              "Reinforcements were sent to the area.")
    ev = one(rec, "ASSAULT")
    assert ev.actor.text == "militants"
    assert day(ev) == ("2024-03-12", "day", "relative")
    assert ev.timing == "current"
    assert figures(ev)["killed"] == (5, 5, "exact")
    assert ev.location.country == "NER"


def test_the_day_of_the_killing_not_the_day_police_spoke():
    rec = run("Gunmen killed 12 villagers and wounded nine others in a raid on a village in Plateau state late on "
              "Tuesday, police said on Wednesday.")
    ev = one(rec, "ASSAULT")
    assert ev.actor.text == "Gunmen"
    assert day(ev) == ("2024-03-12", "day", "relative")
    assert figures(ev) == {"killed": (12, 12, "exact"), "injured": (9, 9, "exact")}


def test_killed_on_thursday_police_said_is_thursday_not_publication():
    rec = run("A car bomb killed 15 people at a crowded market in Baidoa on Thursday, police said.",
              published="2024-03-15T09:00:00")
    ev = one(rec, "ASSAULT")
    assert ev.mode == "explosives"
    assert day(ev) == ("2024-03-14", "day", "relative")
    assert figures(ev) == {"killed": (15, 15, "exact")}


def test_figure_in_a_later_sentence_joins_the_attack_and_its_evidence():
    text = ("Gunmen opened fire on a bus near Kousseri on Monday, killing four passengers, the regional governor "
            "said. Another 13 people were wounded and taken to hospital in Maroua.")
    rec = run(text)
    ev = one(rec, "ASSAULT")
    assert figures(ev) == {"killed": (4, 4, "exact"), "injured": (13, 13, "exact")}
    second = text.index("Another")
    assert any(a <= second < b for a, b in ev.evidence)


# ---------------------------------------------------------------- disasters and accidents
@pytest.mark.parametrize("text, mode, killed", [
    ("Flash floods killed 12 people and displaced more than 3,000 in Nsanje district on Tuesday after the Shire "
     "River burst its banks, the Malawi Red Cross said.", "disaster", (12, 12, "exact")),
    ("A landslide triggered by heavy rain buried a village in Enga province on Monday, killing at least 20 "
     "people, officials said. Dozens of homes were destroyed.", "disaster", (20, None, "at_least")),
    ("A bus plunged into a ravine on the Kabale highway on Monday, killing 17 passengers, police said.",
     "accident", (17, 17, "exact")),
    ("A fire swept through a garment factory in Dhaka on Wednesday, killing 46 workers and injuring 30, "
     "fire officials said.", "accident", (46, 46, "exact")),
    ("A methane explosion at a coal mine in Zonguldak province killed nine miners on Tuesday, the energy "
     "ministry said.", "accident", (9, 9, "exact")),
])
def test_disasters_and_accidents_are_not_assaults(text, mode, killed):
    rec = run(text)
    assert not of_type(rec, "ASSAULT")
    ev = one(rec, None)
    assert ev.mode == mode
    assert ev.timing == "current"
    assert figures(ev)["killed"] == killed


def test_flood_and_attack_in_one_article_keep_their_own_figures():
    rec = run("Floods killed 12 people in Hiran region on Monday, aid agencies said. Separately, militants "
              "attacked a police post in Beledweyne on Tuesday, killing two officers.")
    flood = one(rec, None)
    attack = one(rec, "ASSAULT")
    assert flood.mode == "disaster" and figures(flood) == {"killed": (12, 12, "exact")}
    assert figures(attack) == {"killed": (2, 2, "exact")}
    assert attack.actor.text == "militants"
    assert (flood.date.start, attack.date.start) == ("2024-03-11", "2024-03-12")


# ---------------------------------------------------------------- figures on the right event
def test_toll_update_keeps_only_the_new_figure():
    rec = run("A suicide bomber blew himself up at a checkpoint in Kandahar on Monday. The death toll rose to 35 "
              "from 20, a provincial spokesman said on Tuesday.")
    ev = one(rec, "ASSAULT")
    assert ev.mode == "suicide-attack"
    assert [(c.kind, c.min, c.max) for c in ev.counts] == [("killed", 35, 35)]
    assert day(ev) == ("2024-03-11", "day", "relative")


def test_toll_rising_on_a_later_day_does_not_redate_the_attack():
    rec = run("Gunmen stormed a hotel in the port city of Kismayo on Monday night. The number of dead rose to 35 "
              "from 20 on Wednesday, a government spokesman said.")
    ev = one(rec, "ASSAULT")
    assert [(c.kind, c.min) for c in ev.counts] == [("killed", 35)]
    assert ev.date.start == "2024-03-11"


def test_toll_sentence_naming_the_attack_day():
    rec = run("The death toll from Monday's suicide bombing at a checkpoint in Kandahar rose to 35 from 20, "
              "a provincial spokesman said on Tuesday.")
    ev = one(rec, "ASSAULT")
    assert [(c.kind, c.min) for c in ev.counts] == [("killed", 35)]
    assert day(ev) == ("2024-03-11", "day", "relative")


def test_no_one_injured_is_a_zero_on_the_blast():
    rec = run("A roadside bomb went off near a police patrol in Quetta on Monday. No one was injured, police said.")
    ev = one(rec, "ASSAULT")
    assert ev.mode == "explosives"
    assert ev.timing == "current"
    assert figures(ev) == {"injured": (0, 0, "exact")}


def test_a_bomb_exploded_is_an_event():
    rec = run("A bomb exploded outside a bank in Quetta on Monday night, damaging several shops. "
              "No one was injured, police said.")
    ev = one(rec, "ASSAULT")
    assert ev.mode == "explosives"
    assert figures(ev) == {"injured": (0, 0, "exact")}


def test_second_drone_strike_is_a_separate_event():
    rec = run("A drone strike hit a car near Kidal on Sunday, killing three men, local officials said. "
              "A second drone strike on Monday destroyed a house in the village of Aguelhok, killing two "
              "more people.")
    strikes = of_type(rec, "ASSAULT", "drone")
    assert len(strikes) == 2
    first, second = strikes
    assert (first.date.start, second.date.start) == ("2024-03-10", "2024-03-11")
    assert figures(first)["killed"][0] == 3 and figures(second)["killed"][0] == 2
    assert (first.location.name, second.location.name) == ("Kidal", "Aguelhok")


# ---------------------------------------------------------------- coercion and protest
def test_police_raid_with_arrests_is_an_arrest_not_an_assault():
    rec = run("Police raided a house in Kano on Tuesday and arrested 14 suspects, a police spokesman said.")
    assert not [e for e in of_type(rec, "ASSAULT") if e.timing == "current"]
    arrests = of_type(rec, "COERCE", "arrest")
    assert arrests and all(e.actor.text == "Police" for e in arrests)
    assert [figures(e) for e in arrests if e.counts] == [{"detained": (14, 14, "exact")}]
    assert {e.location.name for e in arrests} == {"Kano"}


def test_protest_with_arrests_is_a_protest_and_an_arrest():
    rec = run("Thousands of protesters marched through central Dakar on Tuesday against a proposed fuel tax. "
              "Police detained 40 people near the National Assembly, a rights group said.")
    protest = one(rec, "PROTEST")
    assert protest.mode == "demo"
    assert protest.actor.text == "protesters"
    assert day(protest) == ("2024-03-12", "day", "relative")
    assert (protest.location.name, protest.location.country) == ("Dakar", "SEN")
    arrest = one(rec, "COERCE")
    assert arrest.mode == "arrest"
    assert arrest.actor.text == "Police"
    assert figures(arrest) == {"detained": (40, 40, "exact")}
    assert not protest.counts


def test_rally_keeps_its_day_before_a_purpose_clause():
    rec = run("Protesters rallied outside parliament in Dakar on Tuesday to denounce a proposed fuel tax.")
    protest = one(rec, "PROTEST")
    assert day(protest) == ("2024-03-12", "day", "relative")


def test_detained_demonstrators_are_the_recipient_not_the_source():
    rec = run("Police detained 40 demonstrators, the Accra Human Rights Forum said on Wednesday.")
    arrest = one(rec, "COERCE")
    assert arrest.recipient.text.endswith("demonstrators")


def test_shooting_of_protesters_keeps_its_day():
    rec = run("Security forces shot dead three protesters in the city of Kassala on Saturday, a doctors' "
              "committee said on Sunday.", published="2024-03-11T08:00:00")
    ev = one(rec, "ASSAULT")
    assert figures(ev) == {"killed": (3, 3, "exact")}
    assert day(ev) == ("2024-03-09", "day", "relative")


# ---------------------------------------------------------------- statements
def test_condemned_is_accuse_and_called_on_is_request():
    rec = run("The African Union condemned the attack on a camp for displaced people in North Darfur, which "
              "killed 22 civilians on Sunday. The United Nations called on the warring parties to allow aid "
              "convoys through.")
    accuse = one(rec, "ACCUSE")
    assert accuse.actor.text == "African Union"
    assert accuse.timing == "current"
    request = one(rec, "REQUEST")
    assert request.actor.text == "United Nations"
    attack = one(rec, "ASSAULT")
    assert figures(attack) == {"killed": (22, 22, "exact")}
    assert not accuse.counts and not request.counts


def test_condemner_is_not_the_attacker():
    rec = run("The African Union condemned the attack on a camp for displaced people in North Darfur, which "
              "killed 22 civilians on Sunday.")
    attack = one(rec, "ASSAULT")
    assert attack.actor is None or "African Union" not in attack.actor.text


def test_statement_is_not_located_at_the_place_it_is_about():
    rec = run("The African Union condemned the attack on a camp for displaced people in North Darfur, which "
              "killed 22 civilians on Sunday.")
    accuse = one(rec, "ACCUSE")
    assert accuse.location is None or accuse.location.name != "North Darfur"


# ---------------------------------------------------------------- where it happened, not where it was filed
def test_location_is_the_event_place_not_the_dateline_city():
    rec = run("Gunmen killed nine worshippers at a church in the town of Butembo in North Kivu province on "
              "Sunday, local officials said.", dateline=Dateline("KINSHASA, March 14 (Reuters)", "Kinshasa"))
    ev = one(rec, "ASSAULT")
    assert (ev.location.name, ev.location.country) == ("Butembo", "COD")


def test_location_in_another_country_than_the_dateline():
    rec = run("Gunmen killed nine worshippers at a church in the town of Beni on Sunday, local officials said.",
              dateline=Dateline("KAMPALA, March 14 (Reuters)", "Kampala"))
    ev = one(rec, "ASSAULT")
    assert ev.location.name == "Beni"
    assert ev.location.country != "UGA"


def test_spans_of_a_longer_article():
    text = ("Armed men abducted 23 students from a boarding school in the town of Kankara on Monday night, "
            "the state governor said on Tuesday.\n\n"
            "Police said the kidnappers had stormed the school shortly after midnight. Two guards were shot dead "
            "at the gate.\n\n"
            "The Nigerian government condemned the abduction and urged the kidnappers to release the children.")
    rec = run(text)
    abduction = one(rec, "ASSAULT", "abduct")
    assert figures(abduction) == {"abducted": (23, 23, "exact"), "killed": (2, 2, "exact")}
    assert abduction.date.start == "2024-03-11"
    assert one(rec, "ACCUSE").actor.text == "Nigerian government"
    assert one(rec, "REQUEST").actor.text == "Nigerian government"


# ---------------------------------------------------------------- verbs coordinated after "accused"
def test_a_verb_coordinated_after_accused_shares_its_subject():
    record = run("Witnesses said about 40 fighters of the Eastern Liberation Front (ELF) entered the "
                 "village on Monday, accused the elders of hiding soldiers, and shot six men near the well.")
    shooting = one(record, "ASSAULT")
    assert shooting.actor is not None and "Eastern Liberation Front (ELF)" in shooting.actor.text


def test_a_shooting_told_in_a_verdict_is_the_past_crime_not_news():
    record = run(
        "A court in Medellin on Wednesday convicted a former militia leader over the killing of nine "
        "miners in 1998.\n\n"
        "According to the verdict, the gunmen accused the miners of helping the rebels and shot them "
        "in their bunks.")
    killing = one(record, "ASSAULT")
    assert killing.date.start == "1998-01-01" and killing.actor.text != "miners"
    assert figures(killing) == {"killed": (9, 9, "exact")}


# ---------------------------------------------------------------- which clause a date or a place belongs to
def test_a_date_before_and_a_verb_closes_the_clause_before_it():
    # published Thursday 2024-03-14: "last week" is 4-10 March, Tuesday the 12th
    record = run("A press freedom group on Tuesday condemned the arrest of two reporters in Dakar last week "
                 "and demanded their release.")
    arrest = one(record, "COERCE")
    assert (arrest.date.start, arrest.date.end) == ("2024-03-04", "2024-03-10")
    assert one(record, "REQUEST").date.start == "2024-03-12"


def test_a_year_that_modifies_another_noun_dates_no_event():
    record = run("Lawyers on Tuesday demanded the repeal of a 2019 law on cybercrime.")
    assert one(record, "REQUEST").date.start == "2024-03-12"
    record = run("Survivors gathered in Kigali to remember the 1994 genocide, in which about 800,000 people "
                 "were killed.")
    assert one(record, "ASSAULT").date.start == "1994-01-01"


def test_a_place_in_a_clause_with_a_subject_of_its_own_is_that_clauses():
    record = run("Police detained two radio presenters in Dakar on Monday.\n\n"
                 "They were detained after they discussed the treatment of fishermen in the port city of "
                 "Saint-Louis on air, their station said.")
    arrest = one(record, "COERCE")
    assert arrest.location.name == "Dakar"
    assert arrest.date.start == "2024-03-11"


def test_the_narrower_of_two_dates_dates_the_event():
    # published Monday 18 March: "last week" is 11-17 March, "Wednesday" the 13th
    record = run("Soldiers arrested a rebel commander in Goma last week, the army said.\n\n"
                 "He was arrested at a checkpoint in the city on Wednesday, a military spokesman said.",
                 published="2024-03-18T09:00:00")
    arrest = one(record, "COERCE")
    assert (arrest.date.start, arrest.date.end) == ("2024-03-13", "2024-03-13")
    assert arrest.location.name == "Goma"


def test_a_denied_shooting_does_not_adopt_the_figures_of_the_next_paragraph():
    record = run("Border units did not open fire on civilian objects, the ministry said.\n\n"
                 "In September 2022, the armed aggression of the neighbouring state claimed the lives of 63 "
                 "citizens and forced more than 136,000 people to leave their homes.")
    negated = [e for e in record.events if e.timing == "negated"]
    assert negated and all(not e.counts for e in negated)
    war = [e for e in of_type(record, "ASSAULT") if e.timing == "historical"]
    assert len(war) == 1 and figures(war[0]) == {"killed": (63, 63, "exact"), "displaced": (136000, None, "at_least")}
    assert war[0].date.start == "2022-09-01"


def test_a_date_set_beside_an_opening_time_dates_the_whole_sentence():
    record = run("Clashes in the old town killed 31 people in May 2013.\n\n"
                 "Ten years later, in August 2023, hundreds of people gathered outside the mosque for the "
                 "anniversary, and relatives of the dead again demanded that those responsible be brought to "
                 "justice.",
                 published="2024-03-14T10:00:00")
    demand = one(record, "REQUEST")
    assert (demand.date.start, demand.date.precision) == ("2023-08-01", "month")


def test_a_street_in_a_local_story_is_in_the_dateline_town():
    record = run("A 34-year-old man was arrested late Tuesday after police said he stabbed another man outside "
                 "a store in the 3600 block of Mount Vernon Avenue.",
                 dateline=Dateline(text="ALEXANDRIA, Va. (Potomac Desk)", place="Alexandria"))
    stabbing = one(record, "ASSAULT")
    assert (stabbing.location.name, stabbing.location.country) == ("Alexandria", "USA")


def test_a_protest_against_the_killing_is_no_second_killing():
    record = run("On Monday, gunmen shot dead a party leader outside his home in Sukkur. On Tuesday, several "
                 "hundred party workers blocked the motorway to protest against the killing.")
    killings = of_type(record, "ASSAULT")
    assert len(killings) == 1 and killings[0].date.start == "2024-03-11"
    assert one(record, "PROTEST").date.start == "2024-03-12"


def test_a_raid_that_beheads_and_burns_houses_is_an_attack_not_a_fire():
    record = run("On the night of 10 to 11 March, suspected militants raided the village of Mbau, beheading "
                 "two men and setting fire to around 20 houses.")
    raid = one(record, "ASSAULT")
    assert figures(raid)["killed"][:2] == (2, 2)
    assert not [e for e in record.events if e.mode in ("accident", "disaster")]


def test_in_an_anniversary_story_the_news_told_after_its_day_is_current():
    # published Thursday 2024-03-14; the anniversary falls on Sunday 17 March
    record = run("The explosion on Tuesday morning was heard in the next village. A bomb buried in the road tore "
                 "through a police truck, killing three officers.\n\n"
                 "The attack came four days before the 10th anniversary of the massacre in the town, when "
                 "gunmen killed 48 people on 17 March 2014.")
    news = [e for e in of_type(record, "ASSAULT") if figures(e).get("killed", (0,))[0] == 3]
    assert len(news) == 1 and news[0].timing == "current" and news[0].date.start == "2024-03-12"
    past = [e for e in of_type(record, "ASSAULT") if figures(e).get("killed", (0,))[0] == 48]
    assert len(past) == 1 and past[0].timing == "historical" and past[0].date.start == "2014-03-17"


def test_years_ago_in_a_background_paragraph_frames_no_anniversary():
    # published Thursday 2024-03-14
    record = run("The death toll from a methane explosion at a coal mine rose to 14 from 9 on Wednesday, the "
                 "emergencies ministry said.\n\n"
                 "The blast tore through a gallery of the mine early on Sunday.\n\n"
                 "Police detained the mine's director on Monday.\n\n"
                 "The region has a long record of accidents. In October 2023, a fire at another mine killed 46 "
                 "miners. Three years ago, in November 2021, six miners died in a methane blast.")
    toll = [e for e in record.events if figures(e).get("killed", (0,))[0] == 14]
    assert len(toll) == 1 and toll[0].timing == "current" and toll[0].date.start == "2024-03-10"
    fire = [e for e in record.events if figures(e).get("killed", (0,))[0] == 46]
    assert len(fire) == 1 and fire[0].date.start == "2023-10-01"


def test_a_condemned_detention_keeps_its_own_day_not_the_condemnations():
    record = run("Border guards detained a farmer near the village of Ergneti on Monday evening.\n\n"
                 "The foreign ministry condemned the detention on Wednesday and demanded his release.")
    detention = one(record, "COERCE")
    assert detention.date.start == "2024-03-11"
    assert one(record, "ACCUSE").date.start == "2024-03-13"


def test_so_far_this_year_dates_no_single_arrest():
    record = run("He is the 17th villager detained along the boundary line so far this year, officials said.")
    assert one(record, "COERCE").date.precision != "year"


def test_a_day_after_dates_the_shooting_before_the_riot():
    record = run("Youths set fire to a police post in the city on Wednesday, a day after a police officer shot "
                 "dead a taxi driver at a checkpoint.\n\n"
                 "A student was killed during Wednesday's clashes. At least 17 people were injured, the "
                 "hospital said.\n\n"
                 "\"They shot him because he did not stop,\" the driver's cousin said of Tuesday's shooting.")
    by_day = {e.date.start: e for e in of_type(record, "ASSAULT")}
    assert set(by_day) == {"2024-03-12", "2024-03-13"}
    assert figures(by_day["2024-03-12"]) == {"killed": (1, 1, "exact")}
    assert figures(by_day["2024-03-13"])["injured"][:2] == (17, None)


def test_a_protest_over_an_attack_told_in_full_keeps_the_attack():
    record = run('The ministry protested on Tuesday over the shelling of the border post "Dostuk" by units of '
                 'the neighbouring state\'s security service on the night of 11 to 12 March.')
    shelling = one(record, "ASSAULT")
    assert shelling.timing == "current" and shelling.date.start == "2024-03-11"


def test_stone_throwers_and_the_police_who_answer_them_are_two_events():
    record = run("Protesters threw stones at riot police outside the parliament on Monday. Police then fired "
                 "tear gas and rubber bullets into the crowd.\n\n"
                 "On Tuesday, fans hurled bricks at riot police, who responded with tear gas.")
    actors = sorted((e.date.start, e.mode, e.actor.text if e.actor else None) for e in of_type(record, "ASSAULT"))
    assert ("2024-03-11", "primitive", "Protesters") in actors
    assert ("2024-03-11", "crowd-control", "Police") in actors
    assert ("2024-03-12", "primitive", "fans") in actors
    assert ("2024-03-12", "crowd-control", "riot police") in actors


def test_officers_hurt_by_stone_throwers_are_their_toll_not_the_polices():
    record = run("Riot police detained 31 people in the port city late on Monday after protesters threw fireworks "
                 "and stones at officers outside the governor's office.\n\n"
                 "Police used water cannon and pepper spray to clear the square shortly before midnight.\n\n"
                 "The ministry said nine police officers had been injured and blamed organised groups for the "
                 "violence.")
    stones = one(record, "ASSAULT", "primitive")
    assert stones.actor.text == "protesters" and figures(stones) == {"injured": (9, 9, "exact")}
    water = one(record, "ASSAULT", "crowd-control")
    assert water.actor.text == "Police" and not water.counts


def test_violence_in_the_week_before_the_shootings_is_another_event():
    record = run("Police opened fire on striking miners at the hill on 16 August 2012, killing 34.\n\n"
                 "In the week before the shootings, ten people, including two police officers, had been killed in "
                 "violence around the strike.")
    tolls = sorted(figures(e)["killed"][0] for e in of_type(record, "ASSAULT") if "killed" in figures(e))
    assert tolls == [10, 34]


def test_a_statement_in_the_present_is_made_today_not_on_the_day_it_condemns():
    record = run("The Ministry of Interior strongly condemns the attack on a police checkpoint on the night of "
                 "Monday to Tuesday, which resulted in the martyrdom of two officers.")
    assert one(record, "ACCUSE").date.start == "2024-03-14"
    attack = one(record, "ASSAULT")
    assert attack.date.start == "2024-03-11" and figures(attack) == {"killed": (2, 2, "exact")}


def test_a_charge_ends_where_the_shooting_it_answers_begins():
    record = run("A 20-year-old man has been charged with murder after a shooting at a crowded house party early "
                 "Sunday left one man dead and four other people wounded, police said.")
    shooting = one(record, "ASSAULT")
    assert shooting.date.start == "2024-03-10"
    assert figures(shooting) == {"killed": (1, 1, "exact"), "injured": (4, 4, "exact")}


def test_a_square_named_freedom_is_not_a_town_abroad():
    record = run("Protesters gathered in Tbilisi on Sunday.\n\nSoviet troops broke up an independence rally outside "
                 "parliament on Freedom Square on April 9, 1989, killing 21 people.", published="2024-04-09T10:00:00",
                 dateline=Dateline(text="TBILISI, Georgia", place="TBILISI"))
    crackdown = one(record, "ASSAULT")
    assert crackdown.location is None or crackdown.location.country == "GEO"


def test_it_said_after_the_police_said_names_the_police_as_arrester():
    record = run("The police said in a statement on Wednesday that officers had used only conventional means. "
                 "It said 30 people had been arrested for looting and arson.")
    arrest = one(record, "COERCE")
    assert arrest.actor is not None and arrest.actor.text == "police"
