"""The figures stage on invented wire copy: one test per pattern, plus what is not a figure."""

import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from dateline.doc import Doc, Sentence
from dateline.record import Article
from dateline.stages import figures
from dateline.stages.figures import find_figures


def figs(text):
    """(kind, min, max, qualifier, who, span text, anchor text, update_from) per figure."""
    out = []
    for f in find_figures(text):
        c = f.count
        out.append((c.kind, c.min, c.max, c.qualifier, c.who, text[c.span[0]:c.span[1]],
                    text[f.anchor[0]:f.anchor[1]], f.update_from))
    return out


def short(text):
    """(kind, min, max, qualifier) per figure."""
    return [f[:4] for f in figs(text)]


# ---------------------------------------------------------------- verb before its victims
def test_killing_and_injuring_in_one_clause():
    text = ("A minibus carrying market traders overturned on the Kasese road on Saturday, killing 14 people "
            "and injuring more than 30, police said.")
    assert figs(text) == [
        ("killed", 14, 14, "exact", None, "killing 14 people", "killing", None),
        ("injured", 30, None, "at_least", None, "injuring more than 30", "injuring", None),
    ]


def test_killing_named_victims_and_wounding_a_bare_number():
    text = "Gunmen raided the border post at dawn, killing seven customs officers and wounding four before escaping."
    assert figs(text) == [
        ("killed", 7, 7, "exact", "customs officers", "killing seven customs officers", "killing", None),
        ("injured", 4, 4, "exact", None, "wounding four", "wounding", None),
    ]


def test_killed_and_wounded_with_plain_numbers():
    text = "Street battles between rival brigades killed 61 people and wounded 212 last summer."
    assert short(text) == [("killed", 61, 61, "exact"), ("injured", 212, 212, "exact")]


def test_a_bomb_killed_at_least():
    text = "A bomb hidden in a parked van killed at least eleven people outside the tax office on Monday."
    assert short(text) == [("killed", 11, None, "at_least")]


def test_detained_nearly():
    text = "Officers detained nearly 300 people during overnight sweeps of the Pumwani estate."
    assert figs(text) == [("detained", 300, 300, "about", None, "detained nearly 300 people", "detained", None)]


def test_detained_between_a_range():
    text = "Riot police detained between 20 and 25 students after the rally, a university official said."
    assert short(text) == [("detained", 20, 25, "range")]


def test_abducted_villagers():
    text = "Armed men on motorbikes abducted 31 villagers from Gidan Dawa on Sunday night, residents said."
    assert figs(text) == [("abducted", 31, 31, "exact", "villagers", "abducted 31 villagers", "abducted", None)]


def test_displacing_about():
    text = "The offensive has also displaced about 6,200 people, according to the UN refugee agency."
    assert short(text) == [("displaced", 6200, 6200, "about")]


def test_forced_people_to_flee():
    text = "Renewed shelling forced some 9,500 residents to flee their homes in the past week."
    assert figs(text) == [("displaced", 9500, 9500, "about", "residents", "forced some 9,500 residents", "forced",
                           None)]


def test_the_bodies_of():
    text = "Volunteers recovered the bodies of 23 fishermen from the lake shore on Thursday."
    assert figs(text) == [("killed", 23, 23, "exact", "fishermen", "bodies of 23 fishermen", "bodies", None)]


def test_killed_a_dozen():
    text = "The same militia killed a dozen farmers in a raid on a nearby hamlet in March."
    assert short(text) == [("killed", 12, 12, "about")]


def test_killed_a_man():
    text = "A stray shell killed a shepherd near the village of Kani Dere on Friday."
    assert figs(text) == [("killed", 1, 1, "exact", "shepherd", "killed a shepherd", "killed", None)]


@pytest.mark.parametrize("hyphen", ["-", "\u2011", "\u2013"])
def test_an_aged_named_victim_is_one_killed_not_the_age(hyphen):
    text = (f"The officer was convicted of killing 24{hyphen}year{hyphen}old Abdelazim Abubakr "
            "during a raid in the Ard al-Lewa district.")
    assert short(text) == [("killed", 1, 1, "exact")]


def test_a_teenager_by_age_alone_is_one_victim():
    text = "A 16-year-old was shot dead by a stray bullet in the Cite Soleil slum on Sunday."
    assert figs(text)[0][:5] == ("killed", 1, 1, "exact", "16-year-old")


def test_a_person_by_name_is_one_victim_and_the_age_no_count():
    assert short("Omar Said, 29, was arrested outside his home on Monday.") == [("detained", 1, 1, "exact")]
    text = "Veteran Culiacán journalist Saúl Beltrán was shot dead outside his office in May 2017."
    assert figs(text)[0][:5] == ("killed", 1, 1, "exact", "Saúl Beltrán")
    text = "Soldiers arrested opposition activist Ana María de la Cruz and Luis Ortega at a roadblock."
    assert short(text) == [("detained", 2, 2, "exact")]
    assert short("The army killed Islamic State fighters near the border on Sunday.") == []
    assert short("Gunmen killed Ali Musa, a farmer, at his home on Monday.") == [("killed", 1, 1, "exact")]


def test_a_definite_singular_victim_after_the_verb():
    text = "Police said they had detained the factory's production manager and were looking for its owner."
    assert figs(text)[0][:6] == ("detained", 1, 1, "exact", "production manager",
                                 "detained the factory's production manager")


def test_a_speaker_after_the_victims_is_not_one_more():
    text = "Gunmen opened fire on a bus near Kousseri, killing four passengers, the regional governor said."
    assert short(text) == [("killed", 4, 4, "exact")]


def test_nationality_as_victims():
    text = "Air strikes killed 19 Somalis overnight, a district commissioner said."
    assert figs(text)[0][:5] == ("killed", 19, 19, "exact", "Somalis")


def test_headline_present_tense():
    assert short("Landslide kills nine in northern hill district") == [("killed", 9, 9, "exact")]


# ---------------------------------------------------------------- victims before the word
def test_passive_with_people():
    text = "Police said 312 people were injured and 95 were arrested during the clashes."
    assert figs(text) == [
        ("injured", 312, 312, "exact", None, "312 people were injured", "were injured", None),
        ("detained", 95, 95, "exact", None, "95 were arrested", "were arrested", None),
    ]


def test_number_and_verb_far_apart_in_one_clause():
    text = ("During the crackdown, 212 unarmed demonstrators, including students, nurses, and the elderly, "
            "in the capital and three provincial towns have been killed, the commission said.")
    [fig] = figs(text)
    assert fig[:5] == ("killed", 212, 212, "exact", "unarmed demonstrators")
    assert fig[5].startswith("212 unarmed demonstrators, including") and fig[5].endswith("have been killed")
    assert fig[6] == "have been killed"


def test_another_were_unlawfully_detained():
    text = "A further 93 people were wounded, and another 410 were unlawfully detained."
    assert figs(text)[1] == ("detained", 410, 410, "exact", None, "410 were unlawfully detained",
                             "were unlawfully detained", None)


def test_left_dead_and_injured():
    text = "A fight between rival gangs left 14 prisoners dead and at least 30 injured, the prison service said."
    assert figs(text) == [
        ("killed", 14, 14, "exact", "prisoners", "14 prisoners dead", "dead", None),
        ("injured", 30, None, "at_least", None, "at least 30 injured", "injured", None),
    ]


def test_the_attack_left_dead():
    assert short("The ambush on the convoy left 12 dead.") == [("killed", 12, 12, "exact")]


def test_some_were_killed_and_a_range_were_injured():
    text = ("Some 3,000 people were killed, most of them civilians, and between 4,000 and 6,500 were injured "
            "in the bombardment.")
    assert short(text) == [("killed", 3000, 3000, "about"), ("injured", 4000, 6500, "range")]


def test_killed_and_a_dozen_injured():
    text = "Eight people were killed and a dozen injured when the footbridge collapsed."
    assert figs(text) == [
        ("killed", 8, 8, "exact", None, "Eight people were killed", "were killed", None),
        ("injured", 12, 12, "about", None, "a dozen injured", "injured", None),
    ]


def test_up_to_still_missing_and_dozens_injured():
    text = "Dozens of people were injured and up to 40 are still missing, the disaster agency said."
    assert short(text) == [("injured", 24, None, "vague"), ("missing", None, 40, "up_to")]


def test_missing_after_a_parenthesis():
    text = "Divers are still looking for four people, among them two children, who have been missing since Sunday."
    [fig] = figs(text)
    assert fig[:4] == ("missing", 4, 4, "exact") and fig[6] == "have been missing"


def test_people_died():
    assert short("Twenty-three people died when the ferry capsized.") == [("killed", 23, 23, "exact")]


def test_relative_clause_in_which_were_killed():
    text = "He was convicted over the 2016 raid on a market in which 31 traders were killed."
    assert figs(text)[0][:5] == ("killed", 31, 31, "exact", "traders")


def test_headline_short_forms():
    text = "Five killed, two missing as storm hits coast"
    assert short(text) == [("killed", 5, 5, "exact"), ("missing", 2, 2, "exact")]


def test_a_man_was_arrested():
    assert figs("A man was arrested at the scene.")[0][:5] == ("detained", 1, 1, "exact", "man")


def test_a_singular_victim_with_an_apposition_before_the_verb():
    text = "A second man, a 19-year-old student, was killed during Tuesday's clashes in Boucotte."
    assert figs(text)[0][:5] == ("killed", 1, 1, "exact", "second man")


def test_taken_to_hospital_with_injuries_is_injured():
    text = "A second man, a 38-year-old mechanic, was taken to hospital with head injuries, police said."
    assert short(text) == [("injured", 1, 1, "exact")]
    assert short("Three bystanders were rushed to hospital with gunshot wounds.") == [("injured", 3, 3, "exact")]


def test_more_than_n_of_its_supporters_had_been_injured():
    text = "The opposition said more than 50 of its supporters had been injured, several with pellet wounds."
    assert figs(text)[0][:5] == ("injured", 50, None, "at_least", "supporters")


def test_a_specific_figure_wins_over_a_vague_one_in_the_same_sentence():
    text = ("Dozens of people were injured at the rally, and the opposition said more than 50 of its "
            "supporters had been injured.")
    assert short(text) == [("injured", 50, None, "at_least")]
    text = "Dozens of people were hurt on Sunday and police said 14 officers had been injured."
    assert short(text) == [("injured", 24, None, "vague"), ("injured", 14, 14, "exact")]  # a part, not the total


def test_prenominal_injured():
    assert figs("Ambulances carried 40 injured passengers to the city hospital.")[0][:5] == (
        "injured", 40, 40, "exact", "passengers")


def test_displaced_people_who_had_sought_shelter_are_not_a_figure():
    text = ("The shells struck a school in Kadugli where thousands of displaced people had sought shelter, "
            "and hundreds of families displaced by earlier fighting were living in tents nearby.")
    assert figs(text) == []
    text = "Thousands of people fled the fighting, and the school where displaced families had sought refuge was hit."
    assert short(text) == [("displaced", 2000, None, "vague")]


def test_injured_people_taken_to_hospital_keep_their_figure():
    text = "About 40 injured marchers were taken to hospital with burns, and police detained 12 people."
    assert short(text) == [("injured", 40, 40, "about"), ("detained", 12, 12, "exact")]


def test_left_homeless():
    assert short("The fire left 150 families homeless.") == [("displaced", 150, 150, "exact")]


def test_have_fled_their_homes():
    assert short("Tens of thousands of people have fled their homes since June.") == [
        ("displaced", 20000, None, "vague")]


def test_treated_for_wounds_counts_as_injured():
    text = ("Paramedics said they had treated at least 19 people, most of them for smoke inhalation "
            "and wounds from rubber bullets.")
    assert short(text) == [("injured", 19, None, "at_least")]


def test_agent_nouns_count_as_victims():
    text = "Ten years ago police shot dead 34 striking dockworkers at the harbour gates."
    assert figs(text)[0][:5] == ("killed", 34, 34, "exact", "striking dockworkers")


def test_partitive_of_its_supporters():
    text = "The party said more than 60 of its supporters had been injured, some with pellet wounds."
    assert figs(text)[0][:5] == ("injured", 60, None, "at_least", "supporters")


def test_dozens_more_are_missing():
    text = "At least 17 people drowned and dozens more are missing after the barge sank."
    assert short(text) == [("killed", 17, None, "at_least"), ("missing", 24, None, "vague")]


def test_may_have_been_killed_is_an_estimate():
    text = "Rights groups say as many as 9,000 civilians may have been killed in the final offensive."
    assert short(text) == [("killed", None, 9000, "up_to")]


def test_residents_fled_is_displacement_but_gunmen_fleeing_is_not():
    assert short("Thousands of residents fled towards the hills with what they could carry.") == [
        ("displaced", 2000, None, "vague")]
    assert short("The three gunmen fled on motorbikes.") == []


def test_held_and_seized_need_people():
    assert short("Police held 40 people overnight in the stadium.") == [("detained", 40, 40, "exact")]
    assert short("Customs officers seized 12 tractors at the border.") == []
    assert short("Three containers are missing from the port.") == []


# ---------------------------------------------------------------- sums, tolls, zeros
def test_sum_of_groups_before_the_verb():
    text = "Four soldiers and three civilians were killed when the convoy hit a mine."
    assert figs(text)[0][:5] == ("killed", 7, 7, "exact", "soldiers, civilians")


def test_sum_of_groups_after_the_verb():
    text = "Insurgents killed two police officers and a teacher in the raid."
    assert figs(text)[0][:5] == ("killed", 3, 3, "exact", "police officers, teacher")


def test_no_sum_across_a_second_verb():
    text = "The blast killed 9 people and 30 others were injured."
    assert short(text) == [("killed", 9, 9, "exact"), ("injured", 30, 30, "exact")]


def test_toll_update_keeps_the_superseded_value_out():
    text = "The death toll from the cyclone rose to 48 on Sunday from 31 a day earlier, officials said."
    assert figs(text) == [("killed", 48, 48, "exact", None, "death toll from the cyclone rose to 48",
                           "death toll", 31)]


def test_toll_climbs_headline():
    assert figs("Quake toll climbs to 212 as hopes fade")[0][:4] + (figs("Quake toll climbs to 212")[0][7],) == (
        "killed", 212, 212, "exact", None)


def test_toll_from_to():
    assert figs("The death toll rose from 12 to 19 overnight.")[0][1:4] + (
        figs("The death toll rose from 12 to 19 overnight.")[0][7],) == (19, 19, "exact", 12)


def test_death_toll_of():
    assert short("Fighting in the port city in 2021 left a death toll of 77.") == [("killed", 77, 77, "exact")]


def test_raising_the_toll():
    assert short("Rescuers found two more bodies, raising the death toll to 27.") == [("killed", 27, 27, "exact")]


def test_number_of_injured_rose():
    assert short("The number of injured rose to 80 by Tuesday.") == [("injured", 80, 80, "exact")]


def test_singular_and_partitive_groups_add_up():
    text = "A border guard and three of the smugglers were killed in the exchange of fire."
    assert figs(text)[0][:5] == ("killed", 4, 4, "exact", "border guard, smugglers")


def test_toll_is_now():
    assert short("The death toll is now 31, the ministry said.") == [("killed", 31, 31, "exact")]


def test_no_one_was_hurt():
    assert figs("No one was hurt, the fire brigade said.") == [
        ("injured", 0, 0, "exact", None, "No one was hurt", "was hurt", None)]


def test_nobody_killed_or_injured_gives_both():
    assert short("Nobody was killed or injured in the explosion.") == [
        ("killed", 0, 0, "exact"), ("injured", 0, 0, "exact")]


def test_no_casualties_gives_killed_and_injured_zero():
    assert short("No casualties were reported.") == [("killed", 0, 0, "exact"), ("injured", 0, 0, "exact")]


def test_figure_inside_a_quotation_still_counts():
    text = "\u201cThey shot dead 14 people at the market and took our sons,\u201d she said."
    assert short(text) == [("killed", 14, 14, "exact")]


# ---------------------------------------------------------------- not figures
@pytest.mark.parametrize(
    "text",
    [
        "\u201cI woke up when the bus was already rolling,\u201d said Felipe Mamani, 47, from his hospital bed.",
        "A 34-year-old nurse was among the protesters.",
        "The suspects, aged 19 and 23, were detained on Friday.",
        "Firefighters were called to the 4800 block of Harlan Avenue.",
        "The truck plunged some 300 metres into the gorge.",
        "The miners were trapped 600 metres underground.",
        "The kidnappers demanded 20 million naira ($13,000) for the captives.",
        "Turnout reached 64 percent, and 40% of voters backed the bill.",
        "The motion passed by 212 votes to 97.",
        "The ministry sent 400 soldiers to the district.",
        "More than 300 rescuers were searching the rubble.",
        "He was jailed for 25 years in 2019.",
        "The flood destroyed at least 40 houses and two bridges.",
        "The group has carried out scores of attacks in the province.",
        "Police used two helicopters and dozens of motorcycles.",
        "Hundreds of protesters had gathered outside parliament.",
        "Thousands of people gathered for the funeral on Thursday.",
        "It was the third deadly attack this year.",
        "The army denied killing 12 civilians.",
        "Soldiers did not kill anyone, the ministry said.",
        "The gang threatened to kill 23 hostages unless the ransom was paid.",
        "Officials warned that up to 5,000 people could be displaced.",
        "At least 30 people were killed or injured in the blast.",
        "Herders said 300 cattle were killed in the raid.",
        "Talks were held for three days in Geneva.",
        "Officials evacuated 3,000 tourists from the beach.",
        "The death toll could rise to 100, officials warned.",
        "Nobody tells us whether our sons are alive or dead.",
        "There were no immediate reports of casualties.",
        "The toll road is 35 km long.",
        "At least 30 people are feared dead.",
        "Police denied that 12 protesters were killed.",
        "Dozens could have been killed if the device had exploded.",
        "Police used water cannon against 3,000 marchers.",
        "The court sentenced 12 defendants to death.",
        "He has been held in custody since 2019.",
        "Police freed 30 hostages in the raid.",
        "Both were taken to the Heca emergency hospital.",
        "The opposition held the governor responsible for the violence.",
        "A woman was taken to hospital for tests after the crash.",
        "The driver was held responsible for the crash by the inquiry.",
        "A minister was held up in traffic on the way to the ceremony.",
        "The driver was missing his licence when police stopped the bus.",
    ],
)
def test_not_a_figure(text):
    assert figs(text) == []


# ---------------------------------------------------------------- the stage on a Doc
def _doc(text):
    doc = Doc(article=Article(text=text))
    for i, m in enumerate(re.finditer(r"[^.]+\.", text)):
        start = m.start() + len(m.group()) - len(m.group().lstrip())
        doc.sentences.append(Sentence(start, m.end(), paragraph=i))
    return doc


def test_apply_fills_doc_figures_in_text_order_with_sentence_indexes():
    text = ("A car bomb exploded near the main checkpoint on Tuesday. It killed at least six people and wounded 19. "
            "Police later arrested four suspects. No one was hurt in a second blast.")
    doc = _doc(text)
    figures.apply(doc)
    got = [(f.sentence, f.count.kind, f.count.min, doc.span_text(f.anchor)) for f in doc.figures]
    assert got == [(1, "killed", 6, "killed"), (1, "injured", 19, "wounded"), (2, "detained", 4, "arrested"),
                   (3, "injured", 0, "was hurt")]
    assert doc.span_text(doc.figures[0].count.span) == "killed at least six people"


def test_apply_leaves_an_article_without_figures_alone():
    doc = _doc("Ministers met in Geneva on Monday. They agreed to meet again in March.")
    figures.apply(doc)
    assert doc.figures == []


def test_find_figures_offsets_point_into_the_whole_text():
    text = "Intro sentence. Floods killed 40 people."
    [f] = find_figures(text, 16, len(text), sentence=1)
    assert (text[f.count.span[0]:f.count.span[1]], f.sentence) == ("killed 40 people", 1)


def test_co_workers_and_shoppers_are_victims():
    assert short("A gunman opened fire at a warehouse, killing four co-workers and wounding two others.") == [
        ("killed", 4, 4, "exact"), ("injured", 2, 2, "exact")]
    assert short("The blast killed 11 shoppers at the market.") == [("killed", 11, 11, "exact")]


# ---------------------------------------------------------------- one person, whatever the number near
@pytest.mark.parametrize("text", [
    "A father of three was killed when the shell struck his shop in the old market on Friday.",
    "Police said a grandfather of 12 died after being beaten at the checkpoint.",
    "A mother-of-five was shot dead by a sniper while fetching water, relatives said.",
    "Father of two killed in Kandahar mosque blast",
])
def test_a_parent_of_n_children_is_one_victim(text):
    assert short(text) == [("killed", 1, 1, "exact")]


_SMALL = ["two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve", "twenty-one"]


@given(st.sampled_from(["father", "mother", "grandfather", "grandmother"]),
       st.one_of(st.integers(2, 40).map(str), st.sampled_from(_SMALL)),
       st.sampled_from(["was killed", "died", "was injured", "was arrested"]))
def test_whatever_the_children_a_parent_is_one(parent, n, verb):
    kind = {"was killed": "killed", "died": "killed", "was injured": "injured", "was arrested": "detained"}[verb]
    assert short(f"A {parent} of {n} {verb} near the market on Friday, relatives said.") == [(kind, 1, 1, "exact")]


def test_a_parent_of_n_children_after_the_verb_is_one_victim():
    text = "The airstrike killed a mother of five and her neighbour's son, local officials said."
    assert short(text)[0] == ("killed", 2, 2, "exact")  # the mother and the son, not five
    assert short("Gunmen killed Ali Musa, a father of seven, at his farm.") == [("killed", 1, 1, "exact")]


def test_a_prenominal_figure_word_inside_the_victims_leaves_them_to_the_verb():
    text = "Twelve wounded soldiers were killed when their convoy was hit by a roadside bomb near Kidal."
    assert figs(text) == [("killed", 12, 12, "exact", "wounded soldiers",
                           "Twelve wounded soldiers were killed", "were killed", None)]
    text = "The army said its troops had killed three wounded fighters who were trying to flee across the river."
    assert short(text) == [("killed", 3, 3, "exact")]


def test_a_named_group_or_country_s_leader_is_one_victim():
    text = "An Israeli airstrike on a Beirut suburb killed Hezbollah's top commander, the group said."
    assert figs(text)[0][:6] == ("killed", 1, 1, "exact", "top commander", "killed Hezbollah's top commander")
    assert short("Israel kills Islamic State's spokesman in Syria strike") == [("killed", 1, 1, "exact")]
    assert short("Troops killed the group's deputy leader near Kunduz on Sunday.") == [("killed", 1, 1, "exact")]
    assert short("Unions held Nigeria's first general strike in a decade.") == []


def test_a_definite_singular_victim_before_the_verb():
    assert figs("The driver was taken to hospital with head injuries after the bus overturned.")[0][:5] == (
        "injured", 1, 1, "exact", "driver")
    assert short("The imam was shot dead as he left the mosque on Friday.") == [("killed", 1, 1, "exact")]
    assert short('"We want the officer arrested, not a commission," said the victim\'s cousin.') == []
    assert short("The bus driver and 12 passengers were killed when it plunged into a ravine.") == [
        ("killed", 13, 13, "exact")]
    assert short("The driver was taken to hospital for tests and later released.") == []


def test_a_singular_victim_with_an_apposition_that_holds_a_place():
    text = "A woman, a nurse at the district clinic, was injured by shrapnel, the health ministry said."
    assert figs(text)[0][:5] == ("injured", 1, 1, "exact", "woman")
    text = "Omar Haddad, a teacher from the village of Kafr Nabl, was detained at a checkpoint on Monday."
    assert short(text) == [("detained", 1, 1, "exact")]


@pytest.mark.parametrize("text, expected", [
    ("Three soldiers and two civilians were killed in the ambush near Gao.", [("killed", 5, 5, "exact")]),
    ("Three wounded soldiers and two civilians were killed in the ambush.", [("killed", 5, 5, "exact")]),
    ("The car bomb killed 12 people, including four children, outside the mosque.", [("killed", 12, 12, "exact")]),
    ("The shelling killed 12 people, including a father of three and his son.", [("killed", 12, 12, "exact")]),
    ("Twelve passengers, including the driver, were injured when the bus overturned.",
     [("injured", 12, 12, "exact")]),
])
def test_groups_add_up_but_included_parts_do_not(text, expected):
    assert short(text) == expected


# ---------------------------------------------------------------- statement and ministry phrasings
def test_claimed_the_lives_of_citizens_is_a_death_toll():
    assert short("The aggression claimed the lives of 63 citizens of the republic, including children.") == [
        ("killed", 63, 63, "exact")]
    assert short("The landslide took the lives of 12 villagers.") == [("killed", 12, 12, "exact")]


def test_received_shrapnel_wounds_and_treated_in_hospital_are_injuries():
    assert short("As a result of mortar fire, two border guards received shrapnel wounds.") == [
        ("injured", 2, 2, "exact")]
    assert short("About 40 miners were treated in hospital for injuries.") == [("injured", 40, 40, "about")]


def test_a_named_victim_with_a_title_of_an_organisation_is_one():
    assert short("Two gunmen on a motorcycle shot dead Kamal Shah, a district leader of a nationalist party, "
                 "outside his home.") == [("killed", 1, 1, "exact")]


def test_two_people_named_by_their_posts_are_two():
    assert short("Police detained the mine's director and the head of its safety department on Monday.") == [
        ("detained", 2, 2, "exact")]
    assert short("Gunmen shot dead his son outside the house.") == [("killed", 1, 1, "exact")]


def test_an_inmate_held_in_prison_is_no_arrest():
    assert short("Nobody tells us anything, said a mother whose 23-year-old son is held in the penitentiary.") == []
    assert short("Twelve people are being held at the station.") == [("detained", 12, 12, "exact")]


def test_the_number_of_people_of_any_kind_killed_is_a_toll():
    assert figs("The number of gold miners killed in the attack rose to 11 from 6 on Tuesday.")[0][:3] == (
        "killed", 11, 11)
    assert short("The number of people arrested has reached 40.") == [("detained", 40, 40, "exact")]
    assert short("The number of flights cancelled rose to 30.") == []


def test_a_named_victim_with_age_and_hometown_who_died_is_one():
    assert short("Jaylen Brooks, 21, of Lawrenceville, died at the scene.") == [("killed", 1, 1, "exact")]
    assert short("Fidel Mamani, 34, a farmer from Colomi, died of a bullet wound.") == [("killed", 1, 1, "exact")]
    assert short("DeShawn Miller, 20, of Athens, was arrested on Monday.") == [("detained", 1, 1, "exact")]


def test_people_driven_from_a_town_or_fleeing_from_a_village_are_displaced():
    assert short("Some 350,000 people were driven from Marawi and surrounding towns.") == [
        ("displaced", 350000, 350000, "about")]
    assert short("About 150 residents of Crucito fled to Tierralta.") == [("displaced", 150, 150, "about")]
    assert short("Two players were driven from the stadium.") == []


def test_the_martyrdom_and_the_injury_of_people_are_figures():
    assert short("The attack resulted in the martyrdom of two police officers and the injury of four others.") == [
        ("killed", 2, 2, "exact"), ("injured", 4, 4, "exact")]


def test_stabbed_or_shot_in_the_leg_is_injured_stabbed_to_death_killed():
    assert short("A boy, 16, was stabbed in George Street on Tuesday.") == [("injured", 1, 1, "exact")]
    assert short("On Feb. 21, a 17-year-old was shot in the leg outside a store.") == [("injured", 1, 1, "exact")]
    assert short("A man was stabbed to death on Monday.") == [("killed", 1, 1, "exact")]


def test_the_victim_taken_to_hospital_and_a_firefighter_with_a_leg_injury_are_injured():
    assert short("The victim, 41, was taken to a hospital with injuries that were not considered "
                 "life-threatening.") == [("injured", 1, 1, "exact")]
    assert short("A firefighter suffered a leg injury.") == [("injured", 1, 1, "exact")]
    assert short("The victim was identified as Ali Musa.") == []
