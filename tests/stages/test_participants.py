"""participants: the place and the actor of a trigger in its sentence, on a Doc annotated by the
stages that run before events (segment .. figures)."""


from hypothesis import given, settings
from hypothesis import strategies as st

from dateline.pipeline import STAGES, make_doc
from dateline.record import Article
from dateline.stages import event_places, events, participants
from dateline.stages.triggers import find_triggers

BEFORE_EVENTS = STAGES[:STAGES.index(events)]


def prepared(text):
    doc = make_doc(Article(text=text, published="2024-03-14T10:00:00"))
    for stage in BEFORE_EVENTS:
        stage.apply(doc)
    return doc


def split(doc, trigger):
    s = doc.sentences[0]
    matches = find_triggers(doc.text, s.start, s.end)
    group = [m for m in matches if m.text == trigger]
    assert group, [m.text for m in matches]
    return s, group, [m for m in matches if m.text != trigger]


def place(text, trigger, statement=False):
    doc = prepared(text)
    s, group, others = split(doc, trigger)
    loc = event_places.find_location(doc, s.start, s.end, group, others, None, statement)
    return None if loc is None else (loc.name, loc.country)


def actor(text, trigger):
    doc = prepared(text)
    s, group, _ = split(doc, trigger)
    found = participants.find_actor(doc, s.start, s.end, group, lambda offset: None)
    return None if found is None else found.text


# ---------------------------------------------------------------- find_location
def test_near_beats_from():
    assert place("Fighters from Kidal attacked a supply convoy near Gao on Monday.", "attacked") == ("Gao", "MLI")


def test_in_beats_an_origin_named_after_the_trigger():
    assert place("Gunmen attacked a convoy from Gao in Menaka on Monday.", "attacked") == ("Menaka", "MLI")


def test_the_town_beats_its_state():
    assert place("Gunmen attacked the town of Gwoza in Borno state on Monday.", "attacked") == ("Gwoza", "NGA")


def test_the_city_beats_the_country_that_opens_the_sentence():
    assert place("Nigeria's army said troops killed 12 militants near Maiduguri.", "killed") == ("Maiduguri", "NGA")


def test_a_statement_takes_where_it_was_made():
    assert place("The minister, speaking at a news conference in Bamako, condemned the attack on Gao.",
                 "condemned", statement=True) == ("Bamako", "MLI")


def test_a_statement_without_a_place_of_its_own_has_none():
    assert place("The minister condemned the ambush of a convoy near Gao.", "condemned", statement=True) is None


def test_a_town_nearer_another_trigger_belongs_to_it():
    assert place("A court in Kampala sentenced a man for a raid in Kasese district.", "raid") == ("Kasese", "UGA")
    assert place("A court in Kampala sentenced a man for a raid in Kasese district.", "sentenced") == (
        "Kampala", "UGA")


def test_a_state_nearer_another_trigger_belongs_to_it():
    assert place("A court in Abuja sentenced a man for a raid in Borno state.", "raid") == ("Borno", "NGA")


def test_the_town_beats_its_state_in_a_possessive():
    assert place("Gunmen attacked a church in Borno state's Gwoza district on Monday.", "attacked") == (
        "Gwoza", "NGA")


# ---------------------------------------------------------------- find_actor
def test_a_quarter_the_gazetteer_lacks_yields_to_the_town_it_is_part_of():
    assert place("Gunmen shot dead two traders in the Kawangware neighbourhood of Nairobi on Monday.",
                 "shot dead") == ("Nairobi", "KEN")
    assert place("A grenade attack in the Nairobi district of Kawangware wounded two on Monday.", "grenade attack") \
        == ("Nairobi", "KEN")


def test_a_country_s_capital_is_its_capital_city():
    assert place("Gunmen attacked the Bel Air neighbourhood of Haiti's capital overnight, killing nine.",
                 "attacked") == ("Port-au-Prince", "HTI")
    assert place("Militiamen clashed with police in the Libyan capital on Monday.", "clashed") == ("Tripoli", "LBY")


def test_a_place_in_a_since_clause_is_not_where_it_happened():
    assert place("Air strikes on southern Lebanon killed 20 people on Friday in the heaviest exchange since "
                 "the war in Gaza began.", "killed") == ("Lebanon", "LBN")


def test_actor_is_the_subject_noun_phrase():
    assert actor("Islamist militants attacked an army post near Mopti on Monday.", "attacked") == "Islamist militants"


def test_an_ombudsman_or_a_watchdog_is_the_actor_of_its_demand():
    assert actor("The national ombudsman's office urged police on Friday to release the detained students.",
                 "urged") == "national ombudsman's office"
    assert actor("The press watchdog called on prosecutors to drop the case against the editor.",
                 "called on") == "press watchdog"


def test_the_noun_right_before_a_verb_is_its_subject_not_the_head_of_the_clause():
    assert actor("Hundreds of dockers marched through Durban to mark five years since guards shot dead "
                 "nine strikers.", "shot dead") == "guards"
    assert actor("Union leaders will call a new stoppage if the ministry rejected their offer.",
                 "rejected") == "ministry"


def test_a_noun_before_a_verb_after_a_preposition_is_not_its_subject():
    assert actor("Rebels fighting near the border with government troops shelled the town.",
                 "shelled") == "Rebels"


def test_a_pronoun_subject_is_not_overruled_by_the_object_of_an_earlier_verb():
    assert actor("The navy said it had chased the pirates and detained four suspects off Eyl.",
                 "detained") == "navy"


def test_an_auxiliary_or_a_quote_mark_may_stand_between_subject_and_verb():
    assert actor("Hundreds of students marched to mark a year since troops had \"shot dead\" 14 protesters.",
                 "shot dead") == "troops"


def test_an_event_noun_takes_its_by_phrase():
    assert actor("The toll from an attack by suspected rebels on a village near Beni rose to 19.",
                 "attack") == "suspected rebels"
    assert actor("Crowds marked the anniversary of the mass killings of Herero by German colonial troops.",
                 "killings") == "German colonial troops"
    assert actor("Shelling by government forces killed six civilians in the village.", "Shelling") \
        == "government forces"
    assert actor("Units loyal to the government had deployed between the two sides.", "deployed") == "Units"


def test_a_name_set_off_by_commas_before_the_verb_is_its_subject():
    assert actor("A union spokeswoman in Lagos, Adaeze Okafor, condemned the arrests on Friday.",
                 "condemned") == "Adaeze Okafor"
    assert actor("The interior minister, Mehmet Yilmaz, also condemned the bombing.", "condemned") \
        == "Mehmet Yilmaz"


def test_a_by_phrase_after_the_object_of_an_event_noun_names_its_actor():
    found = actor('It protested over the shelling of the border post "Dostuk" in the Batken district by units '
                  'of the State Committee for National Security of Tajikistan on Monday.', "shelling")
    assert found == "units of the State Committee for National Security of Tajikistan"


def test_the_agent_of_a_participle_on_the_object_is_not_the_actor():
    assert actor("The attack on a camp for displaced people run by the United Nations killed four on Monday.",
                 "attack") is None
    assert actor("A general strike called by the transport union shut the capital on Monday.",
                 "general strike") == "transport union"


def test_the_subject_of_a_passive_is_not_its_actor():
    assert actor("More than 300 Rohingya have been killed near the border since January.", "killed") is None
    assert actor("Two Kenyan soldiers were abducted near Mandera on Monday.", "abducted") is None
    assert actor("Rights groups said the prisoners had been tortured in custody.", "tortured") is None


def test_the_modifier_of_an_event_noun_is_the_actor_without_the_noun():
    assert actor("A second Turkish drone strike hit a car near Amadiya on Friday.", "drone strike") == "Turkish"


def test_a_relative_clause_on_the_object_does_not_lend_its_subject():
    doc = prepared("Riot police fired tear gas at hundreds of students who stormed the ministry in Accra, "
                   "killing one.")
    s = doc.sentences[0]
    group = [m for m in find_triggers(doc.text, s.start, s.end) if m.spec.family == "ASSAULT"]
    found = participants.find_actor(doc, s.start, s.end, group, lambda offset: None)
    assert found.text == "Riot police"


def test_the_group_the_army_blames_is_the_actor():
    assert actor("Two soldiers were killed when a truck bomb blew up at a base near Saravena, the army said, "
                 "blaming the ELN rebel group.", "killed").startswith("ELN")


def test_the_object_of_another_verb_is_not_the_subject_before_a_verb():
    assert actor("Students angered by plans for joining the European Union attacked the ministry in Tbilisi.",
                 "attacked") == "Students"


def test_actor_of_a_passive_is_the_by_phrase():
    assert actor("Five police officers were killed by militants near Diffa.", "killed") == "militants"


def test_actor_of_an_accusation_target():
    assert actor("The government accused the rebels of shelling the market in Beni.", "shelling") == "rebels"


def test_actor_skips_a_place_after_a_preposition():
    assert actor("In Kidal, soldiers detained 14 men.", "detained") == "soldiers"


@settings(max_examples=400, deadline=None)
@given(st.text(alphabet="ab1_-'’ \n.,É", max_size=30), st.integers(min_value=0, max_value=10))
def test_the_word_before_a_position_is_what_the_regex_finds(text, floor):
    import re

    from dateline.stages.participants import _word_before

    floor = min(floor, len(text))
    m = re.search(r"([\w][\w'’-]*)\s+$", text[floor:])
    assert _word_before(text, floor, len(text)) == (floor + m.start(1) if m else None)


def test_people_shot_dead_by_soldiers_name_the_soldiers_not_the_people():
    assert actor("Hundreds gathered to remember the 31 people shot dead there by soldiers in 1991.",
                 "shot dead") == "soldiers"


def test_the_ministry_that_recalls_an_event_did_not_do_it():
    assert actor("The Ministry recalls that the armed clashes of August 2023 in the capital claimed the lives of "
                 "55 citizens.", "clashes") is None


def test_forces_under_the_command_of_a_general_are_the_actor_not_the_general():
    assert actor("In July 1995, Bosnian Serb forces under the command of General Ratko Mladic overran "
                 "Srebrenica.", "overran") == "Bosnian Serb forces"
    assert actor("On Sunday, army intelligence officers arrested two men from the old quarter.",
                 "arrested").startswith("army")  # a comma closes "On Sunday"


def test_an_official_by_title_alone_is_the_actor_and_a_title_stays_with_its_name():
    assert actor("The state governor condemned the attack and promised relief for the displaced.",
                 "condemned") == "state governor"
    assert actor("Regional governor Mamadou Seck imposed a night-time curfew on the city.",
                 "curfew") == "Regional governor Mamadou Seck"


def test_officers_of_a_named_unit_are_the_actor():
    assert actor("On Wednesday, officers of the Anti-Terror Police Unit arrested four men in the town of Hindi.",
                 "arrested") == "officers of the Anti-Terror Police Unit"


def test_a_town_before_a_force_names_no_actor_of_its_own_but_the_place():
    text = "Two Dayton police officers shot and wounded a 19-year-old man late Friday."
    assert actor(text, "shot") == "Dayton police officers"
    doc = prepared(text)
    s, group, others = split(doc, "shot")
    loc = event_places.find_location(doc, s.start, s.end, group, others, (4, 30), False)
    assert (loc.name, loc.country) == ("Dayton", "USA")


def test_a_district_of_a_town_named_by_its_possessive_is_placed_in_the_town():
    text = "Police detained 60 people in a raid on Mombasa's Majengo district on Monday."
    assert place(text, "detained") == ("Mombasa", "KEN")


def test_where_a_road_leads_is_no_place_of_the_event():
    text = "Demonstrators set tyres alight and closed the highway to Basra on Thursday."
    assert place(text, "Demonstrators") is None
    text = "A car bomb exploded at a checkpoint on the road to Mogadishu's airport on Monday."
    assert place(text, "car bomb") == ("Mogadishu", "SOM")


def test_representatives_of_a_country_keep_their_whole_name():
    text = "Representatives of Sudan's two rival governments agreed on Sunday to hold talks on a budget."
    assert actor(text, "agreed") == "Representatives of Sudan's two rival governments"
    assert actor("Soldiers of Mali's army killed 12 people near Gao.", "killed") == "Soldiers of Mali's army"
