"""The analysis tables as a reader sees them: names for ids, words for codes, headers in
English, footnotes as citations. The ids stay in the data downloads and ``rsii export``.
"""

from __future__ import annotations

import pandas as pd

from rsii.present.tables import sentence_link

STANCE_WORDS = {"support": "supports", "oppose": "opposes"}


def cite(footnotes) -> str:
    """The article's footnote numbers as citations of the bibliography's entries."""
    numbers = str(footnotes or "").split()
    return "{cite:p}`" + ",".join(f"fn{int(n):02d}" for n in numbers) + "`" if numbers else ""


def _reporter(according_to, names: dict[str, str]) -> str:
    """Whose claim a row is, for a table cell: "the article" or the reporter's name
    (running text says it with :func:`rsii.present.register.voice`)."""
    who = str(according_to or "article")
    return "the article" if who == "article" else names.get(who, who)


def statements(stances: pd.DataFrame, names: dict[str, str]) -> pd.DataFrame:
    """Every coded statement: who, on what, which way, the Arabic and English words, the
    sentence, the footnotes and whose report it is."""
    return pd.DataFrame(
        {
            "Speaker": stances["actor"].map(names),
            "Stance": stances["stance"].astype(str).map(STANCE_WORDS),
            "Target": stances["target"].map(names),
            "Arabic": stances["quote_ar"],
            "English": stances["quote_en"],
            "Sentence": stances["sentence"],
            "Footnotes": stances["footnotes"].map(cite),
            "According to": stances["according_to"].map(lambda a: _reporter(a, names)),
        }
    )


def variants(table: pd.DataFrame) -> pd.DataFrame:
    return pd.DataFrame(
        {
            "Signed network": table["description"],
            "Actors": table["actors"],
            "Ties": table["ties"],
            "Negative": table["negative"],
            "Triangles": table["triangles"],
            "Balanced triangles": table["balanced_share"].map(lambda x: f"{x:.2f}"),
            "Walk index": table["walk_index"].map(lambda x: f"{x:.2f}"),
            "Frustration": table["frustration"],
            "Optimal two-camp splits": table["optimal_splits"],
            "Clusters": table["clusters"],
            "Misfits": table["misfits"],
        }
    )


def against_chance(table: pd.DataFrame) -> pd.DataFrame:
    def fmt(x) -> str:
        return f"{x:.2f}" if isinstance(x, float) and x != int(x) else f"{x:g}"

    spread = [f"{lo:.2g}–{hi:.2g}" for lo, hi in zip(table["low"], table["high"], strict=True)]
    return pd.DataFrame(
        {
            "Null model": table["model"],
            "Measure": table["measure"],
            "Observed": table["observed"].map(fmt),
            "Mean by chance": table["mean"].map(lambda x: f"{x:.2f}"),
            "5–95 % of draws": spread,
            "Share of draws as balanced": [
                f"below 1 in {n + 1:,}" if floor else f"{p:.3f}"
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
            "Actors kept together": [
                "; ".join(sorted(names.get(a, a) for a in g)) for g in ordered if len(g) > 1
            ]
        }
    )


def frustrated(table: pd.DataFrame, names: dict[str, str]) -> pd.DataFrame:
    """The frustrated ties with the evidence behind them (from
    :meth:`rsii.analysis.results.Analysis.frustrated_rows`)."""
    return pd.DataFrame(
        {
            "Tie": [f"{names[u]} – {names[v]}" for u, v in table[["u", "v"]].itertuples(False)],
            "Sign": table["sign"].map({1: "positive", -1: "negative"}),
            "What it rests on": table["kind"].astype(str).str.replace("_", " "),
            "Arabic": table["quote_ar"],
            "Sentence": table["sentence"],
            "Footnotes": table["footnotes"].map(cite),
        }
    )


def changes(row, names: dict[str, str]) -> str:
    """What a rerun changes, in words (a row of :attr:`rsii.analysis.results.Results.cases`):
    the actors that enter or leave the signed network, and the pairs of actors whose
    place in the optimal splits changes."""
    out = [f"{names[a]} enters" for a in row["enter"]]
    out += [f"{names[a]} leaves" for a in row["leave"]]
    for kind, words in (
        ("settled", "now always together or always apart"),
        ("unsettled", "no longer always together or always apart"),
        ("reversed", "from always together to always apart, or back"),
    ):
        if row[kind]:
            out.append(f"{row[kind]} {'pair' if row[kind] == 1 else 'pairs'} {words}")
    return "; ".join(out) or "none"


def sensitivity(table: pd.DataFrame, names: dict[str, str]) -> pd.DataFrame:
    return pd.DataFrame(
        {
            "Reading": table["title"],
            "Ties": table["ties"],
            "Negative": table["negative"],
            "Balanced triangles": table["balanced_share"].map(lambda x: f"{x:.2f}"),
            "Frustration": table["frustration"],
            "Optimal splits": table["optimal_splits"],
            "What changes": [changes(r, names) for r in table.to_dict("records")],
        }
    )


def pairs(table: pd.DataFrame) -> pd.DataFrame:
    out = {
        "Actor": table["actor_a"],
        "And": table["actor_b"],
        "Shared statements": table["congruence"].astype(int),
        "Opposed statements": table["conflict"].astype(int),
    }
    if "jaccard" in table:
        out["Jaccard congruence"] = table["jaccard"].map(lambda x: f"{x:.2f}")
    return pd.DataFrame(out)


def concept_statements(table: pd.DataFrame, names: dict[str, str]) -> pd.DataFrame:
    """The statements about concepts (:func:`rsii.analysis.dna.concept_statements`):
    who invokes which argument of the article, agreeing or not, in whose words."""
    return pd.DataFrame(
        {
            "Speaker": table["actor"].map(names),
            "Argument": table["concept_en"],
            "Agrees": table["stance"].map({"support": "yes", "oppose": "no"}),
            "Arabic": table["quote_ar"],
            "English": table["quote_en"],
        }
    )


def arenas(table: pd.DataFrame) -> pd.DataFrame:
    return pd.DataFrame(
        {
            "Arena": table["arena"],
            "Actors": table["actors"],
            "Ties": table["ties"],
            "Negative": table["negative"],
            "Balanced triangles": table["balanced_share"].map(
                lambda x: "no triangle" if x != x else f"{x:.2f}"
            ),
            "Frustration": table["frustration"],
            "Camp A": table["camp_A"],
            "Camp B": table["camp_B"],
        }
    )


# The kinds of actor in words: table cells as they are, running text with "a" or "an"
# (words.indefinite).
KIND_WORDS = {
    "state": "state", "government": "government", "state_body": "state body",
    "person": "person", "armed_group": "armed group", "party_or_bloc": "party or bloc",
    "media": "news organisation or media unit", "coalition": "coalition",
    "coalition_body": "coalition body",
    "international_organisation": "international organisation",
    "unnamed_source": "unnamed source",
}  # fmt: skip


def kinds(table: pd.DataFrame) -> pd.DataFrame:
    return pd.DataFrame({"Kind": table["kind"].map(KIND_WORDS), "Actors": table["actors"]})


def relations(table: pd.DataFrame, types: pd.DataFrame) -> pd.DataFrame:
    tie = dict(zip(types["value"], types["tie"], strict=True))
    return pd.DataFrame(
        {
            "Relation": table["relation"].astype(str).str.replace("_", " "),
            "Class": table["relation"].astype(str).map(tie),
            "Sign": table["sign"].map({1: "positive", -1: "negative", 0: "neutral"}),
            "Ties": table["ties"],
            "Inferred": table["inferred"],
        }
    )


def centralities(cent: pd.DataFrame, pn: pd.Series, names: dict[str, str]) -> pd.DataFrame:
    return pd.DataFrame(
        {
            "Actor": cent.index.map(names),
            "Degree": cent["degree"],
            "Betweenness": cent["betweenness"].map(lambda x: f"{x:.3f}"),
            "Eigenvector": cent["eigenvector"].map(lambda x: "–" if x != x else f"{x:.3f}"),
            "PN (signed)": [f"{pn[a]:.3f}" if a in pn.index else "–" for a in cent.index],
        }
    ).reset_index(drop=True)


def block_model(table: pd.DataFrame) -> pd.DataFrame:
    return pd.DataFrame(
        {
            "Bloc": table["group_a"],
            "With bloc": table["group_b"].where(~table["within"], "(within)"),
            "Tied pairs": table["pairs"],
            "Density": table["density"].map(lambda x: f"{x:.2f}"),
            "Ties": table["ties"],
            "Positive": table["positive"],
            "Negative": table["negative"],
        }
    )


def events(table: pd.DataFrame, names: dict[str, str]) -> pd.DataFrame:
    def who(cell) -> str:
        return "; ".join(names.get(a, a) for a in str(cell).split())

    return pd.DataFrame(
        {
            "Date": table["date"],
            "Precision": table["precision"],
            "Event": table["event_en"],
            "Actors": table["actors"].map(who),
            "Dated by": table["according_to"].map(lambda a: _reporter(a, names)),
            "Sentence": table["sentence"],
            "Footnotes": table["footnotes"].map(cite),
        }
    )


def footnotes(table: pd.DataFrame) -> pd.DataFrame:
    def sentences(cell) -> str:
        return ", ".join(sentence_link(s) for s in cell.split())

    out = {
        "Footnote": table["footnote"].map(lambda n: cite(str(n))),
        "Cited after": table["sentences"].map(sentences),
        "Times cited": table["times_cited"],
    }
    for name in ("relations", "stances", "events"):
        if name in table:
            out[f"Coded {name}"] = table[name]
    return pd.DataFrame(out)


def bare(table: pd.DataFrame) -> pd.DataFrame:
    return pd.DataFrame(
        {"Sentence": table["id"], "Section": table["section_en"].replace("", "lead"),
         "English": table["text_en"]}
    )  # fmt: skip


def unsourced(table: pd.DataFrame) -> pd.DataFrame:
    return pd.DataFrame(
        {
            "Coded rows": table["table"],
            "Rows": table["rows"],
            "Without a footnote": table["without_footnote"],
            "Share": table["share"].map(lambda x: f"{x:.2f}"),
        }
    )


def loss(table: pd.DataFrame) -> pd.DataFrame:
    words = {"actors": "actors", "ties": "ties", "components": "connected parts",
             "largest_component": "actors in the largest part"}  # fmt: skip
    out = table.reset_index()
    return pd.DataFrame(
        {
            "Measure": out["measure"].map(words),
            "All ties": out["all ties"],
            "Footnoted ties only": out["footnoted ties only"],
        }
    )


# Each modelling choice of the multiverse (rsii.analysis.multiverse.OPTIONS) in words: a
# table's column and each option's cell, and each option as a figure's row label.
CHOICE_WORDS = {
    "affiliation": ("Ties counted", {False: "sentiment", True: "sentiment and affiliation"}),
    "states": ("Governments", {"joined": "joined to the state", "apart": "apart",
                               "merged": "merged into the state"}),
    "acts": ("Acts", {True: "counted", False: "left out"}),
    "founding": ("Founding ties", {True: "kept", False: "left out"}),
    "inferred": ("Inferred ties", {True: "kept", False: "left out"}),
}  # fmt: skip
OPTION_WORDS = {
    "affiliation": {False: "sentiment ties only", True: "affiliation ties added"},
    "states": {"joined": "governments joined to their states",
               "apart": "governments apart from their states",
               "merged": "states merged with their agents"},
    "acts": {True: "acts counted as positions", False: "statements only"},
    "founding": {True: "founding ties kept", False: "founding ties left out"},
    "inferred": {True: "inferred ties and stances kept",
                 False: "inferred ties and stances left out"},
}  # fmt: skip


def multiverse(table: pd.DataFrame, titles: dict[str, str] | None = None) -> pd.DataFrame:
    """The models of :class:`rsii.analysis.multiverse.Multiverse` (its ``table``, or a
    part of it) as a reader sees them: the main model marked, each choice in words
    (or, for a hard case's reading, its title from ``titles``), then the measures."""
    # One column says the model in words, so that the measures fit beside it.
    if (table["case"] != "").any():
        model = table["case"].map(lambda c: (titles or {}).get(c, c) if c else "as coded")
    else:
        model = pd.Series(
            ["; ".join(words[row[choice]] for choice, words in OPTION_WORDS.items())
             for row in table.to_dict("records")],
            index=table.index,
        )  # fmt: skip
    out = {
        "Model": [
            f"main model: {m}" if main else m for m, main in zip(model, table["main"], strict=True)
        ]
    }
    out |= {
        "Actors": table["actors"],
        "Ties": table["ties"],
        "Balanced triangles": table["balanced_share"].map(lambda x: f"{x:.2f}"),
        "Frustration": table["frustration"],
        "Splits": table["optimal_splits"],
        "Misfits": table["misfits"],
        "Clusters needed": table["fewest_clusters"],
        "Support": table["support"],
        "Opposition": table["oppose"],
    }
    return pd.DataFrame(out).reset_index(drop=True)


def conditions(needs: dict) -> str:
    """The choices a finding rests on (:func:`rsii.analysis.findings.rests_on`), in
    words: "governments joined to their states or states merged with their agents;
    inferred ties and stances kept"; "none" when it needs none."""
    parts = [" or ".join(OPTION_WORDS[c][o] for o in options) for c, options in needs.items()]
    return "; ".join(parts) or "none"


def robustness(table: pd.DataFrame) -> pd.DataFrame:
    """Each finding's robustness (:func:`rsii.analysis.findings.robustness`) for readers."""
    return pd.DataFrame(
        {
            "Finding": table["says"],
            "Models where it holds": [
                f"{n} of {m}" for n, m in zip(table["held"], table["models"], strict=True)
            ],  # fmt: skip
            "Hard cases' readings": [
                f"{n} of {m}"
                for n, m in zip(table["held_readings"], table["readings"], strict=True)
            ],  # fmt: skip
            "Rests on": table["needs"].map(conditions),
            "Holds in every model that takes them": table["enough"].map({True: "yes", False: "no"}),
        }
    )
