"""The presentation layer: what a reader sees of the analysis. Static figures
(``figures``, ``timechart``), the interactive network (``interactive``), Markdown tables
(``tables``), Arabic text and fonts (``arabic``, ``fonts``), notebook glue
(``notebook``), the actor register's content (``register``, ``register_pages``) and
the files ``rsii export`` writes (``export``).

It may import :mod:`rsii.analysis` and :mod:`rsii.data`, and nothing from
:mod:`rsii.book` or :mod:`rsii.cli`. Importing it changes no global state of the reader's session:
figures are drawn in a style context, fonts registered on first use.
"""
