"""The command line reports bad input by file and line, never with a traceback."""

from __future__ import annotations

import shutil

from rsii import cli


def test_sentences_with_a_bad_translation_file_names_file_and_line(root, tmp_path, capsys):
    data = tmp_path / "data"
    shutil.copytree(root / "data", data)
    path = data / "source" / "translation.en.csv"
    lines = path.read_text(encoding="utf-8").splitlines()
    lines[3] = lines[3].replace("s03,", "s99,", 1)
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    assert cli.main(["sentences", str(data)]) == 1
    err = capsys.readouterr().err
    assert "translation.en.csv:4:" in err and "s99" in err and "Traceback" not in err


def test_export_into_an_unwritable_place_is_a_clear_error(tmp_path, capsys):
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    assert cli.main(["export", str(blocker / "out")]) == 1
    err = capsys.readouterr().err
    assert err.startswith("error:") and "Traceback" not in err


def test_validate_a_missing_folder(tmp_path, capsys):
    assert cli.main(["validate", str(tmp_path / "nowhere")]) == 1
    out = capsys.readouterr()
    assert "Traceback" not in out.out + out.err
