"""The findings of the stance chapter and the introduction as tests of a model, and in
how many of the multiverse's models each holds (:mod:`rsii.analysis.multiverse`): the
robustness the book states beside each finding.

References: Steegen, S., Tuerlinckx, F., Gelman, A. & Vanpaemel, W. (2016). Increasing
transparency through a multiverse analysis. *Perspectives on Psychological Science* 11,
702–712. Simonsohn, U., Simmons, J. P. & Nelson, L. D. (2020). Specification curve
analysis. *Nature Human Behaviour* 4, 1208–1214.
"""

from __future__ import annotations

from collections.abc import Callable

import pandas as pd

from rsii.analysis.multiverse import OPTIONS, Multiverse

Finding = Callable[[dict], bool]


def holds(
    multiverse: Multiverse,
    finding: Finding,
    part: str = "combinations",
    where: Finding | None = None,
) -> tuple[int, int]:
    """In how many models a finding holds.

    Parameters
    ----------
    multiverse : Multiverse
    finding : callable
        A row of the table (a dict of :data:`COLUMNS`) → whether the finding holds.
    part : {"combinations", "readings", "all"}
        The models counted: the combinations of the choices, the hard cases' readings
        of the main model, or both.
    where : callable or None
        Count only the models of ``part`` for which it is true (a row → bool).

    Returns
    -------
    (n, m) : tuple of int
        The finding holds in n of the m models.

    Examples
    --------
    >>> table = pd.DataFrame({"case": ["", "", "hc01"], "frustration": [3, 0, 2]})
    >>> holds(Multiverse(table, 0, 0), lambda row: row["frustration"] > 0)
    (1, 2)
    >>> holds(Multiverse(table, 0, 0), lambda row: row["frustration"] > 0, part="all")
    (2, 3)
    """
    rows = [r for r in multiverse.part(part).to_dict("records") if where is None or where(r)]
    return sum(bool(finding(r)) for r in rows), len(rows)


def rests_on(multiverse: Multiverse, finding: Finding) -> tuple[dict[str, tuple], bool]:
    """The choices a finding rests on, among the combinations of the choices.

    Returns
    -------
    needs : dict
        Each choice some option of which the finding never holds under → the options
        under which it holds in some model (in :data:`OPTIONS`' order). Empty when the
        finding holds under every option of every choice (or in no model).
    enough : bool
        Whether the finding holds in every model that makes the choices ``needs``
        names (it then holds exactly there).

    Examples
    --------
    >>> table = pd.DataFrame({"case": [""] * 4, "acts": [True, True, False, False],
    ...                       "inferred": [True, False, True, False]})
    >>> mv = Multiverse(table, 0, 0)
    >>> rests_on(mv, lambda row: row["acts"])
    ({'acts': (True,)}, True)
    >>> rests_on(mv, lambda row: row["acts"] and row["inferred"])
    ({'acts': (True,), 'inferred': (True,)}, True)
    >>> rests_on(mv, lambda row: row["acts"] or row["inferred"])
    ({}, False)
    """
    rows = multiverse.combinations.to_dict("records")
    held = [r for r in rows if finding(r)]
    needs = {}
    for choice, options in OPTIONS.items():
        if choice not in multiverse.table:
            continue
        present = [o for o in options if any(r[choice] == o for r in rows)]
        under = tuple(o for o in present if any(r[choice] == o for r in held))
        if held and len(under) < len(present):
            needs[choice] = under
    meets = [r for r in rows if all(r[c] in o for c, o in needs.items())]
    return needs, bool(held) and all(finding(r) for r in meets)


# The actors the findings name (ids of actors.csv).
IRAQ, IRAQ_GOVERNMENT, US_COALITION = "iraq", "iraq_government", "us_led_coalition"
ALL_NEGATIVE = (("isis", "russia", US_COALITION), ("russia", "sunni_factions", US_COALITION))


def _approval_misfits(row: dict) -> bool:
    """The positive tie of Iraq's government (or of Iraq, its agents merged into it) to
    the US-led coalition is out of place in some optimal clustering."""
    pairs = ({IRAQ_GOVERNMENT, US_COALITION}, {IRAQ, US_COALITION})
    return any({u, v} in pairs and s > 0 for u, v, s in row["misfit_ties"])


# The findings the stance chapter and the introduction state, each as a test of one row
# of the multiverse: name → (what it says, in words; the test).
FINDINGS: dict[str, tuple[str, Finding]] = {
    "chance": (
        "more balanced triangles than at least 95 % of sign permutations",
        lambda r: r["p_share"] <= 0.05,
    ),
    "unbalanced": (
        "not balanced: some tie must change for two camps",
        lambda r: r["frustration"] > 0,
    ),
    "splits": ("several two-camp splits equally good", lambda r: r["optimal_splits"] > 1),
    "clusters": (
        "more than two clusters fit better than two camps",
        lambda r: r["misfits"] < r["frustration"],
    ),
    "three": ("three clusters reach the fewest misfits", lambda r: r["fewest_clusters"] <= 3),
    "misfit": ("exactly one tie out of place in the best clustering", lambda r: r["misfits"] == 1),
    "approval": (
        "the Iraqi approval of the US-led coalition can be that tie",
        _approval_misfits,
    ),
    "all_negative": (
        "every unbalanced triangle all-negative",
        lambda r: all(n == 3 for *_, n in r["unbalanced"]),
    ),
    "two_triangles": (
        "the unbalanced triangles are the main model's two all-negative ones",
        lambda r: {t[:3] for t in r["unbalanced"]} == set(ALL_NEGATIVE),
    ),
    "support": ("more stances of support than of opposition", lambda r: r["support"] > r["oppose"]),
}


def robustness(multiverse: Multiverse, findings: dict | None = None) -> pd.DataFrame:
    """Each finding's robustness: one row per finding of ``findings`` (default
    :data:`FINDINGS`) with ``finding`` (its name), ``says``, ``held`` of ``models`` (the
    combinations, :func:`holds`), ``held_readings`` of ``readings`` (the hard cases'
    readings), and ``needs`` and ``enough`` (:func:`rests_on`).

    Examples
    --------
    >>> table = pd.DataFrame({"case": ["", "", "hc01"], "acts": [True, False, True],
    ...                       "support": [16, 6, 15], "oppose": [11, 10, 11]})
    >>> mv = Multiverse(table, 0, 0)
    >>> found = robustness(mv, {"support": FINDINGS["support"]}).to_dict("records")[0]
    >>> found["held"], found["models"], found["held_readings"], found["needs"]
    (1, 2, 1, {'acts': (True,)})
    """
    rows = []
    for name, (says, finding) in (findings or FINDINGS).items():
        n, m = holds(multiverse, finding)
        n_read, m_read = holds(multiverse, finding, part="readings")
        needs, enough = rests_on(multiverse, finding)
        rows.append({"finding": name, "says": says, "held": n, "models": m,
                     "held_readings": n_read, "readings": m_read, "needs": needs,
                     "enough": enough})  # fmt: skip
    return pd.DataFrame(rows)
