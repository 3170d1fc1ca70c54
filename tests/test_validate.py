"""``rsii validate``: the real data passes, and each kind of damage to a copy of it is
reported with the right file and line, exit status 1 and no traceback."""

from __future__ import annotations

import csv
import json
import re
import shutil
import stat
from pathlib import Path

import pytest

from rsii import cli
from rsii.data import paths, validate

DATA = paths.data_dir()
TABLES = ["actors", "relations", "stances", "events", "cases", "alternatives", "codebook"]


def copy_data(tmp_path: Path) -> Path:
    """A writable copy of data/ with references.bib beside it, as in the checkout."""
    data = tmp_path / "data"
    shutil.copytree(DATA, data)
    for path in data.rglob("*"):
        path.chmod(path.stat().st_mode | stat.S_IWUSR)
    shutil.copy(validate.bib_file(DATA), tmp_path / "references.bib")
    return data


def line_of(path: Path, prefix: str) -> int:
    """The physical line starting with ``prefix`` (found without a CSV parser)."""
    lines = path.read_text(encoding="utf-8").split("\n")
    hits = [n for n, text in enumerate(lines, start=1) if text.startswith(prefix)]
    assert len(hits) == 1, (prefix, hits)
    return hits[0]


def edit_line(path: Path, prefix: str, old: str, new: str) -> int:
    """Replace ``old`` by ``new`` once on the line starting with ``prefix``; its number."""
    lines = path.read_text(encoding="utf-8").split("\n")
    number = line_of(path, prefix)
    assert old in lines[number - 1], (old, lines[number - 1])
    lines[number - 1] = lines[number - 1].replace(old, new, 1)
    path.write_text("\n".join(lines), encoding="utf-8")
    return number


def validate_cli(data: Path, capsys) -> tuple[int, list[str], str]:
    status = cli.main(["validate", str(data)])
    out, err = capsys.readouterr()
    assert "Traceback" not in out + err
    return status, out.splitlines(), err


def assert_reported(data: Path, capsys, where: str, line: int | None, *words: str) -> list[str]:
    status, out, err = validate_cli(data, capsys)
    assert status == 1
    assert re.search(r"^(1 problem|\d+ problems) found$", err.strip(), re.M)
    prefix = f"{data / where}:{line}: " if line is not None else f"{data / where}: "
    hits = [p for p in out if p.startswith(prefix) and all(w in p for w in words)]
    assert hits, f"nothing at {prefix} with {words}; got:\n" + "\n".join(out)
    return out


# ------------------------------------------------------------------------- the real data


def test_real_data_is_valid(capsys):
    status, out, _ = validate_cli(DATA, capsys)
    assert status == 0, "\n".join(out)
    assert len(out) == 1 and " is valid: " in out[0]
    for name in ("sentences", "actors", "relations", "stances", "events", "cases", "alternatives"):
        assert f" {name}" in out[0]


def test_run_summary_counts_rows():
    problems, summary = validate.run(DATA)
    assert problems == []
    with open(DATA / "relations.csv", encoding="utf-8", newline="") as f:
        rows = sum(1 for _ in csv.DictReader(f))
    assert f"{rows} relations" in summary


def test_frictionless_alone_accepts_the_package():
    """The descriptor works for anyone with frictionless, not only through rsii."""
    import frictionless as fl

    report = fl.validate(str(DATA / "datapackage.json"))
    assert report.valid, report.flatten(["type", "rowNumber", "message"])[:5]


def test_codebook_enums_equal_datapackage_enums():
    codebook: dict[str, list[str]] = {}
    with open(DATA / "codebook.csv", encoding="utf-8", newline="") as f:
        for row in csv.DictReader(f):
            codebook.setdefault(row["field"], []).append(row["value"])
    descriptor = json.loads((DATA / "datapackage.json").read_text(encoding="utf-8"))
    found = set()
    for resource in descriptor["resources"]:
        for field in resource["schema"]["fields"]:
            closed = "enum" in field.get("constraints", {})  # statement_concepts.stance is an id
            if field["name"] in codebook and resource["name"] != "codebook" and closed:
                assert field["constraints"]["enum"] == codebook[field["name"]], field["name"]
                found.add(field["name"])
    assert found == set(codebook)
    assert found == {"kind", "relation", "stance", "mode", "agreement", "precision"}


def test_descriptor_declares_keys_and_licences():
    descriptor = json.loads((DATA / "datapackage.json").read_text(encoding="utf-8"))
    assert descriptor["licenses"][0]["name"] == "CC-BY-SA-4.0"
    assert "ar.wikipedia.org" in descriptor["sources"][0]["path"]
    resources = {r["name"]: r for r in descriptor["resources"]}
    assert set(validate.TABLES) <= set(resources)
    for name, resource in resources.items():
        assert resource["path"] == f"{name}.csv" and resource["encoding"] == "utf-8"
        schema = resource["schema"]
        assert schema["primaryKey"]
        fks = {fk["fields"][0]: fk["reference"] for fk in schema.get("foreignKeys", [])}
        for field in schema["fields"]:
            if field["name"] in ("sentence", "first_sentence", "example_sentence"):
                assert fks[field["name"]] == {"resource": "sentences", "fields": ["id"]}
            if field["type"] == "boolean":
                assert field["trueValues"] == ["true"] and field["falseValues"] == ["false"]
    for name, ends in {"relations": ("source", "target"), "stances": ("actor", "target")}.items():
        fks = {fk["fields"][0]: fk["reference"] for fk in resources[name]["schema"]["foreignKeys"]}
        for end in ends:
            assert fks[end] == {"resource": "actors", "fields": ["id"]}
    fks = resources["alternatives"]["schema"]["foreignKeys"]
    assert {"fields": ["case"], "reference": {"resource": "cases", "fields": ["id"]}} in fks


def read(name: str) -> list[dict[str, str]]:
    with open(DATA / f"{name}.csv", encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def test_codebook_fixes_sign_and_direction_as_data():
    """Relation rows carry sign and directed as columns, the others leave them empty, and
    no definition repeats them in prose."""
    rules = {}
    for row in read("codebook"):
        if row["field"] == "relation":
            assert row["sign"] in ("1", "-1", "0") and row["directed"] in ("true", "false")
            rules[row["value"]] = (row["sign"], row["directed"])
        else:
            assert row["sign"] == row["directed"] == "", row["value"]
        assert "sign" not in row["definition"] and "irected" not in row["definition"]
    assert rules["allied_with"] == ("1", "false") and rules["speaks_to"] == ("0", "true")
    for relation in read("relations"):
        assert (relation["sign"], relation["directed"]) == rules[relation["relation"]]


def test_every_alternative_belongs_to_a_case_in_order():
    cases = [c["id"] for c in read("cases")]
    assert cases == [f"hc{n:02d}" for n in range(1, len(cases) + 1)]
    alternatives = read("alternatives")
    used = [a["case"] for a in alternatives]
    assert sorted(set(used)) == cases and used == sorted(used)
    for case in cases:  # the rows of one case share the reason that explains it
        assert len({a["reason"] for a in alternatives if a["case"] == case}) == 1


# ------------------------------------------------------------------- damage, one by one


def test_quote_not_in_its_sentence(tmp_path, capsys):
    data = copy_data(tmp_path)
    line = edit_line(data / "relations.csv", "r007,", "غرف عمليات في دمشق", "غرف عمليات في حلب")
    assert_reported(data, capsys, "relations.csv", line, "quote_ar", "s01")


def test_footnote_the_sentence_lacks(tmp_path, capsys):
    data = copy_data(tmp_path)
    line = edit_line(data / "relations.csv", "r019,", ",10,false", ",12,false")
    assert_reported(data, capsys, "relations.csv", line, "footnote 12", "s06")


def test_unknown_actor_id(tmp_path, capsys):
    data = copy_data(tmp_path)
    line = edit_line(data / "stances.csv", "st09,", "st09,russia,", "st09,muscovy,")
    assert_reported(data, capsys, "stances.csv", line, "actor", "'muscovy'", "actors.csv")


def test_value_outside_a_closed_list(tmp_path, capsys):
    data = copy_data(tmp_path)
    line = edit_line(data / "relations.csv", "r028,", ",opposes,", ",dislikes,")
    assert_reported(data, capsys, "relations.csv", line, "relation", "'dislikes'")


def test_duplicate_id(tmp_path, capsys):
    data = copy_data(tmp_path)
    first = line_of(data / "events.csv", "e02,")
    line = edit_line(data / "events.csv", "e03,", "e03,", "e02,")
    assert_reported(data, capsys, "events.csv", line, "duplicate", f"line {first}")


def test_missing_column(tmp_path, capsys):
    data = copy_data(tmp_path)
    path = data / "stances.csv"
    with open(path, encoding="utf-8", newline="") as f:
        rows = list(csv.reader(f))
    gone = rows[0].index("note")
    with open(path, "w", encoding="utf-8", newline="") as f:
        csv.writer(f, lineterminator="\n").writerows([r[:gone] + r[gone + 1 :] for r in rows])
    out = assert_reported(data, capsys, "stances.csv", 1, "missing column 'note'")
    assert len([p for p in out if "stances.csv:1:" in p]) == 1  # said once


def test_renamed_column(tmp_path, capsys):
    data = copy_data(tmp_path)
    edit_line(data / "events.csv", "id,", ",precision,", ",accuracy,")
    out = assert_reported(data, capsys, "events.csv", 1, "'precision'", "'accuracy'", "renamed")
    assert not [p for p in out if "events.csv:2:" in p]  # other columns still line up


def test_byte_order_mark(tmp_path, capsys):
    data = copy_data(tmp_path)
    path = data / "actors.csv"
    path.write_bytes(b"\xef\xbb\xbf" + path.read_bytes())
    out = assert_reported(data, capsys, "actors.csv", 1, "byte-order mark")
    assert len(out) == 1  # the rest of the file is still read, and is fine


def test_invalid_utf8_on_a_known_line(tmp_path, capsys):
    data = copy_data(tmp_path)
    path = data / "stances.csv"
    lines = path.read_bytes().split(b"\n")
    lines[6] = lines[6][:10] + b"\xff\xfe" + lines[6][10:]
    path.write_bytes(b"\n".join(lines))
    assert_reported(data, capsys, "stances.csv", 7, "not UTF-8", "0xff")


def test_unterminated_quote(tmp_path, capsys):
    data = copy_data(tmp_path)
    line = edit_line(data / "actors.csv", "russia,", ",Russia,", ',"Russia,')
    assert_reported(data, capsys, "actors.csv", line, "quot")


def test_sentence_text_changed_so_the_article_does_not_rebuild(tmp_path, capsys):
    data = copy_data(tmp_path)
    line = edit_line(data / "sentences.csv", "s05,", "العديد من المدن", "بعض المدن")
    out = assert_reported(data, capsys, "sentences.csv", line, "rebuild", "article.ar.txt")
    assert any(
        p.startswith(f"{data / 'sentences.csv'}:{line}:") and "regenerates" in p for p in out
    )


def test_footnote_missing_from_the_bibliography(tmp_path, capsys):
    data = copy_data(tmp_path)
    bib = tmp_path / "references.bib"
    text = bib.read_text(encoding="utf-8")
    start = text.index("@misc{fn16,")
    bib.write_text(text[:start] + text[text.index("\n}\n", start) + 3 :], encoding="utf-8")
    line = line_of(data / "sentences.csv", "s16,")
    with open(data / "sentences.csv", encoding="utf-8", newline="") as f:
        assert "16" in [r["footnotes"] for r in csv.DictReader(f) if r["id"] == "s16"][0].split()
    assert_reported(data, capsys, "sentences.csv", line, "fn16", "references.bib")


# ------------------------------------------------------------------- more damage


def test_empty_file(tmp_path, capsys):
    data = copy_data(tmp_path)
    (data / "events.csv").write_text("", encoding="utf-8")
    assert_reported(data, capsys, "events.csv", 1, "empty")


def test_missing_file(tmp_path, capsys):
    data = copy_data(tmp_path)
    (data / "alternatives.csv").unlink()
    assert_reported(data, capsys, "alternatives.csv", None, "missing")


def test_wrong_number_of_cells(tmp_path, capsys):
    data = copy_data(tmp_path)
    line = edit_line(data / "events.csv", "e04,", "e04,", "e04,extra,")
    assert_reported(data, capsys, "events.csv", line, "cells")


def test_lines_count_multiline_cells(tmp_path, capsys):
    """A quoted cell spanning lines shifts every later row's physical line."""
    data = copy_data(tmp_path)
    path = data / "relations.csv"
    edit_line(path, "r001,", ",The coalition is named after its four member states.", ',"The\nc,"')
    line = edit_line(path, "r004,", "r004,iraq,", "r004,mesopotamia,")
    assert line == 6  # header, r001 (two lines), r002, r003
    assert_reported(data, capsys, "relations.csv", 6, "'mesopotamia'")


def test_inferred_without_note(tmp_path, capsys):
    data = copy_data(tmp_path)
    path = data / "relations.csv"
    line = line_of(path, "r063,")
    lines = path.read_text(encoding="utf-8").split("\n")
    lines[line - 1] = lines[line - 1][: lines[line - 1].index(",,true,") + len(",,true,")]
    path.write_text("\n".join(lines), encoding="utf-8")
    assert_reported(data, capsys, "relations.csv", line, "inferred", "note")


def test_sign_contradicts_codebook(tmp_path, capsys):
    data = copy_data(tmp_path)
    line = edit_line(data / "relations.csv", "r028,", ",opposes,-1,", ",opposes,1,")
    assert_reported(data, capsys, "relations.csv", line, "opposes", "sign=-1", "codebook.csv")


def test_event_actor_unknown(tmp_path, capsys):
    data = copy_data(tmp_path)
    line = edit_line(data / "events.csv", "e01,", "isis iraq", "isis babylon")
    assert_reported(data, capsys, "events.csv", line, "'babylon'")


def test_event_date_precision(tmp_path, capsys):
    data = copy_data(tmp_path)
    line = edit_line(data / "events.csv", "e04,", "2015-09,month", "2015,month")
    assert_reported(data, capsys, "events.csv", line, "month precision")


@pytest.mark.parametrize(
    ("old", "new", "words"),
    [
        (",st16,replace,", ",st99,replace,", ("'st99'",)),
        (",replace,actor,", ",replace,speaker,", ("'speaker'",)),
        (",alliance_national_forces,", ",nobody,", ("'nobody'", "actors.csv")),
        ("alt01,hc01,stances,", "alt01,hc01,votes,", ("'votes'",)),
    ],
)
def test_alternative_that_does_not_apply(tmp_path, capsys, old, new, words):
    data = copy_data(tmp_path)
    line = edit_line(data / "alternatives.csv", "alt01,", old, new)
    assert_reported(data, capsys, "alternatives.csv", line, *words)


def test_drop_with_a_column(tmp_path, capsys):
    data = copy_data(tmp_path)
    line = edit_line(data / "alternatives.csv", "alt15,", ",drop,,,", ",drop,actor,,")
    assert_reported(data, capsys, "alternatives.csv", line, "drop")


def test_translation_differs_from_source(tmp_path, capsys):
    """sentences.csv is generated: an edit made there instead of in data/source/ shows."""
    data = copy_data(tmp_path)
    line = edit_line(data / "sentences.csv", "s05,", "many cities", "several cities")
    out = assert_reported(data, capsys, "sentences.csv", line, "text_en", "regenerates")
    assert len(out) == 1  # the Arabic still rebuilds the article


def test_alternative_case_missing_from_cases(tmp_path, capsys):
    data = copy_data(tmp_path)
    line = edit_line(data / "alternatives.csv", "alt09,", ",hc02,", ",hc99,")
    assert_reported(data, capsys, "alternatives.csv", line, "case", "'hc99'", "cases.csv")


def test_alternative_without_a_case(tmp_path, capsys):
    data = copy_data(tmp_path)
    line = edit_line(data / "alternatives.csv", "alt09,", ",hc02,", ",,")
    assert_reported(data, capsys, "alternatives.csv", line, "case", "required")


def test_case_without_alternatives(tmp_path, capsys):
    data = copy_data(tmp_path)
    line = edit_line(data / "alternatives.csv", "alt60,", ",hc15,", ",hc14,")
    out = assert_reported(data, capsys, "cases.csv", line_of(data / "cases.csv", "hc15,"), "'hc15'")
    assert not [p for p in out if f"alternatives.csv:{line}:" in p]  # the moved row is fine


def test_case_valid_alone_but_not_together(tmp_path, capsys):
    """Two alternatives of one case that are each fine make a tie from an actor to itself."""
    data = copy_data(tmp_path)
    path = data / "alternatives.csv"
    with open(path, "a", encoding="utf-8") as f:
        f.write("alt98,hc15,relations,r057,replace,source,iraq,Test.\n")
        f.write("alt97,hc15,relations,r057,replace,target,iraq,Test.\n")
    line = line_of(path, "alt97,")
    out = assert_reported(data, capsys, "alternatives.csv", line, "hc15", "alt98", "same actor")
    assert not [p for p in out if f"alternatives.csv:{line - 1}:" in p]  # alt98 alone is fine


def test_case_that_changes_a_dropped_row(tmp_path, capsys):
    data = copy_data(tmp_path)
    path = data / "alternatives.csv"
    with open(path, "a", encoding="utf-8") as f:
        f.write("alt99,hc04,stances,st19,replace,stance,support,Test.\n")
    line = line_of(path, "alt99,")
    assert_reported(data, capsys, "alternatives.csv", line, "'st19'", "dropped", "alt17")


def test_codebook_relation_without_sign(tmp_path, capsys):
    data = copy_data(tmp_path)
    line = edit_line(data / "codebook.csv", "relation,opposes,", ",-1,true,", ",,true,")
    assert_reported(data, capsys, "codebook.csv", line, "'opposes'", "needs sign")


def test_codebook_sign_on_a_stance(tmp_path, capsys):
    data = copy_data(tmp_path)
    line = edit_line(data / "codebook.csv", "stance,support,", ",,,s19,", ",1,,s19,")
    assert_reported(data, capsys, "codebook.csv", line, "relation rows only", "'support'")


def test_codebook_sign_changed(tmp_path, capsys):
    """The codebook's sign column is what relations.csv is checked against."""
    data = copy_data(tmp_path)
    edit_line(data / "codebook.csv", "relation,opposes,", ",-1,true,", ",1,true,")
    line = line_of(data / "relations.csv", "r028,")
    assert_reported(data, capsys, "relations.csv", line, "opposes needs directed=true, sign=1")


def test_alternative_value_outside_closed_list(tmp_path, capsys):
    data = copy_data(tmp_path)
    path = data / "alternatives.csv"
    line = edit_line(path, "alt15,", ",drop,,,", ",replace,stance,neutral,")
    assert_reported(data, capsys, "alternatives.csv", line, "stance", "'neutral'")


def test_codebook_and_schema_disagree(tmp_path, capsys):
    data = copy_data(tmp_path)
    path = data / "codebook.csv"
    with open(path, "a", encoding="utf-8") as f:
        f.write("stance,neutral,Neither for nor against.,s01,x\n")
    line = len(path.read_text(encoding="utf-8").split("\n")) - 1
    out = assert_reported(data, capsys, "codebook.csv", line, "'neutral'", "enum")
    descriptor = json.loads((data / "datapackage.json").read_text(encoding="utf-8"))
    stances = next(r for r in descriptor["resources"] if r["name"] == "stances")
    for field in stances["schema"]["fields"]:
        if field["name"] == "stance":
            field["constraints"]["enum"].append("hostile")
    (data / "datapackage.json").write_text(json.dumps(descriptor, indent=2), encoding="utf-8")
    out = validate_cli(data, capsys)[1]
    assert any("datapackage.json:" in p and "'hostile'" in p for p in out), out


def test_article_changed(tmp_path, capsys):
    data = copy_data(tmp_path)
    article = data / "source" / "article.ar.txt"
    article.write_text(article.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    assert_reported(data, capsys, "source/article.ar.txt", 1, "sha256")


def test_broken_descriptor(tmp_path, capsys):
    data = copy_data(tmp_path)
    path = data / "datapackage.json"
    path.write_text(path.read_text(encoding="utf-8").replace('"resources": [', '"resources" [', 1))
    line = line_of(path, '  "resources" [')
    assert_reported(data, capsys, "datapackage.json", line, "not valid JSON")


def test_every_problem_is_reported_sorted(tmp_path, capsys):
    data = copy_data(tmp_path)
    a = edit_line(data / "stances.csv", "st09,", "st09,russia,", "st09,muscovy,")
    b = edit_line(data / "stances.csv", "st03,", ",support,", ",adores,")
    c = edit_line(data / "relations.csv", "r028,", ",opposes,", ",dislikes,")
    status, out, _ = validate_cli(data, capsys)
    assert status == 1
    for where, line in (("stances.csv", a), ("stances.csv", b), ("relations.csv", c)):
        assert any(p.startswith(f"{data / where}:{line}:") for p in out), (where, line, out)

    def key(problem: str):
        path, line, _ = problem.split(":", 2)
        return path, int(line) if line.isdigit() else 0

    assert out == sorted(out, key=key)


def test_no_such_folder(tmp_path, capsys):
    status, out, _ = validate_cli(tmp_path / "nowhere", capsys)
    assert status == 1 and "no such data folder" in out[0]


def test_read_table_reports_start_line_of_broken_row(tmp_path):
    path = tmp_path / "t.csv"
    path.write_text('id,text\na,"one\ntwo"\nb,"three\nc,four\n', encoding="utf-8")
    table, problems = validate.read_table(path)
    assert table is None
    assert [(p.line, "unterminated" in p.message) for p in problems] == [(4, True)]
    path.write_text('id,text\na,"one\ntwo"\nb,three\n', encoding="utf-8")
    table, problems = validate.read_table(path)
    assert problems == [] and table.lines == [2, 4] and table.line_of(3) == 4


# ---------------------------------------------------------------- the codebook's rules


def test_according_to_must_be_the_article_or_an_actor(tmp_path, capsys):
    data = copy_data(tmp_path)
    line = edit_line(data / "stances.csv", "st11,", ",russian_envoy", ",the_envoy")
    assert_reported(data, capsys, "stances.csv", line, "according_to", "'the_envoy'")


def test_one_row_per_tie_and_sentence(tmp_path, capsys):
    data = copy_data(tmp_path)
    line = edit_line(data / "relations.csv", "r010,", "r010,russia,iraq", "r010,russia,iran")
    assert_reported(data, capsys, "relations.csv", line, "repeats line", "unit of coding")


def test_an_actor_of_the_positions_section_is_iraqi(tmp_path, capsys):
    data = copy_data(tmp_path)
    line = edit_line(data / "actors.csv", "sunni_factions,", ",armed_group,IRQ,", ",armed_group,,")
    assert_reported(data, capsys, "actors.csv", line, "positions section", "IRQ")


def test_a_member_takes_the_country_of_what_it_belongs_to(tmp_path, capsys):
    data = copy_data(tmp_path)
    line = edit_line(data / "actors.csv", "abadi,", ",person,IRQ,", ",person,SYR,")
    assert_reported(data, capsys, "actors.csv", line, "leads iraq_government", "IRQ")


def test_a_state_read_from_an_adjective_is_inferred(tmp_path, capsys):
    data = copy_data(tmp_path)
    line = line_of(data / "relations.csv", "r065,")
    edit_line(data / "relations.csv", "r065,", ",17 18,true,", ",17 18,false,")
    assert_reported(data, capsys, "relations.csv", line, "target russia is a state", "inferred")


def test_a_stance_names_its_state_in_the_quote(tmp_path, capsys):
    data = copy_data(tmp_path)
    line = edit_line(data / "stances.csv", "st09,", "رفضت روسيا الانضمام", "رفضت الانضمام")
    edit_line(data / "sentences.csv", "s09,", "ورفضت روسيا الانضمام", "ورفضت الانضمام")
    out = assert_reported(data, capsys, "stances.csv", line, "actor russia is a state")
    assert any("widen the quote" in p for p in out)
