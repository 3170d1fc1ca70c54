"""rsii: the data and analysis behind the companion book to the Arabic Wikipedia
article on the Russia–Syria–Iran–Iraq ("4+1") coalition."""

__version__ = "0.1.0"
