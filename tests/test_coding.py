"""Statements apart from acts, the concepts the statements invoke, and the coding
corrections a referee asked for: each holds on the real data, and each rule the
validator enforces is reported, with file and line, when a copy of the data breaks it."""

from __future__ import annotations

import csv
import re

import pytest
from test_validate import DATA, assert_reported, copy_data, edit_line, line_of

from rsii.data import load, paths

CODEBOOK = (paths.repo_root() / "book" / "codebook.md") if paths.repo_root() else None
# The acts: the founding agreement (s02), agreeing to take part (s06), the approvals the
# Russian envoy reports (s10) and the founding of the centre (s12).
ACTS = {"st01", "st02", "st03", "st04", "st06", "st11", "st23", "st24", "st25", "st26", "st27"}


def rows(name: str) -> list[dict[str, str]]:
    with open(DATA / f"{name}.csv", encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def by_id(name: str) -> dict[str, dict[str, str]]:
    return {r["id"]: r for r in rows(name)}


# ------------------------------------------------------------- statements and acts


def test_acts_are_the_deeds_and_every_act_is_inferred():
    stances = rows("stances")
    assert {s["id"] for s in stances if s["mode"] == "act"} == ACTS
    assert {s["mode"] for s in stances} == {"statement", "act"}
    for s in stances:
        if s["mode"] == "act":
            assert s["inferred"] == "true", s["id"]
        if s["inferred"] == "true":
            assert s["note"].strip(), s["id"]


def test_inferred_stances_follow_the_relations_rule():
    """The referee's list (st08, st10, st14, st15, st17, st19, st20) and, by the same rule,
    the four-party agreement read as the coalition (st16, st18, as its ties are), the
    account of the centre's purpose read as support (st13, as its tie is), and every act."""
    inferred = {s["id"] for s in rows("stances") if s["inferred"] == "true"}
    referee = {"st08", "st10", "st14", "st15", "st17", "st19", "st20"}
    assert inferred == referee | {"st13", "st16", "st18"} | ACTS
    ties = by_id("relations")  # the stance and the tie that read the same words agree
    for stance, tie in (("st08", "r024"), ("st10", "r032"), ("st11", "r031"), ("st13", "r047"),
                        ("st14", "r048"), ("st16", "r054"), ("st17", "r057"), ("st18", "r058"),
                        ("st19", "r061"), ("st20", "r062"), ("st27", "r115")):  # fmt: skip
        assert ties[tie]["inferred"] == "true", tie
        assert stance in inferred
    for stance, tie in (("st05", "r019"), ("st07", "r022"), ("st12", "r034"), ("st21", "r064")):
        assert ties[tie]["inferred"] == "false" and stance not in inferred


def test_the_withheld_syrian_approval_is_coded_as_the_iraqi_approval_is():
    st, rel = by_id("stances"), by_id("relations")
    iraqi, syrian = st["st11"], st["st27"]
    for column in ("target", "mode", "sentence", "footnotes", "inferred", "according_to"):
        assert iraqi[column] == syrian[column], column
    assert (iraqi["actor"], iraqi["stance"]) == ("iraq_government", "support")
    assert (syrian["actor"], syrian["stance"]) == ("syria_government", "oppose")
    assert syrian["according_to"] == "russian_envoy"
    iraqi_tie, syrian_tie = rel["r031"], rel["r115"]
    for column in ("target", "sentence", "footnotes", "inferred", "according_to"):
        assert iraqi_tie[column] == syrian_tie[column], column
    assert (syrian_tie["source"], syrian_tie["relation"]) == ("syria_government", "opposes")
    # the hard case on the approvals, and the one on acts, leave both out
    for case in ("hc12", "hc14"):
        stances, _ = load.apply_case(case)
        assert not {"st11", "st27"} & set(stances["id"]), case


def test_acts_as_stances_drops_exactly_the_acts():
    stances, _ = load.apply_case("hc14")
    assert set(load.stances()["id"]) - set(stances["id"]) == ACTS
    assert set(stances["mode"]) == {"statement"}


# --------------------------------------------------------------------- the concepts


def test_concepts_cover_the_arguments_the_referee_named():
    concepts = by_id("concepts")
    sentence = {s["id"]: s["sentence"] for s in rows("stances")}
    where: dict[str, set[str]] = {}
    for pair in rows("statement_concepts"):
        where.setdefault(pair["concept"], set()).add(sentence[pair["stance"]])
    assert set(where) == set(concepts)  # every concept is used
    assert {"s09", "s11"} <= where["legitimacy"]
    assert "s17" in where["sovereignty"]
    assert "s08" in where["double_standards"]
    assert {"s15", "s16", "s19"} <= where["fight_terrorism"]
    assert "s21" in where["harm_to_sunnis"]


def test_only_statements_carry_concepts_quoted_from_their_sentence():
    stances, text = by_id("stances"), {s["id"]: s["text_ar"] for s in rows("sentences")}
    pairs = rows("statement_concepts")
    assert [p["id"] for p in pairs] == [f"sc{n:02d}" for n in range(1, len(pairs) + 1)]
    for pair in pairs:
        stance = stances[pair["stance"]]
        assert stance["mode"] == "statement", pair["id"]
        assert pair["quote_ar"] in text[stance["sentence"]], pair["id"]
        assert pair["agreement"] in ("agree", "disagree")
    # the concept the article's speakers dispute: welcomed by one, rejected by two
    role = {p["stance"]: p["agreement"] for p in pairs if p["concept"] == "foreign_military_role"}
    assert role == {"st15": "agree", "st16": "disagree", "st22": "disagree"}


def test_concept_names_are_the_articles_words_where_it_has_them():
    text = {s["id"]: s["text_ar"] for s in rows("sentences")}
    for concept in rows("concepts"):
        if "The article has no name for the concept" in concept["definition"]:
            assert concept["name_ar"] not in "".join(text.values()), concept["id"]
        else:
            assert concept["name_ar"] in text[concept["example_sentence"]], concept["id"]


@pytest.mark.skipif(CODEBOOK is None, reason="needs the source checkout")
def test_the_codebook_defines_every_concept():
    prose = CODEBOOK.read_text(encoding="utf-8")
    section = prose[prose.index("## Concepts") :]
    for concept in rows("concepts"):
        assert f"`{concept['id']}`" in section, concept["id"]
        assert concept["name_ar"] in section, concept["id"]


def _plain(english: str) -> str:
    return english.translate(str.maketrans({"“": '"', "”": '"', "’": "'"})).lower()


def _fragments(quote: str, translation: str) -> list[str]:
    """The quote's words between the project's insertions in square brackets (the
    article's own brackets, translated, are words of the translation)."""
    parts, current = [], ""
    for piece in re.split(r"(\[[^\]]*\])", _plain(quote)):
        if piece.startswith("[") and piece not in translation:
            parts.append(current)
            current = ""
        else:
            current += piece
    parts.append(current)
    return [p.strip(' ,;:"') for p in parts if p.strip(' ,;:"')]


def test_english_quotes_are_the_translations_words():
    """st07 kept an older translation: every quote_en now takes the sentence's words from
    data/source/translation.en.csv, apart from insertions in square brackets."""
    with open(DATA / "source" / "translation.en.csv", encoding="utf-8", newline="") as f:
        english = {r["id"]: _plain(r["text_en"]) for r in csv.DictReader(f)}
    stances = by_id("stances")
    quoted = [(s["id"], s["sentence"], s["quote_en"]) for s in stances.values()]
    quoted += [(p["id"], stances[p["stance"]]["sentence"], p["quote_en"])
               for p in rows("statement_concepts")]  # fmt: skip
    for row_id, sentence, quote in quoted:
        for fragment in _fragments(quote, english[sentence]):
            assert fragment in english[sentence], (row_id, fragment)
    assert "the real aims of this coalition were" in stances["st07"]["quote_en"]


# ------------------------------------------------------------- coding corrections


def test_the_assad_regime_clause_is_the_articles_voice():
    rel = by_id("relations")
    assert rel["r076"]["according_to"] == rel["r077"]["according_to"] == "article"
    r075 = rel["r075"]
    assert (r075["source"], r075["relation"], r075["target"]) == (
        "eur_arab_me_states", "opposes", "syria_government",
    )  # fmt: skip
    assert r075["according_to"] == "article" and r075["inferred"] == "true"
    case = by_id("cases")["hc16"]
    assert "article's own assertion" in case["choice"] and "belief" in case["alternative"]
    _, relations = load.apply_case("hc16")  # the government's reading, as the alternative
    changed = relations.set_index("id")
    assert (changed.loc["r075", "source"], changed.loc["r075", "relation"]) == (
        "syria_government", "accuses",
    )  # fmt: skip
    assert changed.loc["r076", "according_to"] == changed.loc["r077", "according_to"]
    assert changed.loc["r076", "according_to"] == "syria_government"


def test_rotating_management_is_inferred():
    rel = by_id("relations")
    for tie in ("r044", "r045"):
        assert rel[tie]["inferred"] == "true" and "إدارة" in rel[tie]["note"]
        assert "management" in rel[tie]["note"]
    chairs = next(r for r in rows("codebook") if r["value"] == "chairs")
    assert "management" in chairs["definition"]  # the type covers what the article says


def test_no_note_names_a_row_or_an_actor_by_its_id():
    from rsii.data import validate

    problems, tables = validate.check(DATA)
    assert problems == []
    actors = {a["id"] for a in rows("actors")}
    for name in ("actors", "relations", "stances", "events", "statement_concepts"):
        for row in rows(name):
            ids = r"\b(r\d{3}|st\d{2}|hc\d{2}|alt\d{2}|e\d{2}|s\d{2})\b"
            assert not re.search(ids, row["note"]), (name, row["id"])
            words = set(re.findall(r"(?<![A-Za-z0-9_])[a-z][a-z0-9_]*", row["note"]))
            assert not words & actors, (name, row["id"], words & actors)
    assert "e06" not in by_id("events")["e06"]["note"]


# ------------------------------------------------------------ the validator's rules


def test_an_act_not_inferred(tmp_path, capsys):
    data = copy_data(tmp_path)
    line = edit_line(data / "stances.csv", "st06,", ",10,true,", ",10,false,")
    assert_reported(data, capsys, "stances.csv", line, "an act is inferred")


def test_a_concept_on_an_act(tmp_path, capsys):
    data = copy_data(tmp_path)
    line = edit_line(data / "statement_concepts.csv", "sc01,", "sc01,st05,", "sc01,st06,")
    assert_reported(data, capsys, "statement_concepts.csv", line, "st06", "only statements")


def test_a_concept_quote_not_in_the_sentence(tmp_path, capsys):
    data = copy_data(tmp_path)
    path = data / "statement_concepts.csv"
    line = edit_line(path, "sc05,", "تفويض أممي", "تفويض دولي")
    assert_reported(data, capsys, "statement_concepts.csv", line, "quote_ar", "s09", "st09")


def test_a_concept_coded_twice_for_one_statement(tmp_path, capsys):
    data = copy_data(tmp_path)
    path = data / "statement_concepts.csv"
    first = line_of(path, "sc03,")
    line = edit_line(path, "sc02,", ",hidden_aims,", ",sovereignty,")
    assert line < first
    assert_reported(data, capsys, "statement_concepts.csv", first, f"repeats line {line}")


def test_an_unknown_concept_or_agreement(tmp_path, capsys):
    data = copy_data(tmp_path)
    path = data / "statement_concepts.csv"
    line = edit_line(path, "sc04,", ",double_standards,agree,", ",hypocrisy,partly,")
    out = assert_reported(data, capsys, "statement_concepts.csv", line, "'hypocrisy'")
    assert any(f"statement_concepts.csv:{line}:" in p and "'partly'" in p for p in out)


def test_an_alternative_that_makes_a_statement_an_act(tmp_path, capsys):
    data = copy_data(tmp_path)
    path = data / "alternatives.csv"
    with open(path, "a", encoding="utf-8") as f:
        f.write("alt99,hc11,stances,st10,replace,mode,act,Test.\n")
    line = line_of(path, "alt99,")
    assert_reported(data, capsys, "alternatives.csv", line, "st10", "carries concepts")


@pytest.mark.parametrize(
    ("name", "prefix", "old", "new", "named"),
    [
        ("relations", "r101,", "as in sentence 10.", "as in r030.", "'r030'"),
        ("relations", "r101,", "as in sentence 10.", "as in s10.", "'s10'"),
        ("stances", "st13,", "approvingly;", "approvingly (hc14);", "'hc14'"),
        ("events", "e07,", "Undated in the article", "Undated in the article (like e06)", "'e06'"),
        ("actors", "us_administration,", "of the United States.", "(united_states).",
         "'united_states'"),
        ("statement_concepts", "sc09,", "fighting ISIS together.", "info_centre.",
         "'info_centre'"),
        ("alternatives", "alt65,", "in sentence 8 is.", "in sentence 8 is (r025).", "'r025'"),
        ("actors", "info_centre,", "as a coalition body rather than a state body",
         "as coalition_body rather than state_body", "'coalition_body', 'state_body'"),
    ],
)  # fmt: skip
def test_an_id_in_a_note(tmp_path, capsys, name, prefix, old, new, named):
    data = copy_data(tmp_path)
    line = edit_line(data / f"{name}.csv", prefix, old, new)
    assert_reported(data, capsys, f"{name}.csv", line, "note names", named, "in words")


@pytest.mark.skipif(CODEBOOK is None, reason="needs the source checkout")
def test_rubaies_case_states_the_articles_tension_over_hezbollah():
    prose = CODEBOOK.read_text(encoding="utf-8")
    start = prose.index("### Al-Rubaie's call for a “new” alliance")
    case = prose[start : prose.index("\n### ", start + 1)]
    assert "«زائد واحد» إلى حزب الله اللبناني" in case and "<sentence-s01>" in case
    assert "تحالف إقليمي دولي جديد" in case and "*new*" in case
