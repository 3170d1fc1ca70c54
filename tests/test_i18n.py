"""The package's words in the edition's language (rsii.present.i18n), and the catalogs'
checks (rsii.book.catalogs): strict lookups, Arabic plural forms, markup kept."""

from __future__ import annotations

from pathlib import Path

import pytest
from babel.messages.catalog import Catalog
from babel.messages.pofile import write_po

from rsii.book import catalogs
from rsii.present import i18n, words


@pytest.fixture
def scratch_catalogs(tmp_path, monkeypatch):
    """A locales folder of our own, with one module catalog."""
    folder = tmp_path / "locales" / "ar" / "LC_MESSAGES" / "rsii"
    folder.mkdir(parents=True)
    catalog = Catalog(locale="ar", domain="rsii")
    catalog.add("{n} actors", "{n} فاعلًا")
    catalog.add(
        ("{n} tie", "{n} ties"), ("لا صلة", "صلة واحدة", "صلتان", "{n} صلات", "{n} صلةً", "{n} صلة")
    )
    catalog.add("support", "تأييد", context="stance")
    catalog.add("changed", "تغيّر", flags=["fuzzy"])
    with (folder / "present.test.po").open("wb") as f:
        write_po(f, catalog)
    monkeypatch.setattr(i18n, "locales_dir", lambda: tmp_path / "locales")
    i18n.clear()
    yield folder
    i18n.clear()


def test_english_is_the_source_text(scratch_catalogs):
    with i18n.using("en"):
        assert i18n._("{n} actors", n=3) == "3 actors"
        assert i18n.n_("{n} tie", "{n} ties", 1) == "1 tie"
        assert i18n.data_("A note.", "stances.note") == "A note."


def test_arabic_comes_from_the_catalog_with_six_plural_forms(scratch_catalogs):
    with i18n.using("ar"):
        assert i18n._("{n} actors", n=27) == "27 فاعلًا"
        assert i18n.p_("stance", "support") == "تأييد"
        forms = [i18n.n_("{n} tie", "{n} ties", n) for n in (0, 1, 2, 5, 11, 100, 103, 111)]
    assert forms == [
        "لا صلة", "صلة واحدة", "صلتان", "5 صلات", "11 صلةً", "100 صلة", "103 صلات", "111 صلةً",
    ]  # fmt: skip


def test_a_missing_or_fuzzy_translation_is_an_error_naming_the_catalog(scratch_catalogs):
    with i18n.using("ar"):
        with pytest.raises(i18n.MissingTranslation, match="rsii/<module>.po"):
            i18n._("no such message")
        with pytest.raises(i18n.MissingTranslation):
            i18n._("changed")
        with pytest.raises(i18n.MissingTranslation, match="rsii/data.po"):
            i18n.data_("A note.", "stances.note")
        with pytest.raises(i18n.MissingTranslation, match="context 'relation'"):
            i18n.p_("relation", "support")


def test_the_edition_comes_from_the_environment(monkeypatch):
    monkeypatch.setenv(i18n.ENV, "ar")
    assert i18n.language() == "ar"
    monkeypatch.setenv(i18n.ENV, "fr")
    with pytest.raises(ValueError, match="RSII_LANG"):
        i18n.language()
    monkeypatch.delenv(i18n.ENV)
    assert i18n.language() == "en"


def test_lists_in_arabic():
    with i18n.using("ar"):
        assert words.join(["روسيا"]) == "روسيا"
        assert words.join(["روسيا", "إيران"]) == "روسيا وإيران"
        assert words.join(["روسيا", "إيران", "العراق"]) == "روسيا، إيران والعراق"
        assert words.join(["روسيا", "إيران"], "or") == "روسيا أو إيران"
    with i18n.using("en"):
        assert words.join(["A", "B", "C"]) == "A, B and C"


@pytest.mark.parametrize(
    ("english", "arabic", "same"),
    [
        ("See {ref}`the register <actor-register>`.", "انظر {ref}`السجل <actor-register>`.", True),
        ("See {ref}`the register <actor-register>`.", "انظر {ref}`السجل <actors>`.", False),
        ("{eval}`n_actors` actors {cite:p}`fn01`", "{cite:p}`fn01` {eval}`n_actors` فاعلًا", True),
        ("{eval}`n_actors` actors", "فاعلون", False),
        ("Version {{ version }}", "الإصدار", False),
        ("A [link](bibliography) here", "[رابط](bibliography) هنا", True),
        ("The {ar}`نص` words", "الكلمات {ar}`نص آخر`", True),
        ("Built with Bokeh {cite:p}`bokeh`.", "بُني بـ{en}`Bokeh` {cite:p}`bokeh`.", True),
    ],
)
def test_markup_must_survive_translation(english, arabic, same):
    assert (catalogs.markup(english, False) == catalogs.markup(arabic, False)) is same


def test_placeholders_must_survive_in_the_packages_messages():
    assert catalogs.markup("{n} actors of {name}", True) == catalogs.markup("{name}: {n}", True)
    assert catalogs.markup("{n} actors", True) != catalogs.markup("فاعلون", True)


def test_problems_name_file_and_line(tmp_path):
    po = tmp_path / "locales" / "ar" / "LC_MESSAGES" / "book" / "page.po"
    po.parent.mkdir(parents=True)
    catalog = Catalog(locale="ar")
    catalog.add("Fine.", "حسن.")
    catalog.add("Untranslated.", "")
    catalog.add("Changed.", "تغيّر.", flags=["fuzzy"])
    catalog.add("See {ref}`x <lab>`.", "انظر.")
    with po.open("wb") as f:
        write_po(f, catalog)
    found = catalogs.problems(tmp_path)
    assert len(found) == 3
    text = po.read_text(encoding="utf-8").split("\n")
    for problem in found:
        where, _, what = problem.partition(": ")
        path, line = where.rsplit(":", 1)
        assert Path(path) == Path("locales/ar/LC_MESSAGES/book/page.po")
        assert text[int(line) - 1].startswith("msgid")
    assert [p.split(": ", 1)[1].split(" ")[0] for p in found] == ["untranslated:", "fuzzy", "the"]


def test_the_checkouts_catalogs_are_complete_and_keep_their_markup(root):
    """Every message of every Arabic catalog translated, none fuzzy, markup kept."""
    assert catalogs.problems(root) == []


def test_every_message_in_the_code_has_its_catalog(root):
    """The package's catalogs hold every message the code marks, and no stale one."""
    templates = catalogs.extract_code(root)
    templates[i18n.DATA_CATALOG] = catalogs.extract_data(root)
    folder = catalogs.messages_dir(root) / i18n.DOMAIN
    from babel.messages.pofile import read_po

    for name, template in templates.items():
        path = folder / f"{name}.po"
        assert path.is_file(), f"no catalog {path.relative_to(root)}: run `make catalogs`"
        with path.open("rb") as f:
            have = {(m.context, m.id) for m in read_po(f) if m.id}
        want = {(m.context, m.id) for m in template if m.id}
        assert want - have == set(), f"{path.relative_to(root)} lacks messages: make catalogs"
    assert {p.stem for p in folder.glob("*.po")} == set(templates)
