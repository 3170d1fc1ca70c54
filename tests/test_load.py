"""Typed loaders, the actor network and alternative codings."""

from __future__ import annotations

import csv

import networkx as nx
import pandas as pd
import pytest
from test_validate import DATA, copy_data, edit_line

from rsii.data import load, validate
from rsii.data.errors import DataError


def rows(name: str) -> list[dict[str, str]]:
    with open(DATA / f"{name}.csv", encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def codebook_values(field: str) -> list[str]:
    return [r["value"] for r in rows("codebook") if r["field"] == field]


def test_types():
    rel = load.relations()
    assert rel["id"].dtype == "string" and rel["source"].dtype == "string"
    assert rel["sign"].dtype == "Int64"
    assert rel["directed"].dtype == bool and rel["inferred"].dtype == bool
    assert isinstance(rel["relation"].dtype, pd.CategoricalDtype)
    assert list(rel["relation"].cat.categories) == codebook_values("relation")
    assert list(load.actors()["kind"].cat.categories) == codebook_values("kind")
    assert list(load.stances()["stance"].cat.categories) == codebook_values("stance")
    assert list(load.events()["precision"].cat.categories) == codebook_values("precision")
    assert load.sentences()["line"].dtype == "Int64"
    assert list(load.codebook()["field"].cat.categories) == [
        "kind", "relation", "stance", "mode", "agreement", "precision",
    ]  # fmt: skip
    stances = load.stances()
    assert list(stances["mode"].cat.categories) == codebook_values("mode") == ["statement", "act"]
    assert stances["inferred"].dtype == bool
    pairs = load.statement_concepts()
    assert list(pairs["agreement"].cat.categories) == codebook_values("agreement")
    assert pairs["stance"].dtype == "string" and pairs["concept"].dtype == "string"


@pytest.mark.parametrize(
    "name",
    [
        "sentences",
        "actors",
        "relations",
        "stances",
        "events",
        "cases",
        "alternatives",
        "codebook",
        "concepts",
        "statement_concepts",
    ],  # fmt: skip
)
def test_tables_match_the_files(name):
    df = getattr(load, name)()
    raw = rows(name)
    assert list(df.columns) == list(raw[0])
    assert len(df) == len(raw)
    for column in df.columns:
        as_text = df[column].astype(object).map(
            lambda v: "" if v is None or v is pd.NA or v != v else str(v).lower()
            if isinstance(v, bool) else str(v)
        )  # fmt: skip
        assert as_text.tolist() == [r[column] for r in raw], column


def test_as_written_gives_the_cells_of_the_file_after_the_checks(tmp_path):
    book = load.as_written("codebook")
    assert book.to_dict("records") == rows("codebook")
    assert all(pd.api.types.is_string_dtype(d) for d in book.dtypes)
    data = copy_data(tmp_path)
    line = edit_line(data / "codebook.csv", "relation,hosts,", ",1,true,", ",1,maybe,")
    with pytest.raises(DataError) as e:
        load.as_written("codebook", data)
    assert (e.value.path, e.value.line) == (str(data / "codebook.csv"), line)


def test_the_codebook_chapter_shows_the_cells_as_written():
    """The codebook chapter's tables (rsii.book.sphinxext.codebook) from load.as_written."""
    from rsii.book.sphinxext import codebook

    relation = codebook.field_table("relation")
    assert "| Sign |" in relation.replace("  ", " ") and "| `opposes` |" in relation
    assert "| -1 |" in relation and "| true |" in relation
    stance = codebook.field_table("stance")
    assert "Sign" not in stance and "Tie" not in stance  # columns no stance fills
    assert codebook.field_table("colour") is None


def test_only_the_data_layer_reads_the_data_files(root):
    """The book and the rest read the data package through rsii.data.load, which checks
    it, never with a CSV reader of their own."""
    readers = ("read_csv", "csv.reader", "csv.DictReader")
    for path in sorted((root / "src" / "rsii").rglob("*.py")):
        if path.parent.name != "data":
            text = path.read_text(encoding="utf-8")
            assert not [r for r in readers if r in text], path.relative_to(root)


def test_found_from_the_package_not_the_cwd(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    assert len(load.actors()) == len(rows("actors"))


def test_data_argument_and_environment(tmp_path, monkeypatch):
    data = copy_data(tmp_path)
    edit_line(data / "actors.csv", "russia,", ",Russia,", ",Russian Federation,")
    assert "Russian Federation" in set(load.actors(data)["name_en"])
    monkeypatch.setenv("RSII_DATA_DIR", str(data))
    assert "Russian Federation" in set(load.actors()["name_en"])


def test_network():
    G = load.network()
    assert isinstance(G, nx.MultiDiGraph)
    actors, relations = rows("actors"), rows("relations")
    assert list(G.nodes) == [a["id"] for a in actors]
    assert G.nodes["russia"]["name_en"] == "Russia" and G.nodes["russia"]["kind"] == "state"
    assert set(G.nodes["russia"]) == set(actors[0]) - {"id"}
    assert G.number_of_edges() == len(relations)
    for r in relations:
        data = G.edges[r["source"], r["target"], r["id"]]
        assert data["sign"] == int(r["sign"]) and type(data["sign"]) is int
        assert data["directed"] is (r["directed"] == "true")
        assert data["inferred"] is (r["inferred"] == "true")
        assert data["relation"] == r["relation"] and data["quote_ar"] == r["quote_ar"]
        assert set(data) == set(load.EDGE_ATTRIBUTES)


def test_network_without_inferred():
    inferred = [r["id"] for r in rows("relations") if r["inferred"] == "true"]
    assert inferred
    G = load.network(include_inferred=False)
    assert G.number_of_edges() == len(rows("relations")) - len(inferred)
    assert not set(inferred) & {k for *_, k in G.edges(keys=True)}
    assert G.number_of_nodes() == len(rows("actors"))


def _alternatives(file: str, action: str) -> list[dict[str, str]]:
    return [a for a in rows("alternatives") if a["file"] == file and a["action"] == action]


@pytest.mark.parametrize(
    ("loader", "file"), [(load.stance_table, "stances"), (load.relation_table, "relations")]
)
def test_alternative_codings(loader, file):
    plain = loader()
    pd.testing.assert_frame_equal(plain, getattr(load, file)())
    for alt in _alternatives(file, "replace"):
        changed = loader(alternative=alt["id"])
        row = changed[changed["id"] == alt["row"]].iloc[0]
        assert str(row[alt["column"]]) == alt["value"]
        rest = changed[changed["id"] != alt["row"]].reset_index(drop=True)
        same = plain[plain["id"] != alt["row"]].reset_index(drop=True)
        pd.testing.assert_frame_equal(rest, same)
        assert changed.dtypes.equals(plain.dtypes)
    for alt in _alternatives(file, "drop"):
        dropped = loader(alternative=alt["id"])
        assert len(dropped) == len(plain) - 1 and alt["row"] not in set(dropped["id"])
        assert list(dropped.index) == list(range(len(dropped)))


def test_alternative_errors():
    with pytest.raises(ValueError, match="no alternative"):
        load.stance_table(alternative="alt999")
    relation_alt = _alternatives("relations", "drop")[0]["id"]
    with pytest.raises(ValueError, match="relations"):
        load.stance_table(alternative=relation_alt)


def test_alternative_and_case_together_rejected():
    with pytest.raises(ValueError, match="not both"):
        load.stance_table(alternative="alt01", case="hc01")


def test_relation_types():
    types = load.relation_types()
    assert list(types.columns) == ["value", "sign", "directed", "tie"]
    assert set(types["tie"]) == {"affiliation", "sentiment", "neutral"}
    assert types["value"].tolist() == codebook_values("relation")
    assert types["sign"].dtype == "int64" and types["directed"].dtype == bool
    raw = {r["value"]: r for r in rows("codebook") if r["field"] == "relation"}
    for t in types.itertuples():
        assert (str(t.sign), str(t.directed).lower()) == (
            raw[t.value]["sign"], raw[t.value]["directed"],
        )  # fmt: skip
    rules = {t.value: (t.sign, t.directed) for t in types.itertuples()}
    rel = load.relations()
    for relation, sign, directed in zip(rel["relation"], rel["sign"], rel["directed"], strict=True):
        assert rules[relation] == (sign, directed)


def test_relation_type_without_sign_raises(tmp_path):
    data = copy_data(tmp_path)
    line = edit_line(data / "codebook.csv", "relation,hosts,", ",1,true,", ",,true,")
    with pytest.raises(DataError, match="sign") as e:
        load.relation_types(data)
    assert (e.value.path, e.value.line) == (str(data / "codebook.csv"), line)


def test_cases():
    cases = load.cases()
    assert list(cases.columns) == ["id", "title", "sentence", "choice", "alternative"]
    assert cases["id"].tolist() == sorted(set(load.alternatives()["case"]))


def _changes(case: str) -> dict[str, dict[str, list[dict[str, str]]]]:
    out: dict[str, dict[str, list[dict[str, str]]]] = {"stances": {}, "relations": {}}
    for alt in rows("alternatives"):
        if alt["case"] == case:
            out[alt["file"]].setdefault(alt["row"], []).append(alt)
    return out


@pytest.mark.parametrize("case", [c["id"] for c in rows("cases")])
def test_apply_case_changes_exactly_its_rows(case):
    tables = dict(zip(("stances", "relations"), load.apply_case(case), strict=True))
    changes = _changes(case)
    assert any(changes.values())
    for file, changed in tables.items():
        plain = getattr(load, file)()
        named = changes[file]
        assert changed.dtypes.equals(plain.dtypes)
        assert list(changed.index) == list(range(len(changed)))
        rest = changed[~changed["id"].isin(named)].reset_index(drop=True)
        same = plain[~plain["id"].isin(named)].reset_index(drop=True)
        pd.testing.assert_frame_equal(rest, same)  # rows not named are untouched
        for row_id, alts in named.items():
            kept = changed[changed["id"] == row_id]
            if any(a["action"] == "drop" for a in alts):
                assert kept.empty
                continue
            before = plain[plain["id"] == row_id].iloc[0]
            after = kept.iloc[0]
            columns = {a["column"]: a["value"] for a in alts}
            for column in plain.columns:
                if column in columns:
                    assert str(after[column]) == columns[column]
                else:
                    assert str(after[column]) == str(before[column])
    pd.testing.assert_frame_equal(load.stance_table(case=case), tables["stances"])
    pd.testing.assert_frame_equal(load.relation_table(case=case), tables["relations"])


def test_apply_case_applies_every_row_of_the_case():
    stances, relations = load.apply_case("hc02")  # four rows, in both tables
    assert set(stances.loc[stances["id"].isin(["st16", "st18"]), "target"]) == {"info_centre"}
    assert set(relations.loc[relations["id"].isin(["r054", "r058"]), "target"]) == {"info_centre"}
    stances, relations = load.apply_case("hc04")  # four drops
    assert not {"st19", "st20"} & set(stances["id"])
    assert not {"r061", "r062"} & set(relations["id"])


def test_unknown_case_raises():
    with pytest.raises(ValueError, match="no case 'hc99'.*hc01"):
        load.apply_case("hc99")
    with pytest.raises(ValueError, match="no case"):
        load.relation_table(case="alt01")


def test_case_that_changes_a_dropped_row_raises(tmp_path):
    data = copy_data(tmp_path)
    with open(data / "alternatives.csv", "a", encoding="utf-8") as f:
        f.write("alt99,hc04,stances,st19,replace,stance,support,Test.\n")
    with pytest.raises(DataError, match="'st19' is dropped by alt17 of the same case") as e:
        load.apply_case("hc04", data)
    lines = (data / "alternatives.csv").read_text(encoding="utf-8").splitlines()
    assert e.value.line == next(n for n, t in enumerate(lines, 1) if t.startswith("alt99,"))


@pytest.mark.parametrize(
    ("added", "words"),
    [
        ("alt99,hc04,stances,st19,replace,stance,support,Test.", "dropped by alt17"),
        ("alt99,hc01,stances,st16,drop,,,Test.", "which alt01 of the same case changes"),
        ("alt99,hc01,stances,st16,replace,actor,iraq,Test.", "replaced by alt01"),
        ("alt99,hc01,stances,st99,drop,,,Test.", "'st99' is not an id"),
        ("alt99,hc01,stances,st17,replace,stance,neutral,Test.", "'neutral'"),
        ("alt99,hc01,stances,st17,drop,actor,,Test.", "a drop takes no column"),
    ],
)
def test_the_loader_and_the_validator_agree_on_a_case(tmp_path, added, words):
    """One implementation (rsii.data.alternatives) applies a case for both: what the
    loader raises is, word for word and at the same line, what rsii validate reports."""
    data = copy_data(tmp_path)
    with open(data / "alternatives.csv", "a", encoding="utf-8") as f:
        f.write(added + "\n")
    problems, _ = validate.run(data)
    with pytest.raises(DataError, match=words) as e:
        load.apply_case(added.split(",")[1], data)
    assert str(e.value) in problems
    assert e.value.line == len((data / "alternatives.csv").read_text().splitlines())


@pytest.mark.parametrize("case", [c["id"] for c in rows("cases")])
def test_the_loader_changes_the_rows_the_validator_checks(case):
    """The rows a case leaves, as the validator checks them, are the loader's rows."""
    from rsii.data import alternatives, read

    tables = {n: read.read_table(DATA / f"{n}.csv")[0] for n in alternatives.ALTERABLE}
    alts = read.read_table(DATA / "alternatives.csv")[0]
    applied = alternatives.apply([(ln, a) for ln, a in alts if a["case"] == case], tables)
    assert not applied.problems
    loaded = dict(zip(("stances", "relations"), load.apply_case(case), strict=True))
    for (name, row_id), row in applied.rows.items():
        kept = loaded[name][loaded[name]["id"] == row_id]
        if row is None:
            assert kept.empty
            continue
        typed = load.records(kept)[0]
        as_text = {k: "" if v is None else str(v).lower() if isinstance(v, bool) else str(v)
                   for k, v in typed.items()}  # fmt: skip
        assert as_text == row


def test_bad_cell_raises_with_file_and_line(tmp_path):
    data = copy_data(tmp_path)
    line = edit_line(data / "relations.csv", "r010,", ",1,false,", ",one,false,")
    with pytest.raises(DataError) as e:
        load.relations(data)
    assert str(e.value).startswith(f"{data / 'relations.csv'}:{line}: sign")
    with pytest.raises(DataError):
        load.network(data)


def test_bad_category_raises(tmp_path):
    data = copy_data(tmp_path)
    line = edit_line(data / "stances.csv", "st05,", ",support,", ",adores,")
    with pytest.raises(DataError) as e:
        load.stances(data)
    assert (e.value.path, e.value.line) == (str(data / "stances.csv"), line)


def test_bom_and_missing_column_raise(tmp_path):
    data = copy_data(tmp_path)
    path = data / "actors.csv"
    path.write_bytes(b"\xef\xbb\xbf" + path.read_bytes())
    with pytest.raises(DataError, match="byte-order mark") as e:
        load.actors(data)
    assert e.value.line == 1
    edit_line(data / "events.csv", "id,", ",note", ",remark")
    with pytest.raises(DataError, match="missing column 'note'"):
        load.events(data)


def test_duplicate_id_raises(tmp_path):
    data = copy_data(tmp_path)
    line = edit_line(data / "stances.csv", "st06,", "st06,", "st05,")
    with pytest.raises(DataError, match="is a duplicate") as e:
        load.stances(data)
    assert e.value.line == line


def test_missing_file_raises(tmp_path):
    data = copy_data(tmp_path)
    (data / "events.csv").unlink()
    with pytest.raises(DataError, match="missing"):
        load.events(data)


def test_records_are_plain_python():
    df = pd.DataFrame(
        {
            "n": pd.array([1, None], dtype="Int64"),
            "b": [True, False],
            "c": pd.Categorical(["x", None]),
        }
    )
    assert load.records(df) == [{"n": 1, "b": True, "c": "x"}, {"n": None, "b": False, "c": None}]
    assert type(load.records(df)[0]["b"]) is bool
