"""The actors' and concepts' names in the edition's language, as the chapters' tables
and sentences show them.

In English, an actor's ``name_en`` (tables), its ``short_en`` (tables and figures that
are short of room) or its name as a sentence uses it (:func:`rsii.present.register.spoken`).
In Arabic, its ``short_ar`` everywhere: the article's ``name_ar`` is the words of the
actor's first mention, inflected as that sentence has them («تحالفا دوليا»,
«للولايات المتحدة»), and so no name for a table's cell; the short name carries its own
article («التحالف الدولي»), so a sentence uses it as it is.
"""

from __future__ import annotations

import pandas as pd

from rsii.present import i18n


def names(actors: pd.DataFrame, short: bool = False) -> dict[str, str]:
    """Each actor's name by id: ``name_en`` (``short_en`` when ``short``), or in the
    Arabic edition ``short_ar``."""
    column = "short_ar" if i18n.is_arabic() else ("short_en" if short else "name_en")
    return dict(zip(actors["id"], actors[column], strict=True))


def spoken(actors: pd.DataFrame) -> dict[str, str]:
    """Each actor's name as a sentence uses it: "the Russian envoy", "Russia"
    (:func:`rsii.present.register.spoken`); in Arabic its short name."""
    if i18n.is_arabic():
        return names(actors)
    from rsii.present import register

    return register.spoken(actors)


def with_article(actors: pd.DataFrame, bare_kinds: tuple[str, ...] = ()) -> dict[str, str]:
    """Each actor's short name after "the" ("the 4+1 coalition"), but for the kinds in
    ``bare_kinds`` ("Russia"); in Arabic its short name."""
    if i18n.is_arabic():
        return names(actors)
    return {
        a: short if kind in bare_kinds else f"the {short}"
        for a, short, kind in zip(
            actors["id"], actors["short_en"], actors["kind"].astype(str), strict=True
        )
    }


def concepts(table: pd.DataFrame) -> dict[str, str]:
    """Each concept's name by id (``name_en``, in Arabic ``name_ar``)."""
    column = "name_ar" if i18n.is_arabic() else "name_en"
    return dict(zip(table["id"], table[column], strict=True))


def actor_links(actors: pd.DataFrame) -> dict[str, str]:
    """Every way a table names an actor → its id, for
    :func:`rsii.present.tables.markdown_table` (:func:`rsii.present.register.actor_links`),
    with the Arabic short names in the Arabic edition."""
    from rsii.present import register

    links = register.actor_links(actors)
    if i18n.is_arabic():
        links |= {str(n): str(a) for a, n in zip(actors["id"], actors["short_ar"], strict=True)}
    return links
