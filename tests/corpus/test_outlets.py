import pytest

from framing.corpus.outlets import apply_aliases, outlet_from_url, registered_domain


@pytest.mark.parametrize(
    ("url", "outlet"),
    [
        ("https://www.bbc.co.uk/news/uk-england-south-yorkshire-28939089", "BBC News"),
        ("https://www.bbc.com/news/uk-28953549", "BBC News"),
        ("http://news.bbc.co.uk/1/hi/uk/123.stm", "BBC News"),
        ("https://www.independent.co.uk/news/uk/crime/x.html", "The Independent"),
        ("www.yorkshirepost.co.uk/news/crime/x", "The Yorkshire Post"),
        ("http://www.breitbart.com/london/2015/08/27/x/", "Breitbart"),
        ("https://edition.cnn.com/2020/01/01/x", "CNN"),
        ("https://example.org/story", "example.org"),
        ("https://www.abc.net.au/news/x", "abc.net.au"),
        ("", ""),
        ("not a url", ""),
        ("http://[broken", ""),
    ],
)
def test_outlet_from_url(url, outlet):
    assert outlet_from_url(url) == outlet


def test_registered_domain():
    assert registered_domain("www.bbc.co.uk") == "bbc.co.uk"
    assert registered_domain("edition.cnn.com") == "cnn.com"
    assert registered_domain("example.org") == "example.org"


def test_aliases_ignore_case_and_whitespace():
    aliases = {"Fox Online News": "Fox News", "fox news (online)": "Fox News"}
    assert apply_aliases(" fox  online NEWS ", aliases) == "Fox News"
    assert apply_aliases("Fox News (Online)", aliases) == "Fox News"
    assert apply_aliases("FOX NEWS", aliases) == "Fox News"  # the canonical spelling wins
    assert apply_aliases("Fox  News Latino", aliases) == "Fox News Latino"
    assert apply_aliases("CNN", {}) == "CNN"
