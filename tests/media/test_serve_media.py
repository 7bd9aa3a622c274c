"""Uploaded files on the embedded default: whole, or by byte range so players can seek."""

import pytest

DATA = bytes(range(256)) * 40  # 10,240 bytes


@pytest.fixture
def stored_file(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    (tmp_path / "audio").mkdir()
    (tmp_path / "audio" / "bande.wav").write_bytes(DATA)
    return "/media/audio/bande.wav"


def test_whole_file_says_ranges_are_accepted(client, stored_file):
    response = client.get(stored_file)

    assert response.status_code == 200
    assert b"".join(response.streaming_content) == DATA
    assert response["Accept-Ranges"] == "bytes"
    assert response["Content-Type"].startswith("audio/")


@pytest.mark.parametrize(
    ("header", "first", "last"),
    [("bytes=100-199", 100, 199), ("bytes=10000-", 10000, 10239), ("bytes=-40", 10200, 10239)],
)
def test_range_answers_206_with_just_those_bytes(client, stored_file, header, first, last):
    response = client.get(stored_file, HTTP_RANGE=header)

    assert response.status_code == 206
    assert response.content == DATA[first : last + 1]
    assert response["Content-Range"] == f"bytes {first}-{last}/{len(DATA)}"


def test_range_beyond_the_end_is_refused(client, stored_file):
    response = client.get(stored_file, HTTP_RANGE="bytes=20000-")

    assert response.status_code == 416
    assert response["Content-Range"] == f"bytes */{len(DATA)}"


def test_path_outside_the_media_folder_is_not_found(client, stored_file, db):
    assert client.get("/media/../../etc/passwd").status_code == 404
    assert client.get("/media/audio/absente.wav").status_code == 404
