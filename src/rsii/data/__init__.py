"""The data layer: the article as tables (``corpus``, ``article``), where the package's
files are (``paths``), reading them (``read``), loading them as typed tables and the
actor network (``load``), and checking them (``validate``, ``rules``).

It imports nothing from the other layers of :mod:`rsii`. The loader does not import the
validator: both read through :mod:`rsii.data.read`.
"""
