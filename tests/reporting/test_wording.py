from framing.reporting.wording import (
    decimal,
    join_names,
    lexicon_label,
    number,
    percent,
    plural,
    possessive,
    signed,
    terms_of,
)


def test_number_formatting():
    assert number(1234567) == "1,234,567"
    assert decimal(4.149) == "4.1" and decimal(-0.04) == "0.0" and decimal(1234.5, 0) == "1,234"
    assert signed(0.274) == "+0.27" and signed(-0.004) == "+0.00" and signed(-0.44) == "-0.44"
    assert percent(0.756) == "76%"


def test_counts_and_names():
    assert plural(1, "article") == "1 article" and plural(1200, "article") == "1,200 articles"
    assert plural(2, "survivor story", "survivor stories") == "2 survivor stories"
    assert possessive("BBC News") == "BBC News’s"
    assert join_names([]) == "" and join_names(["A"]) == "A" and join_names(["A", "B"]) == "A and B"
    assert join_names(["A", "B", "C", "D", "E", "F"]) == "A, B, C and 3 others"


def test_lexicon_names_read_as_words():
    assert lexicon_label("perpetrator_labels") == "perpetrator labels"
    assert terms_of("ethnicity") == "ethnicity terms"
    assert terms_of("perpetrator_labels") == "perpetrator labels"
