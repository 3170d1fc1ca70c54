"""The analysis layer: pure functions over the data's tables and graphs, each sourced in
its docstring and tested on small graphs with known answers. The actor network and its
blocs (``network``), structural balance (``balance``), centralities and block models
(``centrality``), discourse network analysis (``dna``), the timeline's spans
(``timeline``), the footnote evidence (``evidence``) and the results ``rsii export``
writes (``results``).

It may import :mod:`rsii.data`, and nothing from the presentation or build layers.
"""
