"""The cryptography of an exchange file, all of it from the `cryptography` package.

- The payload is encrypted under a fresh random 256-bit key with AES-256-GCM, in
  1 MiB chunks: chunk i uses the nonce (i, last?) — a fresh key per file, so no
  nonce repeats, and a cut-off file fails (the last chunk is marked in its nonce).
  Each chunk's associated data is the header's hash, binding the two.
- The key is wrapped for the recipient: an ephemeral X25519 key agreement with
  the recipient's public key, HKDF-SHA256, then AES-256-GCM.
- The whole file is signed with the sender's Ed25519 key (over its SHA-256, as
  minisign does), so not one byte of it is unauthenticated.
"""

from __future__ import annotations

import base64
import os
from typing import Any

from cryptography.exceptions import InvalidSignature, InvalidTag
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey, X25519PublicKey
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.hkdf import HKDF
from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat

CHUNK_SIZE = 1 << 20
CIPHER = "AES-256-GCM"
_WRAP_INFO = b"cppcc-desk exchange key wrap v1"
_SIGN_CONTEXT = b"cppcc-desk exchange file v1\0"

__all__ = ["InvalidSignature", "InvalidTag"]


def b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def unb64(text: object, length: int) -> bytes:
    if not isinstance(text, str):
        raise ValueError("not base64 text")
    data = base64.b64decode(text.encode("ascii"), validate=True)
    if len(data) != length:
        raise ValueError("wrong length")
    return data


def sign(key: Ed25519PrivateKey, file_hash: bytes) -> bytes:
    return key.sign(_SIGN_CONTEXT + file_hash)


def verify(public: bytes, signature: bytes, file_hash: bytes) -> None:
    """Raises InvalidSignature when the file was not signed by this key."""
    Ed25519PublicKey.from_public_bytes(public).verify(signature, _SIGN_CONTEXT + file_hash)


def new_content_key() -> bytes:
    return AESGCM.generate_key(bit_length=256)


def wrap_key(content_key: bytes, recipient_public: bytes) -> dict[str, Any]:
    """The content key, readable only with the recipient's X25519 private key."""
    ephemeral = X25519PrivateKey.generate()
    ephemeral_public = ephemeral.public_key().public_bytes(Encoding.Raw, PublicFormat.Raw)
    shared = ephemeral.exchange(X25519PublicKey.from_public_bytes(recipient_public))
    kek = _kek(shared, ephemeral_public, recipient_public)
    nonce = os.urandom(12)
    wrapped = AESGCM(kek).encrypt(nonce, content_key, _WRAP_INFO)
    return {"ephemeral": b64(ephemeral_public), "nonce": b64(nonce), "key": b64(wrapped)}


def unwrap_key(wrap: dict[str, Any], private: X25519PrivateKey) -> bytes:
    """Raises InvalidTag when the file was made for another key."""
    ephemeral_public = unb64(wrap.get("ephemeral"), 32)
    nonce = unb64(wrap.get("nonce"), 12)
    wrapped = unb64(wrap.get("key"), 48)
    own_public = private.public_key().public_bytes(Encoding.Raw, PublicFormat.Raw)
    shared = private.exchange(X25519PublicKey.from_public_bytes(ephemeral_public))
    return AESGCM(_kek(shared, ephemeral_public, own_public)).decrypt(nonce, wrapped, _WRAP_INFO)


def _kek(shared: bytes, ephemeral_public: bytes, recipient_public: bytes) -> bytes:
    return HKDF(
        algorithm=hashes.SHA256(),
        length=32,
        salt=ephemeral_public + recipient_public,
        info=_WRAP_INFO,
    ).derive(shared)


def chunk_nonce(index: int, last: bool) -> bytes:
    return index.to_bytes(11, "big") + (b"\x01" if last else b"\x00")


class ChunkCipher:
    """Encrypts or decrypts the payload chunk by chunk under one content key."""

    def __init__(self, content_key: bytes, header_hash: bytes) -> None:
        self._aead = AESGCM(content_key)
        self._aad = header_hash

    def seal(self, index: int, data: bytes, last: bool) -> bytes:
        return self._aead.encrypt(chunk_nonce(index, last), data, self._aad)

    def open(self, index: int, data: bytes, last: bool) -> bytes:
        return self._aead.decrypt(chunk_nonce(index, last), data, self._aad)
