"""The book layer: the book's build and its stamps (``build``, ``stamps``), the release
facts it prints (``release``), the Sphinx extension (``sphinxext``), the benchmarks
(``bench``) and the JupyterLab launcher (``lab``).

It may import :mod:`rsii.present`, :mod:`rsii.analysis` and :mod:`rsii.data`; nothing
in the package imports it (the Sphinx configuration names its extension).
"""
