"""What the URL walk (``jiuye/tests/test_url_walk.py``) needs of the books: no record of their
own (a large book's Excel is a list export's ``core.Export``), only the book the book pages
name."""


def build(samples):
    return {}, {"book": "labour"}
