"""Office cards: the same fingerprint on both screens, who may trust whom, new keys."""

from __future__ import annotations

import json
import uuid
from pathlib import Path

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat
from sqlalchemy import func, select

from app.common.errors import KnownError
from app.exchange import cards
from app.exchange.errors import FileRefused
from app.exchange.file_format import crypto
from app.office.identity import current_key, fingerprint, new_key_row
from db.exchange_models import OfficeKey
from db.models import Office as OfficeRow
from tests.exchange.conftest import Offices, add_members


def test_both_offices_see_the_same_fingerprint(offices: Offices, tmp_path: Path) -> None:
    path = tmp_path / "county.cppcccard"
    card = cards.write_card(offices.county.database, path)
    assert card.fingerprint == cards.local_fingerprint(offices.county.database)
    assert len(card.fingerprint.replace(" ", "")) == 20 and card.fingerprint.count(" ") == 4
    assert cards.read_card(path).fingerprint == card.fingerprint
    result = cards.trust_card(offices.city.database, path)
    assert (result.status, result.card.fingerprint) == ("same", card.fingerprint)


def test_a_card_holds_no_private_key(offices: Offices, tmp_path: Path) -> None:
    path = tmp_path / "county.cppcccard"
    cards.write_card(offices.county.database, path)
    body = json.loads(path.read_text(encoding="utf-8"))
    assert set(body) == {
        "format",
        "version",
        "uuid",
        "name",
        "code",
        "level",
        "sign",
        "encrypt",
        "made",
        "signature",
    }
    with offices.county.database.begin() as session:
        key = current_key(session, offices.county.uuid)
        assert key is not None and key.sign_private and key.encrypt_private
        assert key.sign_private.hex() not in path.read_text()


@pytest.mark.parametrize("field", ["name", "sign", "code"])
def test_a_changed_card_is_refused(offices: Offices, tmp_path: Path, field: str) -> None:
    path = tmp_path / "county.cppcccard"
    cards.write_card(offices.county.database, path)
    body = json.loads(path.read_text(encoding="utf-8"))
    body[field] = {"name": "假冒县政协", "code": "150529"}.get(field) or body["encrypt"]
    path.write_text(json.dumps(body, ensure_ascii=False), encoding="utf-8")
    with pytest.raises(KnownError, match="不是有效的单位名片"):
        cards.read_card(path)


def test_a_city_trusts_counties_and_a_county_only_its_city(
    offices: Offices, tmp_path: Path
) -> None:
    second_card = offices.second.card(tmp_path)
    with pytest.raises(KnownError, match="县政协只与本市政协交换"):
        cards.trust_card(offices.county.database, second_card)
    with pytest.raises(KnownError, match="自己的名片"):
        cards.trust_card(offices.county.database, offices.county.card(tmp_path))


def test_new_keys_replace_the_old_only_with_the_confirmed_fingerprint(
    offices: Offices, tmp_path: Path
) -> None:
    county, city = offices.county, offices.city
    add_members(county, "张建国")
    old_file = county.export_to(city, offices.stick).path
    with county.database.begin() as session:  # the county's PC was reinstalled: new keys
        key = current_key(session, county.uuid)
        assert key is not None
        session.delete(key)
        session.add(new_key_row(county.uuid))
    new_card = tmp_path / "new.cppcccard"
    card = cards.write_card(county.database, new_card)

    with pytest.raises(KnownError, match="密钥已变更") as caught:
        cards.trust_card(city.database, new_card)
    assert card.fingerprint in caught.value.what
    with pytest.raises(KnownError, match="密钥已变更"):
        cards.trust_card(city.database, new_card, confirm="0000 0000 0000 0000 0000")
    # Until then, new files are refused (they are signed with the new key) …
    with pytest.raises(FileRefused) as refused:
        city.import_(county.export_to(city, offices.stick).path)
    assert refused.value.reason == "signature"

    result = cards.trust_card(city.database, new_card, confirm=card.fingerprint.replace(" ", ""))
    assert result.status == "replaced" and result.old_fingerprint != card.fingerprint
    assert city.import_(county.export_to(city, offices.stick).path).result == "applied"
    # … and after it, files signed with the lost key are.
    with pytest.raises(FileRefused) as old:
        city.import_(old_file)
    assert old.value.reason == "signature"
    with city.database.begin() as session:
        keys = session.scalars(select(OfficeKey).where(OfficeKey.office_uuid == county.uuid)).all()
        assert [k.retired_at is None for k in keys] == [False, True]


def test_a_partner_entered_by_hand_becomes_the_cards_office(
    offices: Offices, tmp_path: Path
) -> None:
    """The demo (or a clerk) made an office row with the code; the card takes it over."""
    from tests.conftest import COUNTY_SETUP
    from tests.exchange.conftest import CITY_SETUP, make_office

    fresh = make_office(tmp_path / "fresh", CITY_SETUP)
    try:
        with fresh.database.begin() as session:
            session.add(
                OfficeRow(
                    uuid="0" * 8 + "-0000-4000-8000-" + "0" * 12,
                    owner_uuid="0" * 8 + "-0000-4000-8000-" + "0" * 12,
                    level="county",
                    name="示范县政协",
                    division_code="150523",
                )
            )
        cards.trust_card(fresh.database, offices.county.card(tmp_path))
        with fresh.database.begin() as session:
            row = session.scalars(
                select(OfficeRow).where(OfficeRow.division_code == "150523")
            ).one()
            assert row.uuid == offices.county.uuid
            assert session.scalar(select(func.count()).select_from(OfficeRow)) == 2
        assert COUNTY_SETUP.division_code == "150523"
    finally:
        fresh.database.close()


def test_fingerprints_differ_for_different_keys() -> None:
    assert fingerprint(b"\1" * 32, b"\2" * 32) != fingerprint(b"\1" * 32, b"\3" * 32)


def self_signed(tmp_path: Path, **fields: object) -> Path:
    """A card its maker signed with a key of their own: every field is theirs to choose."""
    key = Ed25519PrivateKey.generate()
    body: dict[str, object] = {
        "format": cards.CARD_FORMAT,
        "version": 1,
        "uuid": str(uuid.uuid4()),
        "name": "邻县政协",
        "code": "150526",
        "level": "county",
        "sign": crypto.b64(key.public_key().public_bytes(Encoding.Raw, PublicFormat.Raw)),
        "encrypt": crypto.b64(b"\x07" * 32),
        "made": "2026-12-01",
        **fields,
    }
    body["signature"] = crypto.b64(key.sign(cards._signed_bytes(body)))
    path = tmp_path / "邻县.cppcccard"
    path.write_text(json.dumps(body, ensure_ascii=False), encoding="utf-8")
    return path


@pytest.mark.parametrize(
    "fields",
    [
        {"level": "province"},
        {"level": None},
        {"name": {"name": "邻县政协"}},
        {"name": ["邻县政协"]},
        {"code": 150526},
        {"uuid": "x" * 36},
        {"uuid": 12345},
    ],
)
def test_a_well_signed_card_with_a_bad_field_is_refused(
    offices: Offices, tmp_path: Path, fields: dict[str, object]
) -> None:
    before = office_rows(offices)
    with pytest.raises(KnownError, match="不是有效的单位名片"):
        cards.trust_card(offices.city.database, self_signed(tmp_path, **fields))
    assert office_rows(offices) == before


def test_a_cards_name_is_cleaned_and_a_bom_is_no_damage(offices: Offices, tmp_path: Path) -> None:
    """Control and bidi characters never reach the office lists; Notepad's BOM is fine."""
    path = self_signed(tmp_path, name="邻县\x00政协\u202e ")
    path.write_bytes(b"\xef\xbb\xbf" + path.read_bytes())
    result = cards.trust_card(offices.city.database, path)
    assert result.card.name == "邻县政协"
    assert ("邻县政协", "150526") in office_rows(offices)


def office_rows(offices: Offices) -> list[tuple[str, str]]:
    with offices.city.database.begin() as session:
        return sorted(
            (n, c) for n, c in session.execute(select(OfficeRow.name, OfficeRow.division_code))
        )
