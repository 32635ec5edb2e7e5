"""triggers.find_triggers: the events lexicon matched in one sentence."""

import pytest

from dateline.stages.triggers import find_triggers


def found(text, start=0, end=None):
    """(matched text, type, mode) per trigger, checking the offsets slice the text."""
    out = []
    for m in find_triggers(text, start, len(text) if end is None else end):
        assert text[m.start:m.end] == m.text
        out.append((m.text, m.spec.type, m.spec.mode))
    return out


def test_longest_form_wins_at_a_position():
    assert found("A drone strike hit a car near the border crossing.") == [
        ("drone strike", "ASSAULT", "drone"), ("hit", "ASSAULT", None)]
    assert found("A suicide bombing at the gate killed nine recruits.") == [
        ("suicide bombing", "ASSAULT", "suicide-attack"), ("killed", "ASSAULT", None)]


def test_a_hunger_strike_is_a_protest_not_an_attack():
    assert found("Detainees at the prison began a hunger strike on Monday.") == [
        ("hunger strike", "PROTEST", "hunger")]
    assert found("Dock workers went on strike over unpaid wages.") == [("went on strike", "PROTEST", "strike")]


def test_a_formal_protest_is_an_accusation_and_blocks_the_demonstration():
    assert found("The foreign ministry lodged a formal protest with the ambassador.") == [
        ("lodged a formal protest", "ACCUSE", None)]


def test_firing_into_the_air_is_blocked_firing_into_a_crowd_is_not():
    assert found("Soldiers fired into the air to disperse the crowd.") == []
    assert found("Soldiers fired into the crowd outside the depot.") == [("fired into", "ASSAULT", "firearms")]


def test_whole_words_only():
    assert found("The attacker's counter-attack was repelled by the raiders.") == []


def test_case_and_line_breaks_inside_a_form():
    assert found("A DRONE\n  STRIKE on the convoy.") == [("DRONE\n  STRIKE", "ASSAULT", "drone")]


def test_offsets_are_absolute_and_the_window_is_respected():
    text = "Talks resumed in the capital. Gunmen attacked the post."
    second = text.index("Gunmen")
    got = find_triggers(text, second, len(text))
    assert [(m.text, m.start) for m in got] == [("Gunmen", second), ("attacked", text.index("attacked"))]
    assert [m.text for m in find_triggers(text, 0, second)] == ["Talks"]


def test_agent_nouns_name_the_event():
    got = find_triggers("Gunmen shot dead two guards.", 0, 28)
    assert [(m.text, m.spec.kind) for m in got] == [("Gunmen", "agent"), ("shot dead", "verb")]


def test_weak_triggers_are_marked_weak():
    got = {m.text: m.spec.weak for m in find_triggers("Violence flared after troops struck the camp.", 0, 45)}
    assert got == {"Violence": True, "struck": True}


@pytest.mark.xfail(strict=True, reason="find_triggers applies a block ('fired tear gas') to the WHOLE sentence "
                   "(substring test on the lowered sentence), so real gunfire later in it is dropped too")
def test_tear_gas_does_not_block_later_gunfire_in_the_sentence():
    assert ("opened fire", "ASSAULT", "firearms") in found(
        "Police fired tear gas and then opened fire on the crowd, killing two students.")


def test_one_pass_over_the_document_finds_what_each_sentence_pass_finds():
    from dateline.doc import Doc
    from dateline.record import Article
    from dateline.stages import segment
    from dateline.stages.triggers import triggers_by_sentence

    text = ("Bomb\n\nAttack on a market kills four in Gao\n\n"
            "A suicide bombing at the gate killed nine recruits. Police fired tear gas at protesters.\n\n"
            "Troops  shelled the village overnight; a drone  strike followed. Talks resumed.")
    doc = Doc(article=Article(id="t", text=text))
    segment.apply(doc)
    whole = triggers_by_sentence(doc)
    assert len(whole) == len(doc.sentences)
    for s, matches in zip(doc.sentences, whole, strict=True):
        expected = find_triggers(text, s.start, s.end)
        assert [(m.start, m.end, m.text, m.spec) for m in matches] == \
            [(m.start, m.end, m.text, m.spec) for m in expected]
    assert [m.text for ms in whole for m in ms if m.text.startswith("drone")] == ["drone  strike"]


def test_deprived_of_a_trial_is_no_denial_and_hanged_is_an_execution():
    assert found("Rights groups said the men had been denied a fair trial.") == []
    assert found("The army denied shelling the village.")[0] == ("denied", "REJECT", None)
    assert found("The four were hanged at dawn in Urmia.") == [("hanged", "ASSAULT", "targeted")]
    assert found("The prisoner hanged himself in his cell.") == []


def test_plural_quakes_and_aftershocks_are_hazards():
    assert [f[2] for f in found("The magnitude 6.3 quakes, followed by strong aftershocks, hit Herat.")
            if f[1] is None] == ["disaster", "disaster"]


def test_fired_from_a_job_is_no_shooting():
    assert [f for f in found("The gunman, an employee who had been fired last week, was not identified.")
            if f[0] != "gunman"] == []
    assert found("Police fired on the crowd.") == [("fired on", "ASSAULT", "firearms")]


def test_riot_police_are_no_riot():
    assert found("Riot police detained 27 people in Batumi.") == [("detained", "COERCE", "arrest")]
    assert found("The riot left two dead.")[0] == ("riot", "PROTEST", "riot")


def test_walking_out_of_a_house_is_no_walkout():
    text = "Her husband walked out behind the house to bring the cows in, and nurses walked out over pay."
    found = [(m.start, m.spec.mode) for m in find_triggers(text, 0, len(text))]
    assert found == [(text.index("walked out over"), "strike")]


def test_neutralised_attackers_are_violence_a_neutralised_threat_is_not():
    text = 'The army said it had "neutralised" about 20 attackers on Tuesday.'
    assert [(m.text, m.spec.family) for m in find_triggers(text, 0, len(text))] == [("neutralised", "ASSAULT")]
    text = "Engineers neutralised a bomb found near the market."
    assert "ASSAULT" not in {m.spec.family for m in find_triggers(text, 0, len(text)) if m.text == "neutralised"}


def test_overrunning_a_town_is_violence():
    text = "Militants loyal to the Islamic State overran parts of Marawi on 23 May 2017."
    assert [(m.text, m.spec.family) for m in find_triggers(text, 0, len(text))] == [("overran", "ASSAULT")]


def test_more_troops_are_a_deployment_and_a_warning_of_force_a_threat():
    assert ("more troops", "MOBILIZE", None) in found("The army will send 300 more troops to the district.")
    assert ("warned that it would", "THREATEN", None) in found(
        "The interior ministry warned that it would deal with full force with anyone undermining security.")
    assert not [t for t in found("Forecasters warned of heavy rain on Monday.") if t[1] == "THREATEN"]


def test_a_single_clash_is_violence_but_weak_alone():
    assert ("clash", "ASSAULT", None) in found("Eleven people were injured in a communal clash in the town.")
    from dateline.stages.triggers import find_triggers
    (clash,) = [m for m in find_triggers("A clash of views.", 0, 17) if m.text == "clash"]
    assert clash.spec.weak
