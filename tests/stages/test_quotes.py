"""Direct and reported speech of the quotes stage, with and without the entities stage."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from dateline.doc import Doc
from dateline.record import Article, Quote
from dateline.stages import entities, quotes, segment


@pytest.fixture(params=["entities", "no-entities"])
def extract(request):
    """Quotes of a text, after segment and (in one run) the entities stage."""

    def run(text: str) -> list[Quote]:
        doc = Doc(Article(text=text))
        segment.apply(doc)
        if request.param == "entities":
            entities.apply(doc)
        found = quotes.find_quotes(doc)
        for q in found:  # every quote points at its own words
            words = text[q.span[0]:q.span[1]]
            assert words.replace("“", "").replace("\"", "") == q.text.replace("“", "").replace("\"", "")
        return found

    return run


def direct(found: list[Quote]) -> list[Quote]:
    return [q for q in found if q.kind == "direct"]


def one(found: list[Quote], start: str) -> Quote:
    hits = [q for q in found if q.text.startswith(start)]
    assert len(hits) == 1, [q.text for q in found]
    return hits[0]


def test_contract():
    assert quotes.REQUIRES == ("sentences", "entities")
    assert quotes.SETS == "quotes"


def test_curly_quote_then_said_name_with_apposition_title(extract):
    text = ("Floodwater swept through Mingora overnight.\n"
            "“The water came in minutes and took everything we had,” said Rukhsana Bibi, a 41-year-old "
            "teacher who lost her home.")
    q = one(extract(text), "The water came")
    assert (q.kind, q.speaker) == ("direct", "Rukhsana Bibi")
    assert q.text == "The water came in minutes and took everything we had"
    assert q.speaker_title == "41-year-old teacher who lost her home"


def test_straight_quote_then_name_said(extract):
    text = 'Doctors at the district hospital worked through the night. "We have counted 23 bodies so far," Dr. Idris Kamara said.'
    q = one(extract(text), "We have counted")
    assert (q.kind, q.speaker, q.text) == ("direct", "Idris Kamara", "We have counted 23 bodies so far")


def test_name_said_colon_quote_with_title_before_name(extract):
    text = ("Shops were looted in the city centre on Saturday. Provincial police chief Samuel Otieno said: "
            "“Anyone found looting will be arrested on the spot.”")
    q = one(extract(text), "Anyone found looting")
    assert q.speaker == "Samuel Otieno"
    assert q.speaker_title is not None and "police chief" in q.speaker_title
    assert q.text == "Anyone found looting will be arrested on the spot."


def test_told_local_radio_colon_quote(extract):
    text = ('The Rio Seco bridge was damaged by the floods. Mayor Lucia Paredes told local radio: '
            '"The bridge will stay closed until engineers have inspected it."')
    q = one(extract(text), "The bridge will stay closed")
    assert q.speaker == "Lucia Paredes"
    assert q.speaker_title == "Mayor"


def test_quote_according_to_speaker(extract):
    text = ('The convoy was attacked on the road to Gao. "The second truck was hit twice and caught fire," '
            'according to Hamid Ag Rhissa, a driver who survived the attack.')
    q = one(extract(text), "The second truck")
    assert q.speaker == "Hamid Ag Rhissa"
    assert q.kind == "direct"


def test_pronoun_speaker_is_last_person_subject(extract):
    text = ("Joseph Mwangi, a 34-year-old taxi driver who joined the march, said police fired tear gas near "
            "the office of Senator Grace Achieng without warning. \"We were running for our lives,\" he said.")
    found = extract(text)
    q = one(direct(found), "We were running")
    assert q.speaker == "Joseph Mwangi"
    assert q.speaker_title == "34-year-old taxi driver who joined the march"
    reported = one(found, "police fired tear gas")
    assert (reported.kind, reported.speaker) == ("indirect", "Joseph Mwangi")


def test_pronoun_with_no_person_before_has_no_speaker(extract):
    text = "The market burned for hours. “There was nothing left to save,” she said."
    q = one(extract(text), "There was nothing left")
    assert q.speaker is None


def test_statement_reads_goes_to_issuer(extract):
    text = ("Ombudsman Leyla Mammadova has issued a statement on the 30th anniversary of the massacre.\n"
            "The statement reads: “Thirty years have passed since the night of March 4, and those "
            "responsible have still not been brought to justice.”")
    q = one(extract(text), "Thirty years have passed")
    assert q.speaker == "Leyla Mammadova"
    assert q.speaker_title == "Ombudsman"


def test_title_alone_resolves_to_named_holder(extract):
    text = ("Governor Ali Musa toured the burned market in Kano on Tuesday.\n"
            "Traders said they had lost goods worth millions of naira.\n"
            "“We will rebuild this market within six months,” the governor said.")
    q = one(extract(text), "We will rebuild")
    assert q.speaker == "Ali Musa"
    assert q.speaker_title == "Governor"


def test_title_alone_without_a_named_holder(extract):
    text = "Schools in the district reopened on Monday. “Calm has returned to all the villages,” the district commissioner said."
    q = one(extract(text), "Calm has returned")
    assert q.speaker == "the district commissioner"
    assert q.speaker_entity is None


def test_surname_alone_gets_the_full_name(extract):
    text = ("Nadia Karam, a lawyer who heads the rights committee of the Beirut Bar Association, visited "
            "the detainees on Sunday. \"Nobody has been allowed to see a lawyer for four days,\" Karam said.")
    q = one(extract(text), "Nobody has been allowed")
    assert q.speaker == "Nadia Karam"


def test_quote_over_paragraphs_with_reopening_mark(extract):
    text = ("Halima Yusuf, who runs the camp clinic, said the camp was full. “We have no tents left. "
            "Families sleep outside.\n"
            "“The rains start next month and the children are already sick,” she said.\n"
            "Aid agencies said supplies were on the way.")
    q = one(direct(extract(text)), "We have no tents left")
    assert q.speaker == "Halima Yusuf"
    assert q.text == ("We have no tents left. Families sleep outside.\n"
                      "The rains start next month and the children are already sick")


def test_long_statement_over_many_paragraphs(extract):
    text = ("Human rights commissioner Arif Hasanov issued a statement on Friday.\n"
            "The statement reads: “Ten years have passed since the massacre in the village.\n"
            "Forty-one people were killed that night and nobody has been tried for it.\n"
            "The families still do not know where the bodies of their relatives lie.\n"
            "I call on the courts to open the case again.”\n"
            "The statement was published on the commissioner's website.")
    found = direct(extract(text))
    assert len(found) == 1
    q = found[0]
    assert q.speaker == "Arif Hasanov"
    assert q.text.startswith("Ten years have passed") and q.text.endswith("to open the case again.")


def test_unattributed_quote_continues_previous_speaker(extract):
    text = ('"The road is narrow and there was thick fog," said Rosa Quintana, the regional health director. '
            '"Our teams had to go down on ropes to reach the survivors."')
    found = direct(extract(text))
    assert [q.speaker for q in found] == ["Rosa Quintana", "Rosa Quintana"]
    assert found[0].speaker_title == "regional health director"


def test_split_quote_around_attribution(extract):
    text = "Amina Lawal, a nurse, said the clinic was overwhelmed. “We are ready,” she said, “but we need fuel for the generator.”"
    found = direct(extract(text))
    assert [(q.text, q.speaker) for q in found] == [
        ("We are ready", "Amina Lawal"), ("but we need fuel for the generator.", "Amina Lawal")]


def test_scare_quotes_are_not_quotes(extract):
    text = ('The army said 12 "terrorists" were "neutralised" in the operation, which the government calls an '
            '“internal armed conflict”. Rights groups called the raids "collective punishment".')
    assert direct(extract(text)) == []


def test_quoted_title_of_four_capitalised_words_is_not_a_quote(extract):
    text = "The offensive, code-named “Operation Restore Peace Now”, began in March and is still going on."
    assert direct(extract(text)) == []


def test_short_quote_with_speech_verb_beside_it_is_kept(extract):
    text = "Asked whether the talks had failed, Foreign Minister Ramin Aliyev said: “Not at all.”"
    q = one(extract(text), "Not at all")
    assert q.speaker == "Ramin Aliyev"


def test_spokesman_said_in_a_statement_that(extract):
    text = "Police spokesman Sani Garba said in a statement that 17 suspects had been arrested in Gusau."
    q = one(extract(text), "17 suspects")
    assert (q.kind, q.speaker, q.text) == ("indirect", "Sani Garba", "17 suspects had been arrested in Gusau")
    assert q.speaker_title is not None and q.speaker_title.lower() == "police spokesman"


def test_reported_speech_forms(extract):
    text = ("Gunmen killed nine people in the village of Kurmi on Sunday, police said.\n"
            "The Interior Ministry said in a statement that the curfew would be lifted on Friday.\n"
            "According to the Red Crescent, 400 families have fled to the town.\n"
            "At least 30 homes were burned, said Musa Danladi, a community leader.")
    found = extract(text)
    assert all(q.kind == "indirect" for q in found)
    assert one(found, "Gunmen killed nine").speaker == "police"
    assert "Interior Ministry" in one(found, "the curfew").speaker
    assert one(found, "the curfew").text == "the curfew would be lifted on Friday"
    assert "Red Crescent" in one(found, "400 families").speaker
    danladi = one(found, "At least 30 homes")
    assert danladi.speaker == "Musa Danladi" and danladi.speaker_title == "community leader"


def test_no_reported_speech_without_explicit_speaker(extract):
    text = ("It was said that the militia had withdrawn. The man who said he saw the attack was detained. "
            "The army confirmed the attack but gave no toll. They said nothing. "
            "As the minister said last year, the reforms will take time.")
    assert extract(text) == []


def test_quotes_come_in_text_order(extract):
    text = ('Mayor Lucia Paredes said the bridge would reopen on Friday. "Engineers are checking the pillars '
            'today," she said. Residents said the river had risen "faster than anyone expected".')
    spans = [q.span for q in extract(text)]
    assert spans == sorted(spans) and len(spans) == 4


def test_possessive_body_and_adjectives_inside_a_title(extract):
    text = ("The president's office, in a statement on Sunday, said the report was biased and unprofessional.\n"
            "\"It is a tragedy for the whole region,\" UN humanitarian coordinator Marta Grieco told a news "
            "conference in Geneva on Tuesday.")
    found = extract(text)
    assert one(found, "the report was").speaker == "The president's office"
    q = one(found, "It is a tragedy")
    assert (q.speaker, q.speaker_title) == ("Marta Grieco", "UN humanitarian coordinator")


def test_speaker_after_quote_with_apposed_name(extract):
    text = ("\u201cThe shelling started at dawn and did not stop until noon,\u201d a resident of the village, "
            "Omar Saleh, told reporters by phone.")
    q = one(extract(text), "The shelling started")
    assert (q.speaker, q.speaker_title) == ("Omar Saleh", "resident of the village")


_PIECES = st.sampled_from(["said", "told", "according to", "he", "she", "the governor", "Ali Musa", "Musa", ",", ".",
                           " ", "\n", "“", "”", "\"", ":", "police", "that", "a lawyer", "statement reads", "We",
                           "will", "fight", "on Monday", "Mr.", "(", ")", "al-", "’s", "in", "the", "30", "Gen.",
                           "as", "a resident of", "spokesman", "in a statement", "Police", "and", "?", "!"])


@settings(max_examples=300, deadline=None)
@given(st.lists(_PIECES, max_size=60).map(" ".join))
def test_any_text_gives_well_formed_quotes(text):
    doc = Doc(Article(text=text))
    segment.apply(doc)
    entities.apply(doc)
    for q in quotes.find_quotes(doc):
        assert 0 <= q.span[0] < q.span[1] <= len(text)
        assert q.kind in ("direct", "indirect") and q.text.strip()
        marks = str.maketrans("", "", "“\"")
        assert q.text.translate(marks) == text[q.span[0]:q.span[1]].translate(marks)


def test_wire_story_with_several_speakers(extract):
    text = (
        "Suspected insurgents attacked a camp for displaced people in Dikwa late Saturday, killing at least "
        "14 people, officials and witnesses said Sunday.\n"
        "The attackers arrived on motorcycles around 9 p.m. and opened fire on residents, said Bukar Lawan, "
        "the governor of Yobe state, who visited the camp on Sunday.\n"
        "\"This is a camp of people who have already lost everything,\" Lawan told reporters. "
        "\"They came here to be safe.\"\n"
        "Ibrahim Gana, a 52-year-old farmer who lives in the camp, said he hid under a truck with his grandson. "
        "\"I heard the shooting and I knew they had come for us,\" he said by phone.\n"
        "A spokesman for the army, Brig. Gen. Tunde Okafor, said troops had repelled the attack.\n"
        "The U.N. humanitarian coordinator in the country, Aminata Keita, condemned the attack in a statement.\n"
        "\"Civilians who have already fled violence must never be a target,\" the statement said.")
    found = extract(text)
    assert one(found, "Suspected insurgents").speaker == "officials and witnesses"
    assert [q.speaker for q in direct(found)] == ["Bukar Lawan", "Bukar Lawan", "Ibrahim Gana", "Aminata Keita"]
    assert one(found, "This is a camp").speaker_title == "governor of Yobe state"
    okafor = one(found, "troops had repelled")
    assert (okafor.kind, okafor.speaker, okafor.speaker_title) == ("indirect", "Tunde Okafor", "spokesman for the army")
    assert one(found, "Civilians who").speaker_title == "U.N. humanitarian coordinator in the country"


def test_name_after_a_title_that_is_also_a_given_name(extract):
    text = ("Thousands gathered at the memorial in Potocari on Friday.\n"
            "Speaking at the ceremony, the memorial's director, Emir Suljagic, warned that denial of the "
            "genocide was growing across the region.")
    q = one(extract(text), "denial of the genocide")
    assert (q.kind, q.speaker) == ("indirect", "Emir Suljagic")
    assert q.speaker_title == "memorial's director"


@pytest.mark.parametrize(("attribution", "name", "title"), [
    ("said a resident who gave his name only as Ko Min for fear of reprisals.", "Ko Min", "resident"),
    ("said a woman from the village, who gave her name as Mariama, reached by phone in Tera.", "Mariama",
     "woman from the village"),
    ("said a nurse who asked to be identified by her first name, Aisha.", "Aisha", "nurse"),
    ("said a farmer identified only as Ibrahim.", "Ibrahim", "farmer"),
    ("a fisherman who asked to be identified only as Musa told reporters.", "Musa", "fisherman"),
])
def test_an_unnamed_speaker_goes_by_the_name_they_gave(extract, attribution, name, title):
    text = ("Jets bombed the village of Let Yet Kone before dawn on Tuesday.\n"
            f"“We pulled the bodies out of the monastery with our hands,” {attribution}")
    q = one(extract(text), "We pulled the bodies")
    assert (q.speaker, q.speaker_title) == (name, title)


def test_a_speaker_who_gave_a_name_before_the_verb(extract):
    text = ("Jets bombed the village of Let Yet Kone before dawn on Tuesday.\n"
            "A resident who gave his name only as Ko Min said the jets came back twice after the first raid.")
    q = one(extract(text), "the jets came back")
    assert (q.kind, q.speaker, q.speaker_title) == ("indirect", "Ko Min", "resident")


def test_speaker_with_a_long_apposition_after_the_quote(extract):
    found = extract("\u201cRescuers have been working for more than 30 hours without a break,\u201d Olena "
                    "Marchuk, deputy head of the Kherson regional military administration, told reporters "
                    "at the scene. \u201cWe will not stop until every apartment has been checked.\u201d")
    first = one(direct(found), "Rescuers")
    assert first.speaker == "Olena Marchuk"
    assert first.speaker_title == "deputy head of the Kherson regional military administration"


def test_the_title_alone_names_the_district_collector_named_before(extract):
    found = extract("District Collector Meena Sharma said prohibitory orders had been imposed in the town. "
                    "\u201cWe have asked elders from both sides to sit together,\u201d the collector said.")
    assert one(direct(found), "We have asked").speaker == "Meena Sharma"


def test_the_acronym_of_a_title_names_the_person_who_holds_it():
    doc = Doc(Article(text="Assistant Commissioner of Police K. Srinivas Rao said the crowd had been warned. "
                           "\u201cWe used minimum force,\u201d the ACP said."))
    segment.apply(doc)
    entities.apply(doc)
    assert one(direct(quotes.find_quotes(doc)), "We used").speaker == "K. Srinivas Rao"
