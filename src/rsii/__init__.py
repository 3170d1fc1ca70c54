"""rsii: the data and analysis behind the companion book to the Arabic Wikipedia
article on the Russia–Syria–Iran–Iraq ("4+1") coalition.

Layers, each importing only from the layers below it (checked by import-linter's
``layers`` contract in ``pyproject.toml``):

- :mod:`rsii.cli`: the ``rsii`` command;
- :mod:`rsii.book`: the book's build, its Sphinx extension, benchmarks and JupyterLab;
- :mod:`rsii.present`: figures, tables, the interactive network, Arabic text and fonts,
  notebook glue, the actor register's content and the export;
- :mod:`rsii.analysis`: the actor network, discourse network analysis, structural
  balance, centralities, the timeline, the footnote evidence and the exported results;
- :mod:`rsii.data`: the article as tables, finding, reading, loading and validating the
  data package.

``rsii.__version__`` is the installed package's version, CITATION.cff's ``version``.
"""

from importlib import metadata as _metadata

try:
    # The installed distribution's version, which hatchling took from CITATION.cff (the
    # one place it is written; see [tool.hatch.version] in pyproject.toml).
    __version__ = _metadata.version("rsii")
except _metadata.PackageNotFoundError:  # sources on sys.path without being installed: no metadata
    __version__ = "0+unknown"
