"""The tables and computed words of the chapters in the Arabic edition: headings,
codebook values and the analysis' labels in Arabic (no Latin letter left but in code,
ids, link targets and citations), English unchanged, and a missing translation an
error, never English in silence."""

from __future__ import annotations

import re

import pandas as pd
import pytest

from rsii.book.sphinxext import codebook
from rsii.data import load
from rsii.present import i18n, names, readable, views, words
from rsii.present.tables import markdown_table


def latin(text: str) -> list[str]:
    """The Latin words a reader sees in a table's MyST: not the LaTeX column spec, the
    citations' keys, code (the data's values) or the targets of links; the acronym of a
    centrality measure (PN, Everett and Borgatti's name for it) may stay."""
    text = re.sub(r"```\{tabularcolumns\}.*?```", "", text, flags=re.DOTALL)
    text = re.sub(r"\{cite:p\}`[^`]*`", "", text)
    # code goes; a role stays, for plain() to give its label
    text = re.sub(r"(\{[\w:+.-]+\}`[^`]*`)|`[^`]*`", lambda m: m.group(1) or "", text)
    return re.findall(r"[A-Za-z][A-Za-z'-]*", readable.plain(text).replace("PN", ""))


@pytest.fixture
def arabic(monkeypatch):
    """The Arabic edition, the data's strings standing in translated (rsii/data.po is
    another catalog, translated apart)."""
    monkeypatch.setattr(i18n, "data_", lambda text, context=None: "نص مترجم" if text else text)
    with i18n.using("ar"):
        yield


@pytest.fixture(scope="module")
def actors():
    return load.actors()


def _arabic_table(df: pd.DataFrame, **kw) -> None:
    for heading in df.columns:
        assert not re.search("[A-Za-z]", str(heading).replace("PN", "")), heading
    text = markdown_table(df, **kw).text
    assert not latin(text), (latin(text), text[:500])


def test_actor_tables_in_arabic(arabic, actors):
    named = names.names(actors)
    assert named["russia"] == "روسيا" and named["us_led_coalition"] == "التحالف الدولي"
    links = names.actor_links(actors)
    stances = load.stances()
    _arabic_table(views.statements(stances, named), actors=links)
    _arabic_table(views.events(load.events(), named), actors=links)
    counts = actors.groupby("kind", observed=True).size().rename("actors").reset_index()
    _arabic_table(views.kinds(counts))
    types = load.relation_types()
    rel = load.relations()
    by_relation = rel.groupby(["relation", "sign"], observed=True).size()
    by_relation = by_relation.rename("ties").reset_index().assign(inferred=0)
    _arabic_table(views.relations(by_relation, types))
    groups = {"russia": "4+1 coalition", "isis": "Islamic State", "karbouli": "Other"}
    _arabic_table(views.bloc_sizes(groups))


def test_a_linked_arabic_name_links_to_its_page(arabic, actors):
    links = names.actor_links(actors)
    table = pd.DataFrame({"الفاعلون": ["روسيا؛ التحالف الدولي"]})
    text = markdown_table(table, actors=links).text
    assert "{ref}`روسيا <actor-russia>`؛ {ref}`التحالف الدولي <actor-us_led_coalition>`" in text


def test_analysis_tables_in_arabic(arabic):
    measures = dict(actors=[27], ties=[53], negative=[22], triangles=[39],
                    balanced_share=[0.95], walk_index=[0.83], frustration=[3],
                    optimal_splits=[4], clusters=[9], misfits=[1])  # fmt: skip
    description = "sentiment ties and stances, each government joined to its state"
    _arabic_table(views.variants(pd.DataFrame({"description": [description], **measures})))
    chance = pd.DataFrame(
        {"model": ["sign permutations", "degree-preserving rewirings"],
         "measure": ["frustration index (two camps)", "walk-based balance"],
         "observed": [3, 0.83], "mean": [9.4, 0.2], "low": [7, 0.1], "high": [11, 0.3],
         "p_value": [0.002, 0.001], "at_floor": [False, True], "draws": [1000, 1000]}
    )  # fmt: skip
    _arabic_table(views.against_chance(chance))
    case = {"title": ["Al-Karbouli's voice"], "enter": [["russia"]], "leave": [[]],
            "settled": [187], "unsettled": [2], "reversed": [0]}  # fmt: skip
    sensitivity = pd.DataFrame({**case, **measures})
    _arabic_table(views.sensitivity(sensitivity, {"russia": "روسيا"}))
    arenas = pd.DataFrame(
        {"arena": ["international", "Iraqi domestic"], "actors": [20, 9], "ties": [40, 8],
         "negative": [15, 4], "balanced_share": [0.97, float("nan")], "frustration": [2, 0],
         "camp_A": ["روسيا, إيران", "العراق"], "camp_B": ["داعش", ""]}
    )  # fmt: skip
    shown = views.arenas(arenas)
    _arabic_table(shown)
    assert shown.iloc[0, -2] == "روسيا، إيران"
    frustrated = pd.DataFrame(
        {"u": ["syria", "russia"], "v": ["syria_government", "isis"], "sign": [1, -1],
         "kind": ["rule: a government with its state", "stance: oppose"],
         "quote_ar": ["", "رفضت"], "sentence": ["", "s09"], "footnotes": ["", "12"]}
    )  # fmt: skip
    named = {"syria": "سوريا", "syria_government": "الحكومة السورية", "russia": "روسيا",
             "isis": "داعش"}  # fmt: skip
    _arabic_table(views.frustrated(frustrated, named))
    loss = pd.DataFrame(
        {"all ties": [42, 115, 6, 37], "footnoted ties only": [27, 76, 2, 23]},
        index=pd.Index(["actors", "ties", "components", "largest_component"], name="measure"),
    )
    _arabic_table(views.loss(loss))
    rows = pd.DataFrame({"table": ["relations", "stances", "events"], "rows": [1, 2, 3],
                         "without_footnote": [0, 1, 1], "share": [0.0, 0.5, 0.3]})  # fmt: skip
    _arabic_table(views.unsourced(rows))


def test_robustness_tables_in_arabic(arabic):
    from rsii.analysis import findings

    combos = pd.DataFrame(
        {"case": ["", ""], "main": [True, False], "affiliation": [False, True],
         "states": ["joined", "merged"], "acts": [True, False], "founding": [True, False],
         "inferred": [True, False], "actors": [27, 30], "ties": [53, 60],
         "balanced_share": [0.95, 0.9], "frustration": [3, 2], "optimal_splits": [4, 1],
         "misfits": [1, 0], "fewest_clusters": [3, 2], "support": [16, 6], "oppose": [11, 10]}
    )  # fmt: skip
    _arabic_table(views.multiverse(combos))
    found = pd.DataFrame(
        {"says": [says for says, _ in findings.FINDINGS.values()],
         "held": 1, "models": 48, "held_readings": 1, "readings": 16,
         "needs": [{"states": ("joined", "merged"), "inferred": (True,)}] + [{}] * 9,
         "enough": False}
    )  # fmt: skip
    _arabic_table(views.robustness(found))


@pytest.mark.parametrize("field", ["kind", "relation", "stance", "mode", "agreement", "precision"])
def test_codebook_tables_in_arabic(arabic, field):
    text = codebook.field_table(field)
    assert not latin(text), latin(text)
    assert "`member_of`" in codebook.field_table("relation")  # the code the files hold


def test_words_in_arabic(arabic):
    assert words.sentence("s07") == "الجملة 7"
    assert words.count(19, "speaker") == "19 متحدثًا"
    assert words.count(2, "case", zero="none") == "حالتان"
    assert words.count(0, "case", zero="none") == "لا حالة"
    assert words.count(4, "group") == "4 مجموعات" and words.number(3) == "3"
    assert words.share_of_draws(0.002, False, 1000) == "نسبة 0.002"
    assert words.join_pairs([("أ", "ب"), ("ج", "د")]) == "أ وب، وج ود"
    assert words.semicolons(["أ", "ب"]) == "أ؛ ب" and words.commas(["[5]", "[14]"]) == "[5]، [14]"
    assert words.value("relation", "member_of") == "عضو في"
    with pytest.raises(i18n.MissingTranslation):
        words.count(3, "bicycle")
    with pytest.raises(i18n.MissingTranslation):
        words.value("bloc", "no such bloc")


def test_plural_forms_follow_the_number(arabic):
    forms = [words.count(n, "actor") for n in (0, 1, 2, 3, 11, 100)]
    assert forms == ["لا فاعل", "فاعل واحد", "فاعلان", "3 فاعلين", "11 فاعلًا", "100 فاعل"]


def test_english_is_unchanged():
    with i18n.using("en"):
        assert words.sentence("s07") == "sentence 7" and words.count(0, "case", "none") == "none"
        assert words.share_of_draws(0.0, True, 1000) == (
            "no draw (a share below 1 in 1,001, the least 1,000 draws can show)"
        )
        assert words.join_pairs([("A", "B"), ("C", "D")]) == "A and B and C and D"
        assert views.KIND_WORDS["media"] == "news organisation or media unit"
        assert views.OPTION_WORDS["acts"][False] == "statements only"
        table = views.kinds(pd.DataFrame({"kind": ["armed_group"], "actors": [5]}))
        assert list(table.columns) == ["Kind", "Actors"] and table.iloc[0, 0] == "armed group"


def test_a_missing_translation_is_an_error(monkeypatch):
    monkeypatch.setattr(i18n, "_catalog", lambda lang: {})
    with i18n.using("ar"):
        with pytest.raises(i18n.MissingTranslation, match="Kind"):
            views.kinds(pd.DataFrame({"kind": ["state"], "actors": [6]}))
        with pytest.raises(i18n.MissingTranslation):
            codebook.field_table("stance")
        with pytest.raises(i18n.MissingTranslation):
            words.count(3, "actor")
