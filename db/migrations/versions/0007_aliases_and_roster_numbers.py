"""dictionary aliases (中国共产党 = 中共) and the roster's 序号 on memberships

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-08 10:12:00.000000
"""

from __future__ import annotations

import unicodedata

import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None

# The aliases the default entries get, as of this revision (app.office.dictionary_defaults
# KNOWN_ALIASES may grow later; a migration keeps its own copy). kind -> name -> aliases.
SEEDED_ALIASES: dict[str, dict[str, tuple[str, ...]]] = {
    "sector": {
        "中共": ("中国共产党", "共产党"),
        "民革": ("中国国民党革命委员会",),
        "民盟": ("中国民主同盟",),
        "民建": ("中国民主建国会",),
        "民进": ("中国民主促进会",),
        "农工党": ("中国农工民主党", "农工"),
        "致公党": ("中国致公党", "致公"),
        "九三学社": ("九三",),
        "台盟": ("台湾民主自治同盟",),
        "无党派人士": ("无党派", "无党派民主人士"),
        "共青团": ("中国共产主义青年团", "共产主义青年团", "团委"),
        "工会": ("总工会", "中华全国总工会"),
        "妇联": ("妇女联合会", "中华全国妇女联合会"),
        "工商联": ("中华全国工商业联合会", "工商业联合会"),
        "科协": ("中国科学技术协会", "科学技术协会"),
        "侨联": ("中华全国归国华侨联合会", "归国华侨联合会"),
        "台联": ("中华全国台湾同胞联谊会", "台湾同胞联谊会"),
        "医药卫生界": ("医卫界", "医药卫生"),
        "文化艺术界": ("文艺界", "文化艺术"),
        "少数民族界": ("少数民族",),
        "特邀人士": ("特邀",),
    },
    "party": {
        "中共党员": ("中国共产党党员", "共产党员", "党员", "中共"),
        "中共预备党员": ("中国共产党预备党员", "预备党员"),
        "共青团员": ("中国共产主义青年团团员", "团员"),
        "民革党员": ("中国国民党革命委员会党员", "民革"),
        "民盟盟员": ("中国民主同盟盟员", "民盟"),
        "民建会员": ("中国民主建国会会员", "民建"),
        "民进会员": ("中国民主促进会会员", "民进"),
        "农工党党员": ("中国农工民主党党员", "农工党"),
        "致公党党员": ("中国致公党党员", "致公党"),
        "九三学社社员": ("九三学社",),
        "台盟盟员": ("台湾民主自治同盟盟员", "台盟"),
        "无党派人士": ("无党派", "无党派民主人士"),
    },
    "ethnic_group": {"蒙古族": ("蒙族",), "维吾尔族": ("维族",), "哈萨克族": ("哈族",)},
    "committee": {
        "提案委员会": ("提案委",),
        "经济委员会": ("经济委",),
        "农业和农村委员会": ("农业农村委员会", "农业农村委"),
        "教科卫体委员会": ("教科卫体委",),
        "社会和法制委员会": ("社会法制委员会", "社法委"),
        "文史和学习委员会": ("文史学习委员会", "文史委"),
        "民族宗教委员会": ("民族和宗教委员会", "民宗委"),
    },
    "proposal_category": {
        "经济": ("经济类", "经济建设"),
        "政治": ("政治类", "政治建设"),
        "文化": ("文化类", "文化建设"),
        "社会": ("社会类", "社会建设"),
        "生态文明": ("生态", "生态类", "生态文明类", "生态文明建设"),
    },
    "result_class": {
        "A": ("A类", "已解决或采纳"),
        "B": ("B类", "正在解决或列入计划"),
        "C": ("C类", "留作参考"),
    },
}


def _key(text: str) -> str:
    return (
        unicodedata.normalize("NFKC", text)
        .translate({ord(c): None for c in " \t\u3000·•・"})
        .casefold()
    )


def upgrade() -> None:
    # Plain ALTER TABLE ADD COLUMN, never a batch rebuild: rebuilding a table that
    # others refer to while foreign keys are on would cascade-delete their rows.
    op.add_column(
        "dictionary_entry", sa.Column("aliases", sa.Text(), server_default="", nullable=False)
    )
    op.add_column("membership", sa.Column("roster_number", sa.Integer(), nullable=True))
    _seed_aliases(op.get_bind())


def _seed_aliases(connection: sa.Connection) -> None:
    """The usual aliases on each office's live default entries, where no name or alias of
    the same list has them already. Revisions are left alone: not an edit by the office."""
    rows = connection.execute(
        sa.text(
            "SELECT id, owner_uuid, kind, name, aliases FROM dictionary_entry"
            " WHERE deleted_at IS NULL ORDER BY id"
        )
    ).all()
    taken: dict[tuple[str, str], set[str]] = {}
    for _id, owner, kind, name, aliases in rows:
        keys = taken.setdefault((owner, kind), set())
        keys.add(_key(name))
        keys.update(_key(a) for a in (aliases or "").splitlines() if a.strip())
    for entry_id, owner, kind, name, aliases in rows:
        wanted = SEEDED_ALIASES.get(kind, {}).get(name, ())
        if aliases or not wanted:
            continue
        keys = taken[(owner, kind)]
        free = [a for a in wanted if _key(a) not in keys]
        keys.update(_key(a) for a in free)
        if free:
            connection.execute(
                sa.text("UPDATE dictionary_entry SET aliases = :aliases WHERE id = :id"),
                {"aliases": "\n".join(free), "id": entry_id},
            )


def downgrade() -> None:
    op.execute("ALTER TABLE membership DROP COLUMN roster_number")  # SQLite 3.35+, in place
    op.execute("ALTER TABLE dictionary_entry DROP COLUMN aliases")
