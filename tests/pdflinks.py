"""The link annotations of a PDF, for the tests that check where they lead."""

from __future__ import annotations


def links(reader):
    """("uri", address) or ("internal", destination name) for each link, page by page."""
    for page in reader.pages:
        for annot in page.get("/Annots") or []:
            annot = annot.get_object()
            if annot.get("/Subtype") != "/Link":
                continue
            action = annot.get("/A")
            action = action.get_object() if action is not None else None
            if action is not None and action.get("/S") == "/URI":
                yield "uri", str(action.get("/URI"))
            else:
                dest = annot.get("/Dest") if action is None else action.get("/D")
                yield "internal", dest
