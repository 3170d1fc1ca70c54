"""``rsii export``: reproducible files other tools can read, and room for more results."""

from __future__ import annotations

import csv
import json

import networkx as nx
import pytest
from test_validate import DATA, copy_data, edit_line

from rsii import cli
from rsii.data import load
from rsii.present import export


@pytest.fixture(scope="module")
def out(tmp_path_factory):
    folder = tmp_path_factory.mktemp("export")
    written = export.export(folder)
    return folder, written


def files(folder) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in folder.rglob("*") if p.is_file()}


def read_csv(path) -> list[dict[str, str]]:
    with open(path, encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def test_writes_every_registered_file_and_a_readme(out):
    folder, written = out
    names = [o.name for o in export.OUTPUTS]
    assert [str(p.relative_to(folder)) for p in written] == [*names, "README.md"]
    assert set(files(folder)) == {*names, "README.md"}
    for name in ("network.graphml", "network.gexf", "nodes.csv", "edges.csv"):
        assert name in names
    for table in ("sentences", "actors", "relations", "stances", "events", "cases", "alternatives"):
        assert f"tables/{table}.json" in names


def test_byte_for_byte_reproducible(out, tmp_path, monkeypatch):
    folder, _ = out
    monkeypatch.chdir(tmp_path)  # and independent of the working directory
    export.export(tmp_path / "again")
    assert files(tmp_path / "again") == files(folder)


def test_graphml_round_trip(out):
    folder, _ = out
    G = nx.read_graphml(folder / "network.graphml", force_multigraph=True)
    relations = read_csv(DATA / "relations.csv")
    assert set(G.nodes) == {a["id"] for a in read_csv(DATA / "actors.csv")}
    assert G.number_of_edges() == len(relations)
    r = relations[0]
    edge = G.edges[r["source"], r["target"], r["id"]]
    assert edge["relation"] == r["relation"] and edge["sign"] == int(r["sign"])
    assert edge["directed"] is (r["directed"] == "true")
    empty = [a for a in read_csv(DATA / "actors.csv") if not a["wikidata"]][0]
    assert G.nodes[empty["id"]]["wikidata"] == ""


def test_gexf_round_trip(out):
    folder, _ = out
    G = nx.read_gexf(folder / "network.gexf")
    assert G.number_of_nodes() == len(read_csv(DATA / "actors.csv"))
    assert G.number_of_edges() == len(read_csv(DATA / "relations.csv"))
    assert G.nodes["russia"]["label"] == "Russia"
    assert b'lastmodifieddate="' in (folder / "network.gexf").read_bytes()


def test_nodes_and_edges_csv(out):
    folder, _ = out
    assert read_csv(folder / "nodes.csv") == read_csv(DATA / "actors.csv")
    edges, relations = read_csv(folder / "edges.csv"), read_csv(DATA / "relations.csv")
    columns = ["id", "source", "target", *load.EDGE_ATTRIBUTES]
    assert list(edges[0]) == columns
    assert edges == [{c: r[c] for c in columns} for r in relations]


def test_tables_as_json(out):
    folder, _ = out
    for name in ("actors", "relations", "events", "cases", "alternatives", "codebook"):
        text = (folder / "tables" / f"{name}.json").read_text(encoding="utf-8")
        records = json.loads(text)
        raw = read_csv(DATA / f"{name}.csv")
        assert [r.get("id") for r in records] == [r.get("id") for r in raw]
        assert all(list(r) == sorted(r) for r in records)
    text = (folder / "tables" / "actors.json").read_text(encoding="utf-8")
    assert "روسيا" in text and "\\u" not in text  # UTF-8, not escaped
    relation = json.loads((folder / "tables" / "relations.json").read_text(encoding="utf-8"))[0]
    assert type(relation["sign"]) is int and type(relation["directed"]) is bool


def test_readme_describes_every_file_and_the_licence(out):
    folder, _ = out
    readme = (folder / "README.md").read_text(encoding="utf-8")
    for output in export.OUTPUTS:
        assert f"`{output.name}`" in readme
    assert "CC BY-SA 4.0" in readme and "ar.wikipedia.org" in readme


def test_export_writes_every_result_the_book_shows(out):
    folder, written = out
    names = {p.relative_to(folder).as_posix() for p in written}
    for name in (
        "figures.json", "centralities.csv", "blocs.csv", "congruence_jaccard.csv",
        "conflict_none.csv", "balance.csv", "variants.csv", "triangles.csv",
        "optimal_splits.csv", "camp_pairs.csv", "frustrated_ties.csv", "clustering.csv",
        "null_models.csv", "sensitivity.csv",
    ):  # fmt: skip
        assert f"results/{name}" in names
    readme = (folder / "README.md").read_text(encoding="utf-8")
    assert "Shown in: The stance split" in readme


def test_exported_results_are_the_chapter_s(out):
    """The exported files hold what the stance chapter reports (rsii.analysis.results,
    the one computation): the main network's size and balance, every optimal split,
    and a camp pair relation for every pair in one connected part."""
    from rsii.analysis import results

    folder, _ = out
    main = results.analyse()
    balance_row = read_csv(folder / "results" / "balance.csv")
    assert len(balance_row) == 1
    for key in ("actors", "ties", "negative", "triangles", "frustration", "optimal_splits"):
        assert int(balance_row[0][key]) == main.summary[key], key
    assert float(balance_row[0]["balanced_share"]) == pytest.approx(main.summary["balanced_share"])
    splits = read_csv(folder / "results" / "optimal_splits.csv")
    assert len(splits) == main.summary["actors"]
    assert len(splits[0]) - 1 == main.summary["optimal_splits"]
    pairs = read_csv(folder / "results" / "camp_pairs.csv")
    by_actor = {s["actor"]: s for s in splits}
    for row in pairs:
        a, b = by_actor[row["actor_a"]], by_actor[row["actor_b"]]
        same = sum(a[k] == b[k] for k in a if k != "actor")
        assert int(row["together"]) == same
        expect = "together" if same == len(a) - 1 else "apart" if same == 0 else "varies"
        assert row["relation"] == expect
    variants = read_csv(folder / "results" / "variants.csv")
    main_row = next(v for v in variants if v["variant"] == "main")
    assert int(main_row["ties"]) == main.summary["ties"]
    figures = json.loads((folder / "results" / "figures.json").read_text(encoding="utf-8"))
    by_name = {f["name"]: f["value"] for f in figures}
    assert by_name["s_actors"] == main.summary["actors"]
    assert by_name["s_frustration"] == main.summary["frustration"]
    sensitivity = read_csv(folder / "results" / "sensitivity.csv")
    assert [r["case"] for r in sensitivity] == [c for c in load.cases()["id"]]


def test_attributes_formats_accept():
    G = nx.MultiDiGraph()
    G.add_node("a", wikidata=None, size=3)
    G.add_node("b", wikidata="Q1", size=None)
    G.add_edge("a", "b", key="r1", flag=True, note=None)
    H = export._for_files(G)
    assert H.nodes["a"]["wikidata"] == "" and H.nodes["b"]["size"] == ""
    assert H.nodes["a"]["size"] == "3" and H.edges["a", "b", "r1"]["note"] == ""
    assert G.nodes["a"]["wikidata"] is None  # the input is left alone
    nx.generate_graphml(H)  # no TypeError
    list(nx.generate_gexf(H))


def test_refuses_invalid_data(tmp_path, capsys):
    data = copy_data(tmp_path)
    edit_line(data / "relations.csv", "r028,", ",opposes,", ",dislikes,")
    status = cli.main(["export", str(tmp_path / "out"), "--data", str(data)])
    _, err = capsys.readouterr()
    assert status == 1 and "not exported" in err and "relations.csv" in err
    assert "Traceback" not in err
    assert not (tmp_path / "out").exists()


def test_cli_export(tmp_path, capsys):
    assert cli.main(["export", str(tmp_path / "out")]) == 0
    printed = capsys.readouterr().out.splitlines()
    assert f"wrote {tmp_path / 'out' / 'README.md'}" in printed
