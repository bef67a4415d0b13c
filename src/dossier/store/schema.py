"""The store's tables, as SQLAlchemy Core metadata.

Plain tables with readable names and columns, so that the SQLite file opens in
``sqlite3`` or Datasette and makes sense: ``reports``, ``entities``,
``timexes``, ``attributions``, ``claims``, ``events``, ``deadlines``,
``cited_sources``, ``failures``.  Each extracted object also keeps its full
form in a ``data`` JSON column so that an analysis round-trips exactly.
"""

from __future__ import annotations

from sqlalchemy import (
    JSON,
    Column,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    MetaData,
    String,
    Table,
    Text,
)
from sqlalchemy.dialects.postgresql import BYTEA, JSONB

__all__ = ["metadata", "TABLES_V1", "TABLES_LINKING", "EXTRACTED", "json_type"]

metadata = MetaData()

#: JSON on SQLite, JSONB on PostgreSQL.
json_type = JSON().with_variant(JSONB(), "postgresql")
_blob = LargeBinary().with_variant(BYTEA(), "postgresql")

schema_migrations = Table(
    "schema_migrations",
    metadata,
    Column("version", Integer, primary_key=True),
    Column("description", Text, nullable=False),
    Column("applied_at", DateTime(timezone=True), nullable=False),
)

raw_inputs = Table(
    "raw_inputs",
    metadata,
    Column("id", String(40), primary_key=True),
    Column("source_name", Text, nullable=False),
    Column("format", String(20), nullable=False),
    Column("size", Integer, nullable=False),
    Column("content", _blob, nullable=False),
    comment="the input as received, kept for re-analysis",
)

outlets = Table(
    "outlets",
    metadata,
    Column("domain", String(255), primary_key=True),
    Column("name", Text, nullable=False),
    Column("kind", String(30), nullable=False),
    Column("country", String(8)),
    Column("language", String(8)),
    Column("credibility", Text),
    Column("credibility_source", Text),
)

reports = Table(
    "reports",
    metadata,
    Column("id", String(40), primary_key=True),
    Column("url", Text),
    Column("outlet_domain", String(255), ForeignKey("outlets.domain")),
    Column("title", Text),
    Column("byline", Text),
    Column("published", String(40)),
    Column("published_source", String(20), nullable=False),
    Column("published_detail", Text),
    Column("language", String(8)),
    Column("text", Text, nullable=False),
    Column("content_hash", String(64), nullable=False),
    Column("source_format", String(20), nullable=False),
    Column("source_name", Text, nullable=False),
    Column("raw_id", String(40), ForeignKey("raw_inputs.id")),
    Column("added_at", DateTime(timezone=True), nullable=False),
    Column("data", json_type, nullable=False),
    Index("ix_reports_published", "published"),
    Index("ix_reports_content_hash", "content_hash"),
    Index("ix_reports_raw_id", "raw_id"),  # migration 4: re-ingest skips a raw input already stored
)

analyses = Table(
    "analyses",
    metadata,
    Column("report_id", String(40), ForeignKey("reports.id", ondelete="CASCADE"), primary_key=True),
    Column("analysers", Text, nullable=False),
    Column("depth", String(10), nullable=False),
    Column("analysed_at", DateTime(timezone=True), nullable=False),
    Column("extra", json_type, nullable=False),
)


def _extracted(name: str, *columns: Column) -> Table:  # type: ignore[type-arg]
    """A table of one kind of extracted object: readable columns, evidence, full ``data``."""
    return Table(
        name,
        metadata,
        Column("id", String(40), primary_key=True),
        Column("report_id", String(40), ForeignKey("reports.id", ondelete="CASCADE"), nullable=False),
        Column("seq", Integer, nullable=False),
        *columns,
        Column("start", Integer, nullable=False),
        Column("end", Integer, nullable=False),
        Column("text", Text, nullable=False),
        Column("extractor", String(60), nullable=False),
        Column("data", json_type, nullable=False),
        Index(f"ix_{name}_report", "report_id"),
    )


entities = _extracted(
    "entities",
    Column("name", Text, nullable=False),
    Column("type", String(30), nullable=False),
    Column("kind", String(30)),
    Column("key", Text, nullable=False),
    Column("global_id", String(40)),
    Column("mention_count", Integer, nullable=False),
)
timexes = _extracted(
    "timexes",
    Column("type", String(10), nullable=False),
    Column("value", String(60), nullable=False),
    Column("anchor", String(60)),
    Column("confidence", Float, nullable=False),
)
attributions = _extracted(
    "attributions",
    Column("source_kind", String(20), nullable=False),
    Column("source_name", Text, nullable=False),
    Column("cue", Text),
    Column("stance", String(20), nullable=False),
    Column("content", Text, nullable=False),
)
claims = _extracted(
    "claims",
    Column("modality", String(20), nullable=False),
    Column("voice", String(20), nullable=False),
    Column("checkworthiness", Float, nullable=False),
    Column("attribution_id", String(40)),
)
events = _extracted(
    "events",
    Column("type", String(30), nullable=False),
    Column("modality", String(20), nullable=False),
    Column("time", String(60)),
    Column("trigger", Text, nullable=False),
)
deadlines = _extracted(
    "deadlines",
    Column("issuer", Text),
    Column("target", Text),
    Column("demand", Text, nullable=False),
    Column("due", String(60)),
    Column("status", String(20), nullable=False),
)

global_entities = Table(
    "global_entities",
    metadata,
    Column("id", String(40), primary_key=True),
    Column("name", Text, nullable=False),
    Column("type", String(30), nullable=False),
    Column("key", Text, nullable=False),
    Column("data", json_type, nullable=False),
    Index("ix_global_entities_key", "key"),
    comment="one row per real-world entity across reports",
)

global_entity_keys = Table(
    "global_entity_keys",
    metadata,
    Column("key", Text, primary_key=True),
    Column("global_id", String(40), ForeignKey("global_entities.id", ondelete="CASCADE"), primary_key=True),
    Index("ix_global_entity_keys_global_id", "global_id"),  # migration 4: the keys of one entity without a scan
    comment="every normalised name or alias under which a global entity is found",
)

entity_links = Table(
    "entity_links",
    metadata,
    Column("entity_id", String(40), ForeignKey("entities.id", ondelete="CASCADE"), primary_key=True),
    Column("global_id", String(40), ForeignKey("global_entities.id"), nullable=False),
    Column("reason", Text, nullable=False),
    comment="why a report's entity is the global entity (explainable, reversible merges)",
)

cited_sources = Table(
    "cited_sources",
    metadata,
    Column("report_id", String(40), ForeignKey("reports.id", ondelete="CASCADE"), primary_key=True),
    Column("seq", Integer, primary_key=True),
    Column("name", Text, nullable=False),
    Column("kind", String(30), nullable=False),
    Column("domain", String(255)),
    Column("location", String(10), nullable=False),
    Column("start", Integer, nullable=False),
    Column("end", Integer, nullable=False),
)

failures = Table(
    "failures",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("input", Text, nullable=False),
    Column("reason", String(40), nullable=False),
    Column("detail", Text, nullable=False),
    Column("stage", String(20), nullable=False),
    Column("report_id", String(40)),
    Column("at", DateTime(timezone=True), nullable=False),
)

entity_decisions = Table(
    "entity_decisions",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("action", String(10), nullable=False),  # merge | split
    Column("global_id", String(40), nullable=False),
    Column("other_id", String(40), nullable=False),
    Column("keys", json_type, nullable=False),
    Column("note", Text, nullable=False),
    Column("at", DateTime(timezone=True), nullable=False),
    comment="the user's merges and splits of global entities, newest last (migration 2)",
)

#: Extracted-object tables by the :class:`~dossier.model.Analysis` field they hold.
EXTRACTED = {
    "entities": entities,
    "timexes": timexes,
    "attributions": attributions,
    "claims": claims,
    "events": events,
    "deadlines": deadlines,
}

TABLES_V1 = (
    schema_migrations,
    raw_inputs,
    outlets,
    reports,
    analyses,
    *EXTRACTED.values(),
    global_entities,
    global_entity_keys,
    entity_links,
    cited_sources,
    failures,
)

# -- linking (migration 2): stories, copies, and the lookup tables that make linking incremental --------
# Report ids here are not foreign keys: linking keeps its own small rows so that a store can
# be linked (or benchmarked) without touching report texts.

stories = Table(
    "stories",
    metadata,
    Column("id", String(40), primary_key=True),
    Column("title", Text, nullable=False),
    Column("report_count", Integer, nullable=False),
    Column("first_published", String(40)),
    Column("last_published", String(40)),
    Column("created_at", DateTime(timezone=True), nullable=False),
    Column("updated_at", DateTime(timezone=True), nullable=False),
    Index("ix_stories_last_published", "last_published"),
    comment="a cluster of reports about one developing story",
)

story_reports = Table(
    "story_reports",
    metadata,
    Column("report_id", String(40), primary_key=True),
    Column("story_id", String(40), nullable=False),
    Column("score", Float, nullable=False),
    Column("reason", Text, nullable=False),
    Column("assigned_by", String(10), nullable=False),  # linker | user
    Column("linked_at", DateTime(timezone=True), nullable=False),
    Index("ix_story_reports_story", "story_id"),
    comment="which story each report is in, and why (a user may move it)",
)

story_keys = Table(
    "story_keys",
    metadata,
    Column("key", Text, primary_key=True),
    Column("story_id", String(40), primary_key=True),
    Column("reports", Integer, nullable=False),
    comment="blocking index: how many of a story's reports hold each salient key",
)

link_keys = Table(
    "link_keys",
    metadata,
    Column("key", Text, primary_key=True),
    Column("reports", Integer, nullable=False),
    comment="document frequency of each salient key (entity e:, name n:, word stem w:)",
)

report_fingerprints = Table(
    "report_fingerprints",
    metadata,
    Column("report_id", String(40), primary_key=True),
    Column("text_hash", String(64), nullable=False),
    Column("minhash", Text, nullable=False),
    Column("simhash", String(16), nullable=False),
    Column("shingles", Integer, nullable=False),
    Column("cites", Integer, nullable=False),
    Column("published", String(40)),
    Column("outlet_domain", String(255)),
    Column("salient_keys", json_type, nullable=False),
    Index("ix_report_fingerprints_text_hash", "text_hash"),
    comment="what linking keeps of each report: MinHash, SimHash and salient keys",
)

report_bands = Table(
    "report_bands",
    metadata,
    Column("band", String(16), primary_key=True),
    Column("report_id", String(40), primary_key=True),
    comment="MinHash-LSH band keys: reports sharing a band are compared for copies",
)

copies = Table(
    "copies",
    metadata,
    Column("copy_id", String(40), primary_key=True),
    Column("original_id", String(40), primary_key=True),
    Column("kind", String(20), nullable=False),  # exact | near_duplicate | rewrite | citation
    Column("score", Float, nullable=False),
    Column("containment", Float, nullable=False),
    Column("reason", Text, nullable=False),
    Index("ix_copies_original", "original_id"),
    comment="a report that copies, rewrites or merely cites an earlier one",
)

link_stats = Table(
    "link_stats",
    metadata,
    Column("name", String(40), primary_key=True),
    Column("value", Integer, nullable=False),
    comment="counters kept by linking (reports linked)",
)

TABLES_LINKING = (stories, story_reports, story_keys, link_keys, report_fingerprints, report_bands, copies, link_stats)
