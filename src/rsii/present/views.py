"""The analysis tables as a reader sees them: names for ids, words for codes, headers in
the edition's language, footnotes as citations. The ids stay in the data downloads and
``rsii export``.

Every heading and word a table shows passes through :mod:`rsii.present.i18n`; in the
Arabic edition the actors' names are their Arabic short names (:func:`names`), the
codebook's values their Arabic words (:func:`rsii.present.words.value`) and the data's
notes and titles their translations (``i18n.data_``).
"""

from __future__ import annotations

import pandas as pd

from rsii.present import i18n, words
from rsii.present.i18n import _, p_
from rsii.present.tables import sentence_link

with i18n.using("en"):  # the English words, for code that still reads them as data
    STANCE_WORDS = words._vocabulary("stance verb")


def cite(footnotes) -> str:
    """The article's footnote numbers as citations of the bibliography's entries."""
    numbers = str(footnotes or "").split()
    return "{cite:p}`" + ",".join(f"fn{int(n):02d}" for n in numbers) + "`" if numbers else ""


def _reporter(according_to, names: dict[str, str]) -> str:
    """Whose claim a row is, for a table cell: "the article" or the reporter's name
    (running text says it with :func:`rsii.present.register.voice`)."""
    who = str(according_to or "article")
    return _("the article") if who == "article" else names.get(who, who)


def _quotes(table: pd.DataFrame) -> dict:
    """The quoted words: Arabic and English; in the Arabic edition the article's words
    only (the English is the project's translation of them, for English readers)."""
    if i18n.is_arabic():
        return {_("Quoted words"): table["quote_ar"]}
    return {"Arabic": table["quote_ar"], "English": table["quote_en"]}


def statements(stances: pd.DataFrame, names: dict[str, str]) -> pd.DataFrame:
    """Every coded statement: who, on what, which way, the Arabic and English words, the
    sentence, the footnotes and whose report it is."""
    return pd.DataFrame(
        {
            _("Speaker"): stances["actor"].map(names),
            _("Stance"): stances["stance"].astype(str).map(words._vocabulary("stance verb")),
            _("Target"): stances["target"].map(names),
            **_quotes(stances),
            _("Sentence"): stances["sentence"],
            _("Footnotes"): stances["footnotes"].map(cite),
            _("According to"): stances["according_to"].map(lambda a: _reporter(a, names)),
        }
    )


def variants(table: pd.DataFrame) -> pd.DataFrame:
    return pd.DataFrame(
        {
            _("Signed network"): table["description"].map(lambda d: words.value("variant", d)),
            _("Actors"): table["actors"],
            _("Ties"): table["ties"],
            _("Negative"): table["negative"],
            _("Triangles"): table["triangles"],
            _("Balanced triangles"): table["balanced_share"].map(lambda x: f"{x:.2f}"),
            _("Walk index"): table["walk_index"].map(lambda x: f"{x:.2f}"),
            _("Frustration"): table["frustration"],
            _("Optimal two-camp splits"): table["optimal_splits"],
            _("Clusters"): table["clusters"],
            _("Misfits"): table["misfits"],
        }
    )


def against_chance(table: pd.DataFrame) -> pd.DataFrame:
    def fmt(x) -> str:
        return f"{x:.2f}" if isinstance(x, float) and x != int(x) else f"{x:g}"

    spread = [f"{lo:.2g}–{hi:.2g}" for lo, hi in zip(table["low"], table["high"], strict=True)]
    return pd.DataFrame(
        {
            _("Null model"): table["model"].map(lambda m: words.value("null model", m)),
            _("Measure"): table["measure"].map(lambda m: words.value("measure", m)),
            _("Observed"): table["observed"].map(fmt),
            _("Mean by chance"): table["mean"].map(lambda x: f"{x:.2f}"),
            _("5–95 % of draws"): spread,
            _("Share of draws as balanced"): [
                _("below 1 in {limit}", limit=format(n + 1, ",")) if floor else f"{p:.3f}"
                for p, floor, n in zip(
                    table["p_value"], table["at_floor"], table["draws"], strict=True
                )
            ],
        }
    )


def groups(stable: list[set], names: dict[str, str]) -> pd.DataFrame:
    """The groups every optimal split keeps together, largest first."""
    ordered = sorted(stable, key=lambda g: (-len(g), sorted(names.get(a, a) for a in g)))
    return pd.DataFrame(
        {
            _("Actors kept together"): [
                words.semicolons(sorted(names.get(a, a) for a in g)) for g in ordered if len(g) > 1
            ]
        }
    )


def frustrated(table: pd.DataFrame, names: dict[str, str]) -> pd.DataFrame:
    """The frustrated ties with the evidence behind them (from
    :meth:`rsii.analysis.results.Analysis.frustrated_rows`)."""
    quote = _("Quoted words") if i18n.is_arabic() else "Arabic"
    return pd.DataFrame(
        {
            _("Tie"): [f"{names[u]} – {names[v]}" for u, v in table[["u", "v"]].itertuples(False)],
            _("Sign"): table["sign"].map(lambda s: words.value("sign", s)),
            _("What it rests on"): table["kind"].map(evidence_kind),
            quote: table["quote_ar"],
            _("Sentence"): table["sentence"],
            _("Footnotes"): table["footnotes"].map(cite),
        }
    )


def evidence_kind(kind) -> str:
    """What a tie of the signed network rests on (its ``kind``: a relation type, a
    stance or the rule that joins a government to its state), in words."""
    kind = str(kind)
    if not i18n.is_arabic():
        return kind.replace("_", " ")
    if kind.startswith("stance: "):
        return {
            "stance: support": p_("tie evidence", "stance: support"),
            "stance: oppose": p_("tie evidence", "stance: oppose"),
        }.get(kind, kind)
    if kind == "rule: a government with its state":  # rsii.analysis.network.GOVERNMENT_RULE
        return p_("tie evidence", "rule: a government with its state")
    return words.value("relation", kind)


def changes(row, names: dict[str, str]) -> str:
    """What a rerun changes, in words (a row of :attr:`rsii.analysis.results.Results.cases`):
    the actors that enter or leave the signed network, and the pairs of actors whose
    place in the optimal splits changes."""
    out = [_("{actor} enters", actor=names[a]) for a in row["enter"]]
    out += [_("{actor} leaves", actor=names[a]) for a in row["leave"]]
    if row["settled"]:
        out.append(
            i18n.n_(
                "{n} pair now always together or always apart",
                "{n} pairs now always together or always apart",
                row["settled"],
            )
        )
    if row["unsettled"]:
        out.append(
            i18n.n_(
                "{n} pair no longer always together or always apart",
                "{n} pairs no longer always together or always apart",
                row["unsettled"],
            )
        )
    if row["reversed"]:
        out.append(
            i18n.n_(
                "{n} pair from always together to always apart, or back",
                "{n} pairs from always together to always apart, or back",
                row["reversed"],
            )
        )
    return words.semicolons(out) or p_("changes", "none")


def sensitivity(table: pd.DataFrame, names: dict[str, str]) -> pd.DataFrame:
    return pd.DataFrame(
        {
            _("Reading"): table["title"].map(lambda t: i18n.data_(t, "cases.title")),
            _("Ties"): table["ties"],
            _("Negative"): table["negative"],
            _("Balanced triangles"): table["balanced_share"].map(lambda x: f"{x:.2f}"),
            _("Frustration"): table["frustration"],
            _("Optimal splits"): table["optimal_splits"],
            _("What changes"): [changes(r, names) for r in table.to_dict("records")],
        }
    )


def pairs(table: pd.DataFrame) -> pd.DataFrame:
    out = {
        _("Actor"): table["actor_a"],
        p_("pair", "And"): table["actor_b"],
        _("Shared statements"): table["congruence"].astype(int),
        _("Opposed statements"): table["conflict"].astype(int),
    }
    if "jaccard" in table:
        out[_("Jaccard congruence")] = table["jaccard"].map(lambda x: f"{x:.2f}")
    return pd.DataFrame(out)


def concept_statements(
    table: pd.DataFrame, names: dict[str, str], concepts: dict[str, str] | None = None
) -> pd.DataFrame:
    """The statements about concepts (:func:`rsii.analysis.dna.concept_statements`):
    who invokes which argument of the article, agreeing or not, in whose words.
    ``concepts`` names each concept (by id) in the edition's language; without it, the
    English name the table carries."""
    argument = table["target"].map(concepts) if concepts else table["concept_en"]
    return pd.DataFrame(
        {
            _("Speaker"): table["actor"].map(names),
            _("Argument"): argument,
            _("Agrees"): table["stance"].map(lambda s: words.value("yes", s == "support")),
            **_quotes(table),
        }
    )


def arenas(table: pd.DataFrame) -> pd.DataFrame:
    def camp(cell) -> str:  # the analysis lists a camp's names with commas
        return "، ".join(str(cell).split(", ")) if i18n.is_arabic() and cell else cell

    return pd.DataFrame(
        {
            _("Arena"): table["arena"].map(lambda a: words.value("arena", a)),
            _("Actors"): table["actors"],
            _("Ties"): table["ties"],
            _("Negative"): table["negative"],
            _("Balanced triangles"): table["balanced_share"].map(
                lambda x: _("no triangle") if x != x else f"{x:.2f}"
            ),
            _("Frustration"): table["frustration"],
            _("Camp A"): table["camp_A"].map(camp),
            _("Camp B"): table["camp_B"].map(camp),
        }
    )


# The kinds of actor in words, in English (:func:`rsii.present.words.value` gives them in
# the edition's language): table cells as they are, running text with "a" or "an"
# (words.indefinite).
with i18n.using("en"):
    KIND_WORDS = words._vocabulary("kind")


def kinds(table: pd.DataFrame) -> pd.DataFrame:
    return pd.DataFrame(
        {
            _("Kind"): table["kind"].map(lambda k: words.value("kind", k)),
            _("Actors"): table["actors"],
        }
    )


def relations(table: pd.DataFrame, types: pd.DataFrame) -> pd.DataFrame:
    tie = dict(zip(types["value"], types["tie"], strict=True))
    return pd.DataFrame(
        {
            _("Relation"): table["relation"].map(lambda r: words.value("relation", r)),
            _("Class"): table["relation"].astype(str).map(tie).map(lambda t: words.value("tie", t)),
            _("Sign"): table["sign"].map(lambda s: words.value("sign", s)),
            _("Ties"): table["ties"],
            _("Inferred"): table["inferred"],
        }
    )


def bloc(name) -> str:
    """A bloc's name in the edition's language."""
    return words.value("bloc", name)


def bloc_sizes(groups: dict[str, str]) -> pd.DataFrame:
    """How many actors each bloc holds (``groups``: actor → bloc), largest first."""
    members = pd.Series(groups).map(str).value_counts().rename_axis("Bloc")
    out = members.reset_index(name="Actors")
    return pd.DataFrame({_("Bloc"): out["Bloc"].map(bloc), _("Actors"): out["Actors"]})


def centralities(cent: pd.DataFrame, pn: pd.Series, names: dict[str, str]) -> pd.DataFrame:
    return pd.DataFrame(
        {
            _("Actor"): cent.index.map(names),
            _("Degree"): cent["degree"],
            _("Betweenness"): cent["betweenness"].map(lambda x: f"{x:.3f}"),
            _("Eigenvector"): cent["eigenvector"].map(lambda x: "–" if x != x else f"{x:.3f}"),
            _("PN (signed)"): [f"{pn[a]:.3f}" if a in pn.index else "–" for a in cent.index],
        }
    ).reset_index(drop=True)


def block_model(table: pd.DataFrame) -> pd.DataFrame:
    return pd.DataFrame(
        {
            _("Bloc"): table["group_a"].map(bloc),
            _("With bloc"): table["group_b"].map(bloc).where(~table["within"], _("(within)")),
            _("Tied pairs"): table["pairs"],
            _("Density"): table["density"].map(lambda x: f"{x:.2f}"),
            _("Ties"): table["ties"],
            _("Positive"): table["positive"],
            _("Negative"): table["negative"],
        }
    )


def events(table: pd.DataFrame, names: dict[str, str]) -> pd.DataFrame:
    def who(cell) -> str:
        return words.semicolons(names.get(a, a) for a in str(cell).split())

    return pd.DataFrame(
        {
            _("Date"): table["date"],
            _("Precision"): table["precision"].map(lambda p: words.value("precision", p)),
            _("Event"): table["event_en"].map(lambda e: i18n.data_(e, "events.event_en")),
            _("Actors"): table["actors"].map(who),
            _("Dated by"): table["according_to"].map(lambda a: _reporter(a, names)),
            _("Sentence"): table["sentence"],
            _("Footnotes"): table["footnotes"].map(cite),
        }
    )


def footnotes(table: pd.DataFrame) -> pd.DataFrame:
    def sentences(cell) -> str:
        return words.commas(sentence_link(s) for s in cell.split())

    out = {
        _("Footnote"): table["footnote"].map(lambda n: cite(str(n))),
        _("Cited after"): table["sentences"].map(sentences),
        _("Times cited"): table["times_cited"],
    }
    coded = {
        "relations": _("Coded relations"),
        "stances": _("Coded stances"),
        "events": _("Coded events"),
    }
    for name, heading in coded.items():
        if name in table:
            out[heading] = table[name]
    return pd.DataFrame(out)


def bare(table: pd.DataFrame, sentences: pd.DataFrame | None = None) -> pd.DataFrame:
    """The sentences without a footnote (:func:`rsii.analysis.evidence.unsourced_sentences`):
    their translation in the English edition; in the Arabic one the article's own words
    (its section's heading, the sentence), from ``sentences`` (the article's table)."""
    if i18n.is_arabic():
        rows = (sentences if sentences is not None else table).set_index("id").loc[table["id"]]
        return pd.DataFrame(
            {_("Sentence"): table["id"].to_numpy(),
             _("Section"): rows["section"].replace("", p_("section", "lead")).to_numpy(),
             _("Text"): rows["text_ar"].to_numpy()}
        )  # fmt: skip
    return pd.DataFrame(
        {"Sentence": table["id"], "Section": table["section_en"].replace("", "lead"),
         "English": table["text_en"]}
    )  # fmt: skip


def unsourced(table: pd.DataFrame) -> pd.DataFrame:
    tables = {
        "relations": p_("coded table", "relations"),
        "stances": p_("coded table", "stances"),
        "events": p_("coded table", "events"),
    }
    return pd.DataFrame(
        {
            _("Coded rows"): table["table"].map(lambda t: tables.get(t, t)),
            _("Rows"): table["rows"],
            _("Without a footnote"): table["without_footnote"],
            _("Share"): table["share"].map(lambda x: f"{x:.2f}"),
        }
    )


def loss(table: pd.DataFrame) -> pd.DataFrame:
    measures = {"actors": p_("loss", "actors"), "ties": p_("loss", "ties"),
                "components": p_("loss", "connected parts"),
                "largest_component": p_("loss", "actors in the largest part")}  # fmt: skip
    out = table.reset_index()
    return pd.DataFrame(
        {
            _("Measure"): out["measure"].map(measures),
            _("All ties"): out["all ties"],
            _("Footnoted ties only"): out["footnoted ties only"],
        }
    )


# Each option of each modelling choice of the multiverse
# (rsii.analysis.multiverse.OPTIONS) in words, as a table's cell and a figure's row label;
# in English (:func:`option_words` gives them in the edition's language).
def option_words() -> dict[str, dict]:
    return {choice: words._vocabulary(f"option: {choice}") for choice in words.CHOICES}


with i18n.using("en"):
    OPTION_WORDS = option_words()


def multiverse(table: pd.DataFrame, titles: dict[str, str] | None = None) -> pd.DataFrame:
    """The models of :class:`rsii.analysis.multiverse.Multiverse` (its ``table``, or a
    part of it) as a reader sees them: the main model marked, each choice in words
    (or, for a hard case's reading, its title from ``titles``), then the measures."""
    # One column says the model in words, so that the measures fit beside it.
    if (table["case"] != "").any():
        coded = _("as coded")
        model = table["case"].map(lambda c: (titles or {}).get(c, c) if c else coded)
    else:
        options = option_words()
        model = pd.Series(
            [words.semicolons(said[row[choice]] for choice, said in options.items())
             for row in table.to_dict("records")],
            index=table.index,
        )  # fmt: skip
    out = {
        _("Model"): [
            _("main model: {model}", model=m) if main else m
            for m, main in zip(model, table["main"], strict=True)
        ]
    }
    out |= {
        _("Actors"): table["actors"],
        _("Ties"): table["ties"],
        _("Balanced triangles"): table["balanced_share"].map(lambda x: f"{x:.2f}"),
        _("Frustration"): table["frustration"],
        _("Splits"): table["optimal_splits"],
        _("Misfits"): table["misfits"],
        _("Clusters needed"): table["fewest_clusters"],
        _("Support"): table["support"],
        _("Opposition"): table["oppose"],
    }
    return pd.DataFrame(out).reset_index(drop=True)


def conditions(needs: dict) -> str:
    """The choices a finding rests on (:func:`rsii.analysis.findings.rests_on`), in
    words: "governments joined to their states or states merged with their agents;
    inferred ties and stances kept"; "none" when it needs none."""
    options = option_words()
    parts = [words.join((options[c][o] for o in chosen), "or") for c, chosen in needs.items()]
    return words.semicolons(parts) or p_("conditions", "none")


def robustness(table: pd.DataFrame) -> pd.DataFrame:
    """Each finding's robustness (:func:`rsii.analysis.findings.robustness`) for readers."""

    def share(held, models) -> list[str]:
        return [_("{n} of {m}", n=n, m=m) for n, m in zip(held, models, strict=True)]

    return pd.DataFrame(
        {
            _("Finding"): table["says"].map(lambda f: words.value("finding", f)),
            _("Models where it holds"): share(table["held"], table["models"]),
            _("Hard cases' readings"): share(table["held_readings"], table["readings"]),
            _("Rests on"): table["needs"].map(conditions),
            _("Holds in every model that takes them"): table["enough"].map(
                lambda e: words.value("yes", bool(e))
            ),
        }
    )
