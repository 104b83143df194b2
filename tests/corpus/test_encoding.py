import gzip

import pytest

from framing.corpus.encoding import decode_bytes, encoding_warning, read_text
from framing.errors import CorpusError

TEXT = "Rotherham: the council’s report — “appalling” failures. Café, naïve, Zürich."
LATIN = "Le garçon a mangé à la crèche; Größe, Übermaß, naïve façade."


def test_utf8_without_and_with_bom(tmp_path):
    plain, bom = tmp_path / "plain.txt", tmp_path / "bom.txt"
    plain.write_bytes(TEXT.encode("utf-8"))
    bom.write_bytes(b"\xef\xbb\xbf" + TEXT.encode("utf-8"))
    assert read_text(plain) == (TEXT, "utf-8")
    assert read_text(bom) == (TEXT, "utf-8")
    assert encoding_warning(plain, "utf-8") is None


def test_utf16_with_bom(tmp_path):
    path = tmp_path / "wide.txt"
    path.write_bytes(TEXT.encode("utf-16"))  # Python writes the BOM
    assert read_text(path) == (TEXT, "utf-16")


def test_windows_1252_is_detected_and_named(tmp_path):
    path = tmp_path / "cp1252.txt"
    path.write_bytes(TEXT.encode("cp1252"))
    text, encoding = read_text(path)
    assert text == TEXT
    assert encoding == "cp1252"
    warning = encoding_warning(path, encoding)
    assert str(path) in warning and "Windows-1252" in warning


def test_latin_1_is_decoded_correctly(tmp_path):
    path = tmp_path / "latin1.txt"
    path.write_bytes(LATIN.encode("latin-1"))
    text, encoding = read_text(path)
    assert text == LATIN
    assert encoding != "utf-8"
    assert "not UTF-8" in encoding_warning(path, encoding)


def test_central_european_text_keeps_its_code_page():
    polish = "Zażółć gęślą jaźń – powiedział."
    assert decode_bytes(polish.encode("cp1250"), source="x") == (polish, "cp1250")


def test_newlines_are_normalised(tmp_path):
    path = tmp_path / "crlf.txt"
    path.write_bytes(b"one\r\ntwo\rthree\n")
    assert read_text(path)[0] == "one\ntwo\nthree\n"


def test_gzipped_text(tmp_path):
    path = tmp_path / "a.txt.gz"
    path.write_bytes(gzip.compress(TEXT.encode("utf-8")))
    assert read_text(path) == (TEXT, "utf-8")


@pytest.mark.parametrize(
    "payload",
    [b"abc\x00def", b"%PDF-1.4\n\xe2\xe3\xcf\xd3 binary", b"PK\x03\x04\x14\x00\x06\x00",
     bytes(range(1, 32)) * 50],
)
def test_binary_files_are_refused(tmp_path, payload):
    path = tmp_path / "article.txt"
    path.write_bytes(payload)
    with pytest.raises(CorpusError) as error:
        read_text(path)
    message = str(error.value)
    assert message.startswith(f"{path}: looks like a binary file")
    assert "remove it from the folder" in message


def test_missing_file(tmp_path):
    with pytest.raises(CorpusError, match="no such file or folder"):
        read_text(tmp_path / "absent.txt")
