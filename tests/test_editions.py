"""The Arabic edition's source tree, configuration and place in the site
(rsii.book.editions), without building it."""

from __future__ import annotations

import os

import yaml

from rsii.book import editions


def _checkout(tmp_path):
    root = tmp_path / "repo"
    (root / "book" / "_static").mkdir(parents=True)
    (root / "book" / "intro.md").write_text("# Intro\n")
    (root / "book" / "article.md").write_text("generated, English\n")
    (root / "book" / "actors").mkdir()
    (root / "book" / "_config.yml").write_text(
        "title: T\nsphinx:\n  config:\n    language: en\n    numfig: true\n"
    )
    (root / "book" / "_config.ar.yml").write_text(
        "title: ع\nsphinx:\n  config:\n    language: ar\n"
    )
    (root / "notebooks").mkdir()
    (root / "notebooks" / "n.md").write_text("# N\n")
    (root / "data").mkdir()
    (root / "_build").mkdir()
    (root / ".git").mkdir()
    return root


def test_the_arabic_tree_links_the_sources_and_keeps_its_generated_pages(tmp_path):
    root = _checkout(tmp_path)
    tree = editions.source_tree(root, "ar")
    assert tree == root / "_build" / "ar" / "src"
    assert (tree / "notebooks").is_symlink() and (
        tree / "notebooks" / "n.md"
    ).read_text() == "# N\n"
    assert (tree / "book").is_dir() and not (tree / "book").is_symlink()
    assert (tree / "book" / "intro.md").is_symlink()
    assert not (tree / "book" / "article.md").exists()  # the edition writes its own
    assert not (tree / "book" / "actors").exists()
    assert not (tree / "_build").is_symlink() and not (tree / ".git").exists()
    # links are relative: the tree moves with the checkout
    assert not os.readlink(tree / "notebooks").startswith("/")
    assert editions.language_of(tree) == "ar" and editions.checkout(tree) == root
    assert editions.language_of(root) == "en" and editions.checkout(root) == root


def test_the_arabic_configuration_is_the_english_with_the_overlay(tmp_path):
    root = _checkout(tmp_path)
    tree = editions.source_tree(root, "ar")
    config = yaml.safe_load((tree / "book" / "_config.yml").read_text())
    assert config["title"] == "ع"
    assert config["sphinx"]["config"] == {"language": "ar", "numfig": True}


def test_a_file_added_or_removed_in_the_checkout_follows_in_the_tree(tmp_path):
    root = _checkout(tmp_path)
    tree = editions.source_tree(root, "ar")
    (root / "book" / "new.md").write_text("# New\n")
    (root / "book" / "intro.md").unlink()
    editions.source_tree(root, "ar")
    assert (tree / "book" / "new.md").read_text() == "# New\n"
    assert (
        not (tree / "book" / "intro.md").exists() and not (tree / "book" / "intro.md").is_symlink()
    )


def test_publishing_copies_the_site_and_removes_what_is_gone(tmp_path):
    root = _checkout(tmp_path)
    built = root / "_build" / "ar" / "src" / "_build" / "html"
    (built / "book").mkdir(parents=True)
    (built / "book" / "intro.html").write_text("<p>مقدمة</p>")
    (built / ".doctrees").mkdir()
    (built / ".doctrees" / "x.pickle").write_text("x")
    english = root / "_build" / "html"
    (english / "downloads").mkdir(parents=True)
    (english / "downloads" / "data.zip").write_text("zip")
    old = english / "ar" / "book" / "old.html"
    old.parent.mkdir(parents=True)
    old.write_text("gone")
    editions.publish(root, "ar")
    site = english / "ar"
    assert (site / "book" / "intro.html").read_text() == "<p>مقدمة</p>"
    assert not old.exists() and not (site / ".doctrees").exists()
    assert (site / "downloads" / "data.zip").read_text() == "zip"


def test_merge_replaces_lists_and_merges_mappings():
    base = {"a": {"b": 1, "c": [1, 2]}, "d": 1}
    assert editions.merge(base, {"a": {"c": [3]}}) == {"a": {"b": 1, "c": [3]}, "d": 1}
    assert base == {"a": {"b": 1, "c": [1, 2]}, "d": 1}
