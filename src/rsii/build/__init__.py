"""The build layer: the book's build and its stamps (``book``, ``stamps``), the Sphinx
extension (``sphinxext``), the ``rsii`` command (``cli``), ``rsii export``
(``export``), the benchmarks (``bench``) and JupyterLab (``lab``).

It may import every other layer; nothing imports it.
"""
