import pytest

from framing.corpus import ReadOptions, load
from framing.corpus.language import (
    detect_language,
    language_code,
    language_counts,
    split_by_language,
)
from framing.errors import CorpusError
from framing.types import Article

ENGLISH = ("Survivors said the council had ignored their reports for years, and the review "
           "found that officers failed to act on repeated warnings.")
GERMAN = ("Die Betroffenen sagten, der Stadtrat habe ihre Berichte jahrelang ignoriert, und "
          "die Untersuchung ergab, dass die Beamten nicht gehandelt hätten.")
KOREAN = ("피해자들은 시의회가 수년간 그들의 신고를 무시했다고 말했고, "
          "조사 결과 경찰이 반복된 경고에도 조치하지 않은 것으로 드러났다.")


@pytest.mark.parametrize(("text", "code"), [(ENGLISH, "en"), (GERMAN, "de"), (KOREAN, "ko")])
def test_detects_the_language_offline(text, code):
    assert detect_language(text) == code


def test_too_little_text_has_no_language():
    assert detect_language("OK 2014") == ""


@pytest.mark.parametrize(("given", "code"), [("en", "en"), ("EN", "en"), ("en-GB", "en"),
                                             ("English", "en"), ("Deutsch", "de"),
                                             ("ger", "de"), ("", "")])
def test_language_codes_from_metadata(given, code):
    assert language_code(given) == code


def article(article_id, language):
    return Article(article_id, "Daily One", None, "H", "", "Text.",
                   meta={"language": language} if language else {})


def test_split_keeps_english_and_unknown():
    kept, left_out = split_by_language([article("a", "en"), article("b", "de"),
                                        article("c", ""), article("d", "Korean")])
    assert [a.id for a in kept] == ["a", "c"]
    assert left_out == {"de": 1, "ko": 1}
    assert language_counts({"ko": 59, "de": 51, "fr": 51}) == "Korean 59, French 51, German 51"


def test_a_table_language_column_is_honoured(tmp_path):
    path = tmp_path / "rows.csv"
    path.write_text("id,outlet,text,language\na,X,Hello there.,en\nb,X,Hallo.,de\n",
                    encoding="utf-8")
    corpus = load(path)
    assert [a.id for a in corpus.articles] == ["a"]
    assert corpus.left_out_languages == {"de": 1}
    assert corpus.warnings[-1].endswith("left out 1 article not in English (German 1): the "
                                        "lexicons and VADER read English; --all-languages "
                                        "keeps them")
    assert len(load(path, options=ReadOptions(all_languages=True)).articles) == 2


def test_no_article_in_english_is_an_error_that_says_what_to_do(tmp_path):
    path = tmp_path / "rows.csv"
    path.write_text("id,outlet,text,language\nb,X,Hallo.,de\n", encoding="utf-8")
    with pytest.raises(CorpusError, match=r"no article in English: 1 article in other "
                       r"languages \(German 1\).*--all-languages"):
        load(path)
