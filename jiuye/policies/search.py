"""Full-text search of policies in Chinese, on the database's own index.

Chinese has no spaces, so words are found by jieba's segmentation: a policy is indexed with
search-mode segmentation (``jieba.cut_for_search``), which keeps a long word and the shorter
dictionary words inside it (公益性岗位补贴标准 → 公益 益性 公益性 岗位 补贴 岗位补贴 标准), and the
tokens, joined by spaces, go into the database's full-text index:

- PostgreSQL: a ``tsvector`` of configuration ``simple`` with a GIN index, ranked by
  ``ts_rank``;
- SQLite: an FTS5 virtual table (its default ``unicode61`` tokenizer splits at the spaces),
  ranked by ``bm25``.

Either is one table, ``policies_policy_fts`` (row id = the policy's id), which ``index`` keeps
in step whenever a service saves a policy. A query is segmented too: each of its words must be
found, either whole or as the shorter words inside it, so 岗位补贴 finds a text whose
segmentation kept 公益性岗位 whole. The title counts three times, so a match in the title ranks
first. jieba's dictionary ships in its wheel: nothing is downloaded.
"""

import logging
import re
from collections import Counter
from dataclasses import dataclass

import jieba
from django.db import connection, models
from django.db.models import F, Lookup

from jiuye.policies.models import DocumentField

jieba.setLogLevel(logging.WARNING)

TABLE = "policies_policy_fts"
TITLE_WEIGHT = 3  # the title's words are indexed this many times
REPEATS = 3  # a word of the text at most this many times
MAX_WORDS = 20  # of a query
WORD = re.compile(r"\w+")
# Terms of the field that the general dictionary would split.
TERMS = ("就业困难人员", "零就业家庭", "创业担保贷款", "一次性创业补贴", "灵活就业",
         "社会保险补贴", "职业培训补贴", "就业见习", "失业保险金", "充分就业社区", "吸纳就业")  # fmt: skip
_ready = False


def _jieba():
    global _ready
    if not _ready:
        for term in TERMS:
            jieba.add_word(term)
        _ready = True
    return jieba


def tokens(text: str) -> list[str]:
    """The search-mode tokens of ``text``: words and the dictionary words inside them,
    without punctuation, lower case."""
    return [token.lower() for token in _jieba().cut_for_search(text or "") if WORD.fullmatch(token)]


def document(policy) -> str:
    """What the index holds of a policy: its title (weighted), number, issuer and text, a
    word of the text kept at most ``REPEATS`` times (ranking saturates long before, and the
    cost of ranking a match grows with the times its words occur)."""
    kept = tokens(policy.title) * TITLE_WEIGHT
    seen = Counter()
    for token in tokens(" ".join([policy.number, policy.issuer, policy.text])):
        seen[token] += 1
        if seen[token] <= REPEATS:
            kept.append(token)
    return " ".join(kept)


@dataclass(frozen=True)
class Word:
    """A word of a query: found whole, or as all of the shorter words that cover it."""

    whole: str
    pieces: tuple[str, ...] = ()


def parse(text: str) -> list[Word]:
    """The words of a query (accurate-mode segmentation), each with its covering pieces."""
    words = []
    for token in _jieba().cut(text or ""):
        token = token.lower()
        if not WORD.fullmatch(token) or token in (word.whole for word in words):
            continue
        words.append(Word(token, _pieces(token)))
    return words[:MAX_WORDS]


def _pieces(word: str) -> tuple[str, ...]:
    """The two-character dictionary words inside ``word`` when together they cover all of it
    (公益性 → 公益 益性); none otherwise."""
    if len(word) <= 2:
        return ()
    found = [(piece, start, end) for piece, start, end in _jieba().tokenize(word, mode="search")
             if end - start == 2]  # fmt: skip
    covered = {index for _piece, start, end in found for index in range(start, end)}
    if covered != set(range(len(word))):
        return ()
    return tuple(dict.fromkeys(piece for piece, _start, _end in found))


def fts5_query(words: list[Word]) -> str:
    """The words as an FTS5 query: ``("公益性" OR ("公益" AND "益性")) AND …``."""

    def one(word):
        if not word.pieces:
            return f'"{word.whole}"'
        pieces = " AND ".join(f'"{piece}"' for piece in word.pieces)
        return f'("{word.whole}" OR ({pieces}))'

    return " AND ".join(one(word) for word in words)


def tsquery(words: list[Word]) -> str:
    """The words as a PostgreSQL tsquery: ``('公益性' | ('公益' & '益性')) & …``."""

    def one(word):
        if not word.pieces:
            return f"'{word.whole}'"
        pieces = " & ".join(f"'{piece}'" for piece in word.pieces)
        return f"('{word.whole}' | ({pieces}))"

    return " & ".join(one(word) for word in words)


@DocumentField.register_lookup
class Matches(Lookup):
    """``search_index__document__matches=<query>``: the index's own operator."""

    lookup_name = "matches"

    def as_sql(self, compiler, connection):
        lhs, lhs_params = self.process_lhs(compiler, connection)
        rhs, rhs_params = self.process_rhs(compiler, connection)
        if connection.vendor == "postgresql":
            return f"{lhs} @@ to_tsquery('simple'::regconfig, {rhs})", lhs_params + rhs_params
        return f"{lhs} MATCH {rhs}", lhs_params + rhs_params


class TsRank(models.Func):
    """PostgreSQL's ``ts_rank`` of the indexed document for a tsquery."""

    template = "ts_rank(%(expressions)s, to_tsquery('simple'::regconfig, %(query)s))"
    output_field = models.FloatField()

    def __init__(self, document, query: str):
        super().__init__(document)
        self.query = query

    def as_sql(self, compiler, connection, **extra):
        sql, params = super().as_sql(compiler, connection, query="%s", **extra)
        return sql, (*params, self.query)


def search(queryset, text: str):
    """``queryset`` narrowed to the policies matching ``text``, annotated with ``rank``
    (higher is more relevant) and ordered by it. A text without words matches nothing."""
    words = parse(text)
    if not words:
        return queryset.none()
    if connection.vendor == "postgresql":
        query = tsquery(words)
        return (
            queryset.filter(search_index__document__matches=query)
            .annotate(rank=TsRank(F("search_index__document"), query))
            .order_by("-rank", "-issued_on", "-pk")
        )
    # FTS5 sorts by its own rank (bm25, lower is better) when asked for it plainly: an
    # expression of it, or more keys, would rank every match again in a sort of its own
    return (
        queryset.filter(search_index__document__matches=fts5_query(words))
        .annotate(rank=-F("search_index__rank"))
        .order_by("search_index__rank")
    )


def index(policies) -> None:
    """Write the index rows of ``policies`` (after they were saved)."""
    rows = [(policy.pk, document(policy)) for policy in policies]
    if not rows:
        return
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.executemany(
                f"INSERT INTO {TABLE} (rowid, document) VALUES (%s, to_tsvector('simple', %s)) "
                "ON CONFLICT (rowid) DO UPDATE SET document = EXCLUDED.document",
                rows,
            )
        else:
            cursor.executemany(
                f"INSERT OR REPLACE INTO {TABLE} (rowid, document) VALUES (%s, %s)", rows
            )


def analyze() -> None:
    """Refresh the planner's statistics of the policies after a bulk load. PostgreSQL's
    autovacuum would in time; SQLite keeps none until asked (``PRAGMA optimize``), and without
    them it reads every policy of the jurisdiction into a Bloom filter before each search."""
    with connection.cursor() as cursor:
        for table in ("policies_policy", "policies_policyarea", TABLE):
            if connection.vendor == "sqlite" and table == TABLE:
                continue  # a virtual table has no statistics
            cursor.execute(f"ANALYZE {table}")


def unindex(policy_ids) -> None:
    with connection.cursor() as cursor:
        cursor.executemany(f"DELETE FROM {TABLE} WHERE rowid = %s", [(pk,) for pk in policy_ids])


# The index table for each database (the migration runs the statements of the one in use).
CREATE = {
    "postgresql": [
        f"CREATE TABLE {TABLE} (rowid bigint PRIMARY KEY, document tsvector NOT NULL)",
        # kept in the row (compressed) rather than out of line: the planner reckons a table
        # scan by its rows' pages, and would scan and decompress every document instead of
        # using the index if the documents were out of sight in TOAST
        f"ALTER TABLE {TABLE} ALTER COLUMN document SET STORAGE MAIN",
        f"CREATE INDEX {TABLE}_document ON {TABLE} USING gin (document)",
    ],
    "sqlite": [f"CREATE VIRTUAL TABLE {TABLE} USING fts5(document)"],
}
DROP = [f"DROP TABLE IF EXISTS {TABLE}"]


def create_table(apps, schema_editor):
    for statement in CREATE[schema_editor.connection.vendor]:
        schema_editor.execute(statement)


def drop_table(apps, schema_editor):
    for statement in DROP:
        schema_editor.execute(statement)
