"""Passwords: hashed with Argon2id (argon2-cffi), and the rule a new one must meet."""

from __future__ import annotations

import re

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError

from app.common.text import clean_text

MIN_LENGTH = 8
MAX_LENGTH = 128
RULE_TEXT = f"密码至少 {MIN_LENGTH} 位，须同时含有字母和数字，且不能包含用户名。"

# argon2-cffi's default is RFC 9106's low-memory profile: Argon2id, 64 MiB, t=3, p=4.
# Tests swap in a cheaper hasher (the hash string names its own parameters).
DEFAULT_HASHER = PasswordHasher()
HASHER = DEFAULT_HASHER


def hash_password(password: str) -> str:
    return HASHER.hash(password)


def password_matches(password_hash: str, password: str) -> bool:
    try:
        return HASHER.verify(password_hash, password)
    except (VerifyMismatchError, VerificationError, InvalidHashError):
        return False


def needs_rehash(password_hash: str) -> bool:
    """True when the stored hash was made with weaker parameters than today's."""
    try:
        return HASHER.check_needs_rehash(password_hash)
    except InvalidHashError:
        return True


def password_problems(password: str, user_name: str) -> list[str]:
    """Why a new password is refused, in Chinese; empty when it is fine."""
    problems = []
    if len(password) < MIN_LENGTH:
        problems.append(f"密码太短：至少 {MIN_LENGTH} 位。")
    elif len(password) > MAX_LENGTH:
        problems.append(f"密码太长：不超过 {MAX_LENGTH} 位。")
    if not re.search(r"[A-Za-z]", password) or not re.search(r"[0-9]", password):
        problems.append("密码须同时含有字母和数字。")
    name = clean_text(user_name).casefold()
    if name and name in clean_text(password).casefold():
        problems.append("密码不能包含用户名。")
    if password != password.strip():
        problems.append("密码的开头和结尾不能是空格。")
    return problems
