"""Keyed pseudonyms for reports that leave SkillMap.

A report about more than one person names people by a pseudonym unless the user asks for the full version and
is allowed to. A plain hash of a CURP or an employee number would not protect anyone: those identifiers have a
known structure and can be enumerated, so anyone could hash every candidate and match. The pseudonym is an
HMAC-SHA-256 of the person's identity under a secret key that belongs to the database (created on first use,
kept in ``db_setting``, never exported), so:

* the same person gets the same pseudonym in every report from the same database (reports can be compared);
* without the key a pseudonym cannot be turned back into a person, nor checked against a guessed identity;
* different databases (ministries) give the same person different pseudonyms.

Pseudonyms look like ``P-7KQ2-M9XD`` (40 bits of the HMAC in Crockford base 32: no I, L, O or U, so they can be
read out on the phone).
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import secrets
from collections.abc import Iterable
from dataclasses import dataclass

from sqlalchemy import Engine, insert, select
from sqlalchemy.exc import IntegrityError

from skillmap.db import models as m

KEY_NAME = "pseudonym_key"
_B32 = str.maketrans("ABCDEFGHIJKLMNOPQRSTUVWXYZ234567", "0123456789ABCDEFGHJKMNPQRSTVWXYZ")


def database_key(engine: Engine) -> bytes:
    """The database's pseudonym key, created (32 random bytes) the first time it is asked for."""
    with engine.begin() as conn:
        value = conn.execute(select(m.DatabaseSetting.value).where(m.DatabaseSetting.key == KEY_NAME)).scalar()
        if value is not None:
            return bytes.fromhex(value)
    key = secrets.token_bytes(32)
    try:
        with engine.begin() as conn:
            conn.execute(insert(m.DatabaseSetting).values(key=KEY_NAME, value=key.hex()))
    except IntegrityError:  # another user created it meanwhile: use theirs
        with engine.connect() as conn:
            value = conn.execute(select(m.DatabaseSetting.value).where(m.DatabaseSetting.key == KEY_NAME)).scalar_one()
        return bytes.fromhex(value)
    return key


@dataclass(frozen=True)
class Pseudonymiser:
    """Turns a person's stable identity (their employee number) into their pseudonym."""

    key: bytes

    def __call__(self, identity: str) -> str:
        digest = hmac.new(self.key, b"staff:" + identity.strip().encode("utf-8"), hashlib.sha256).digest()
        code = base64.b32encode(digest[:5]).decode("ascii").translate(_B32)  # 40 bits → 8 characters
        return f"P-{code[:4]}-{code[4:]}"

    def many(self, identities: Iterable[str]) -> list[str]:
        return [self(i) for i in identities]


def pseudonymiser(engine: Engine) -> Pseudonymiser:
    return Pseudonymiser(database_key(engine))
