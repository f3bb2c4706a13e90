"""TRUST.md checks 1-5: a damaged, forged, hostile or newer file is refused, changing nothing."""

from __future__ import annotations

import json
import random
import struct
import zipfile
from pathlib import Path

import pytest
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey
from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat

from app.exchange.errors import CONTAINER_ERRORS, FileRefused
from app.exchange.file_format import container, header, payload
from app.exchange.receiving import reading
from app.members.member_files import MemberForm, add_member
from tests.exchange.conftest import Offices, add_members, database_digest
from tests.exchange.forge import members_of, open_as, reseal, with_records, zip_of


def county_file(offices: Offices) -> Path:
    add_members(offices.county, "张建国", "李秀英", "王伟", "赵丽", "孙强")
    return offices.county.export_to(offices.city, offices.stick).path


def refused(offices: Offices, path: Path, reason: str | None = None) -> FileRefused:
    with pytest.raises(FileRefused) as caught:
        offices.city.import_(path)
    if reason is not None:
        assert caught.value.reason == reason, caught.value.message
    return caught.value


# --- 1. one flipped byte anywhere -------------------------------------------------------


def positions(data: bytes) -> list[int]:
    """Every byte of the magic, header length and signature; each frame's length;
    some of the header; and a spread of random places (all parts of the file)."""
    size = len(data)
    (header_length,) = struct.unpack(">I", data[8:12])
    chosen = set(range(0, 12)) | set(range(size - 68, size))
    chosen |= set(range(12, 12 + header_length, max(1, header_length // 60)))
    at = 12 + header_length
    while at < size - 68:  # every frame's length field
        chosen |= set(range(at, at + 4))
        (length,) = struct.unpack(">I", data[at : at + 4])
        at += 4 + length
    chosen |= set(random.Random(12).sample(range(size), 120))
    return sorted(chosen)


def test_one_flipped_byte_anywhere_is_refused_before_any_write(offices: Offices) -> None:
    original = county_file(offices)
    data = original.read_bytes()
    before = database_digest(offices.city.database)
    damaged = offices.stick / "damaged.cppccx"
    for position in positions(data):
        for mask in (0x01, 0x80):
            flipped = bytearray(data)
            flipped[position] ^= mask
            damaged.write_bytes(bytes(flipped))
            error = refused(offices, damaged)
            assert error.reason in ("damaged", "signature", "unknown_sender", "wrong_recipient"), (
                position,
                error.reason,
            )
    assert database_digest(offices.city.database) == before
    assert offices.city.import_(original).result == "applied"  # the good file still goes in


def test_a_flipped_byte_in_a_receipt_is_refused(offices: Offices) -> None:
    result = offices.city.import_(county_file(offices))
    assert result.receipt_path is not None
    data = result.receipt_path.read_bytes()
    before = database_digest(offices.county.database)
    damaged = offices.stick / "damaged.cppccr"
    for position in range(0, len(data), 7):
        flipped = bytearray(data)
        flipped[position] ^= 0x04
        damaged.write_bytes(bytes(flipped))
        with pytest.raises(FileRefused):
            offices.county.import_(damaged)
    assert database_digest(offices.county.database) == before


def test_the_message_is_plain(offices: Offices) -> None:
    data = bytearray(county_file(offices).read_bytes())
    data[len(data) // 2] ^= 0x10
    damaged = offices.stick / "x.cppccx"
    damaged.write_bytes(bytes(data))
    error = refused(offices, damaged, "signature")
    assert "改动" in error.what and "重新导出" in error.todo


# --- 2. unknown sender, wrong key, tampered ciphertext; personal data encrypted ----------


def test_a_file_from_an_office_not_trusted_is_refused(offices: Offices) -> None:
    add_members(offices.second, "钱文华")
    sent = offices.second.export_to(offices.city, offices.stick).path
    with pytest.raises(FileRefused) as caught:
        offices.county.import_(sent)  # the county never trusted the other county
    assert caught.value.reason == "unknown_sender"
    assert "邻旗政协" in caught.value.what


def test_a_file_signed_with_another_key_is_refused(offices: Offices) -> None:
    head, plain = open_as(offices.city, county_file(offices))
    forged = reseal(
        offices.county,
        offices.city,
        head,
        plain,
        offices.stick / "f.cppccx",
        signer_office=offices.second,
    )
    refused(offices, forged, "signature")


def test_a_file_encrypted_to_another_key_is_refused(offices: Offices) -> None:
    head, plain = open_as(offices.city, county_file(offices))
    other = X25519PrivateKey.generate().public_key().public_bytes(Encoding.Raw, PublicFormat.Raw)
    forged = reseal(
        offices.county, offices.city, head, plain, offices.stick / "f.cppccx", encrypt_to=other
    )
    refused(offices, forged, "wrong_key")


def resign(path: Path, offices: Offices, change: int) -> Path:
    """Flip a byte of the ciphertext and sign the result again with the sender's key."""
    from app.office.identity import current_key, signing_key

    opened = container.open_file(path)
    data = bytearray(path.read_bytes()[: opened.frames_end])
    data[change] ^= 0x01
    with offices.county.database.begin() as session:
        key = signing_key(current_key(session, offices.county.uuid))  # type: ignore[arg-type]
    import hashlib

    from app.exchange.file_format import crypto

    signature = crypto.sign(key, hashlib.sha256(bytes(data)).digest())
    target = path.with_name("resigned.cppccx")
    target.write_bytes(bytes(data) + container.TRAILER + signature)
    return target


def test_tampered_ciphertext_signed_again_fails_its_authentication_tag(offices: Offices) -> None:
    path = county_file(offices)
    opened = container.open_file(path)
    error = refused(offices, resign(path, offices, opened.frames_at + 10), "damaged")
    assert "损坏" in error.what


def test_personal_data_travels_encrypted(offices: Offices) -> None:
    add_member(
        offices.county.database,
        MemberForm(name="欧阳秀英", phone="13912345678", id_number="15052319800101123X"),
    )
    data = offices.county.export_to(offices.city, offices.stick).path.read_bytes()
    for secret in ("欧阳秀英", "13912345678", "15052319800101123X"):
        assert secret.encode() not in data
        assert json.dumps(secret).encode() not in data


# --- 3. every container exception is "damaged", never a crash ----------------------------


def corrupt_deflate(plain: bytes) -> bytes:
    members = members_of(plain)
    name = next(n for n in members if n.startswith("records/"))
    raw = bytearray(zip_of({name: members[name] * 50}))
    start = raw.index(name.encode()) + len(name) + 20  # inside the compressed data
    for i in range(start, start + 40):
        raw[i] ^= 0x5A
    return bytes(raw)


@pytest.mark.parametrize(
    "make",
    [
        lambda plain: b"this is not a zip file",  # BadZipFile
        lambda plain: plain[: len(plain) // 2],  # truncated
        corrupt_deflate,  # zlib.error or a CRC error
        lambda plain: zip_of({"records/member.jsonl": b"{not json\n"}),  # JSONDecodeError
        lambda plain: zip_of({"records/member.jsonl": b"\xff\xfe\n"}),  # UnicodeDecodeError
        lambda plain: zip_of({"records/member.jsonl": b'{"u": 1}'}),  # no final newline
        lambda plain: b"",
    ],
    ids=["not-a-zip", "truncated", "bad-deflate", "bad-json", "not-utf8", "cut-line", "empty"],
)
def test_a_damaged_payload_says_damaged(offices: Offices, make) -> None:  # type: ignore[no-untyped-def]
    head, plain = open_as(offices.city, county_file(offices))
    before = database_digest(offices.city.database)
    forged = reseal(offices.county, offices.city, head, make(plain), offices.stick / "f.cppccx")
    error = refused(offices, forged, "damaged")
    assert "损坏" in error.what
    assert database_digest(offices.city.database) == before


@pytest.mark.parametrize("kind", CONTAINER_ERRORS, ids=lambda k: k.__name__)
def test_every_container_exception_becomes_one_message(
    offices: Offices, monkeypatch: pytest.MonkeyPatch, kind: type[BaseException]
) -> None:
    path = county_file(offices)

    def explode(*args: object) -> None:
        raise kind.__new__(kind)

    monkeypatch.setattr(reading, "read_payload", explode)
    error = refused(offices, path, "damaged")
    assert error.what.startswith("交换文件已损坏")


def test_an_unsupported_compression_is_refused(offices: Offices) -> None:
    head, plain = open_as(offices.city, county_file(offices))
    members = members_of(plain)
    import io

    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_BZIP2) as z:
        for name, data in members.items():
            z.writestr(name, data)
    forged = reseal(
        offices.county, offices.city, head, buffer.getvalue(), offices.stick / "f.cppccx"
    )
    refused(offices, forged, "damaged")


# --- 4. zip-slip names and zip bombs ------------------------------------------------------


@pytest.mark.parametrize(
    "name",
    [
        "../../evil.jsonl",
        "records/../../evil.jsonl",
        "/etc/passwd",
        "C:/Windows/evil.jsonl",
        "C:evil.jsonl",
        "records\\member.jsonl",
        "records/Member.jsonl",
        "records/member.json",
        "notes.txt",
        "blobs/not-a-hash",
        "blobs/" + "A" * 64,
        "records/",
    ],
)
def test_unexpected_member_names_are_refused(offices: Offices, name: str) -> None:
    head, plain = open_as(offices.city, county_file(offices))
    members = [*list(members_of(plain).items()), (name, b"{}\n")]
    forged = reseal(offices.county, offices.city, head, zip_of(members), offices.stick / "f.cppccx")
    error = refused(offices, forged, "damaged")
    assert "不允许的文件名" in error.what


def test_a_duplicate_member_name_is_refused(offices: Offices) -> None:
    head, plain = open_as(offices.city, county_file(offices))
    members = list(members_of(plain).items())
    duplicated = [*members, members[0]]
    with pytest.warns(UserWarning, match="Duplicate name"):
        data = zip_of(duplicated)
    forged = reseal(offices.county, offices.city, head, data, offices.stick / "f.cppccx")
    assert "重复" in refused(offices, forged, "damaged").what


def test_a_zip_bomb_is_stopped_at_the_cap_whatever_the_zip_declares(
    offices: Offices, monkeypatch: pytest.MonkeyPatch
) -> None:
    head, plain = open_as(offices.city, county_file(offices))
    monkeypatch.setattr(payload, "MAX_RECORDS_BYTES", 1 << 20)
    members = members_of(plain)
    members["records/member.jsonl"] = b"\0" * (20 << 20)  # 20 MiB of zeros: ~20 KiB zipped
    bomb = zip_of(members)
    assert len(bomb) < 200_000
    forged = reseal(offices.county, offices.city, head, bomb, offices.stick / "f.cppccx")
    assert "超过上限" in refused(offices, forged, "damaged").what


def test_a_blob_bomb_and_too_many_entries_are_refused(
    offices: Offices, monkeypatch: pytest.MonkeyPatch
) -> None:
    head, plain = open_as(offices.city, county_file(offices))
    monkeypatch.setattr(payload, "MAX_BLOB_BYTES", 1 << 20)
    members = members_of(plain)
    zeros = b"\0" * (4 << 20)
    import hashlib

    members["blobs/" + hashlib.sha256(zeros).hexdigest()] = zeros
    forged = reseal(offices.county, offices.city, head, zip_of(members), offices.stick / "f.cppccx")
    assert "超过上限" in refused(offices, forged, "damaged").what

    monkeypatch.setattr(payload, "MAX_ENTRIES", 3)
    many = zip_of({f"blobs/{i:064x}": b"" for i in range(4)})
    forged = reseal(offices.county, offices.city, head, many, offices.stick / "g.cppccx")
    assert "条目过多" in refused(offices, forged, "damaged").what


# --- 5. format versions ------------------------------------------------------------------


def test_a_file_of_a_newer_format_asks_for_an_upgrade(offices: Offices) -> None:
    head, plain = open_as(offices.city, county_file(offices))
    forged = reseal(
        offices.county,
        offices.city,
        {**head, "format_version": 2},
        plain,
        offices.stick / "f.cppccx",
    )
    error = refused(offices, forged, "newer_format")
    assert "升级" in error.todo


def test_a_file_needing_an_unknown_feature_is_refused(offices: Offices) -> None:
    head, plain = open_as(offices.city, county_file(offices))
    forged = reseal(
        offices.county,
        offices.city,
        {**head, "requires": ["zstd-payload"]},
        plain,
        offices.stick / "f.cppccx",
    )
    assert "zstd-payload" in refused(offices, forged, "newer_format").what


def test_a_file_of_a_newer_database_structure_asks_for_an_upgrade(offices: Offices) -> None:
    head, plain = open_as(offices.city, county_file(offices))
    forged = reseal(
        offices.county,
        offices.city,
        {**head, "schema_revision": "9999"},
        plain,
        offices.stick / "f.cppccx",
    )
    refused(offices, forged, "newer_format")


def test_a_file_of_an_older_structure_is_read_through_an_upgrade(offices: Offices) -> None:
    """A column added after the sender's revision takes its default."""
    head, plain = open_as(offices.city, county_file(offices))

    def drop_note(records: list[dict[str, object]]) -> None:
        for record in records:
            del record["f"]["note"]  # type: ignore[attr-defined]

    head, plain = with_records(head, plain, "member", drop_note)
    forged = reseal(
        offices.county,
        offices.city,
        {**head, "schema_revision": "0006"},
        plain,
        offices.stick / "f.cppccx",
    )
    result = offices.city.import_(forged)
    assert result.counts["member"]["new"] == 5


def test_an_older_header_format_goes_through_its_upgrade(
    offices: Offices, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = county_file(offices)
    upgraded: list[int] = []

    def from_v1(old: dict[str, object]) -> dict[str, object]:
        upgraded.append(1)
        return {**old, "format_version": 2}

    monkeypatch.setattr(header, "FORMAT_VERSION", 2)
    monkeypatch.setattr(header, "UPGRADES", {1: from_v1})
    assert offices.city.import_(path).result == "applied"
    assert upgraded == [1]
