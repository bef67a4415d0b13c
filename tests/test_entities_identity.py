"""Entities across reports: one global id per real-world entity, explained, and reversible by the user."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import ROOT
from dossier.api import analyse_text
from dossier.core import Dossier
from dossier.errors import ConfigError
from dossier.link.identity import entity_keys, read_alias_file, resolve_entities
from dossier.model import Entity, Evidence, GlobalEntity, Mention, Role, Span
from dossier.store import Store

DELCY_1 = (
    "Venezuela’s opposition said on Tuesday that Delcy Rodriguez would not be accepted as the head of any "
    "interim government, and the officials in Caracas did not answer the questions that were sent to them."
)
DELCY_2 = (
    "Maduro asked for an interim government led by VP Delcy Rodríguez, but the proposal was rejected by the "
    "White House, according to several officials who were familiar with the talks between the two governments."
)
MADURO_2 = (
    "Venezuelan President Nicolas Maduro said on Wednesday that the country would defend its airspace and that "
    "the government had not received any message from the officials in Washington about the coming days."
)


def _entity(name: str, type_: str = "person", aliases: tuple[str, ...] = (), key: str = "", roles=()) -> Entity:  # type: ignore[no-untyped-def]
    from dossier.analyse.entities.names import name_key

    span = Span(0, len(name), name)
    return Entity(
        id=f"e-{name}", name=name, type=type_, mentions=(Mention(span, type_),),
        evidence=Evidence("r", 0, len(name), name, "test"), aliases=aliases, key=key or name_key(name), roles=roles,
    )


def test_keys_are_accent_blind_and_surnames_weak() -> None:
    strong, weak = entity_keys(_entity("Delcy Rodríguez", aliases=("Rodríguez",)))
    assert strong == ["delcy rodriguez"] and weak == ["surname:rodriguez"]


def test_resolution_is_explained_and_prefers_role_context() -> None:
    stored = [
        GlobalEntity("g1", "Nicolás Maduro", "person", "nicolas maduro", ("nicolas maduro", "surname:maduro"),
                     {"roles": ["President of Venezuela"]}),
        GlobalEntity("g2", "Nicolás Maduro", "person", "nicolas maduro", ("nicolas maduro",), {"roles": ["Student"]}),
    ]

    def lookup(keys):  # type: ignore[no-untyped-def]
        return [g for g in stored if set(keys) & set(g.keys)]

    president = _entity("Nicolas Maduro", roles=(Role("President", "Venezuela"),))
    [link] = resolve_entities([president], lookup)
    assert link.entity.id == "g1"
    assert "accents" in link.reason and "President of Venezuela" in link.reason and "2 candidates" in link.reason
    [by_surname] = resolve_entities([_entity("Maduro")], lookup)
    assert by_surname.entity.id == "g1" and "surname" in by_surname.reason
    [place] = resolve_entities([_entity("Nicolas Maduro", type_="place")], lookup)
    assert place.entity.id not in ("g1", "g2") and place.reason == "first report naming this entity"


def test_two_spellings_of_delcy_rodriguez_are_one_global_entity(store: Store, config) -> None:  # type: ignore[no-untyped-def]
    dossier = Dossier(store, config)
    ids = []
    for text in (DELCY_1, DELCY_2):
        analysis = analyse_text(text, config=config)
        dossier.save(analysis)
        [delcy] = [e for e in analysis.entities if e.key == "delcy rodriguez"]
        ids.append((analysis.report.id, delcy.id))
    found = store.global_entity_candidates(["delcy rodriguez"])
    assert len(found) == 1
    delcy = found[0]
    assert delcy.name == "Delcy Rodríguez"  # the accented spelling wins over the plain one
    links = store.entity_reports(delcy.id)
    assert sorted((r, e) for r, e, _ in links) == sorted(ids)
    reasons = [why for _, _, why in links]
    assert "first report naming this entity" in reasons
    assert any("accents" in why or "same normalised name" in why for why in reasons)


def test_merge_and_split_are_reversible_and_hold_for_later_reports(store: Store, config) -> None:  # type: ignore[no-untyped-def]
    dossier = Dossier(store, config)
    dossier.save(analyse_text(DELCY_2, config=config))
    dossier.save(analyse_text(MADURO_2, config=config))
    maduro = store.get_global_entity("Nicolas Maduro")
    delcy = store.get_global_entity("Delcy Rodríguez")
    merged = dossier.merge_entities(maduro.id, delcy.id, note="test")
    assert "delcy rodriguez" in merged.keys
    assert {r for r, _, _ in store.entity_reports(merged.id)} == set(store.report_ids())
    split = dossier.split_entity(merged.id, "Delcy Rodríguez")
    assert split.name == "Delcy Rodríguez" and split.id != merged.id
    assert "delcy rodriguez" not in store.get_global_entity(merged.id).keys
    assert all("split by the user" in why for _, _, why in store.entity_reports(split.id))
    assert [d["action"] for d in store.entity_decisions()] == ["merge", "split"]
    # a later report naming her resolves to the split-off entity, not back into Maduro
    later = analyse_text(DELCY_1, config=config)
    dossier.save(later)
    assert store.get_global_entity("Delcy Rodriguez").id == split.id


def test_alias_file_shape_is_checked(tmp_path: Path) -> None:
    good = tmp_path / "aliases.json"
    good.write_text(json.dumps({"merge": [["A B", "C D"]], "split": [["g1", "E F"]]}), "utf-8")
    assert read_alias_file(good).merge == (("A B", "C D"),)
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps({"merge": ["A B"]}), "utf-8")
    with pytest.raises(ConfigError, match="each merge entry"):
        read_alias_file(bad)


def _cli(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src"), "DOSSIER_DB": str(cwd / "cli.db")}
    return subprocess.run([sys.executable, "-m", "dossier", *args], capture_output=True, text=True, cwd=cwd, env=env, timeout=300, check=False)


def test_cli_entities_and_alias(tmp_path: Path) -> None:
    for i, text in enumerate((DELCY_1, DELCY_2, MADURO_2)):
        (tmp_path / f"r{i}.txt").write_text(text, "utf-8")
    assert _cli("ingest", str(tmp_path / "r0.txt"), str(tmp_path / "r1.txt"), str(tmp_path / "r2.txt"), cwd=tmp_path).returncode == 0
    listed = _cli("entities", "--search", "rodriguez", "--format", "json", cwd=tmp_path)
    assert listed.returncode == 0, listed.stderr
    [delcy] = [g for g in json.loads(listed.stdout) if g["type"] == "person"]
    assert delcy["report_entities"] == 2
    (tmp_path / "aliases.json").write_text(json.dumps({"merge": [["Nicolas Maduro", delcy["id"]]]}), "utf-8")
    applied = _cli("alias", "--file", str(tmp_path / "aliases.json"), cwd=tmp_path)
    assert applied.returncode == 0 and "merged" in applied.stdout, applied.stderr
    shown = _cli("entities", "Nicolas Maduro", "--format", "json", cwd=tmp_path)
    assert len(json.loads(shown.stdout)["links"]) == 3
    undone = _cli("alias", "Nicolas Maduro", "--split", "Delcy Rodriguez", cwd=tmp_path)
    assert undone.returncode == 0 and "undo:" in undone.stdout, undone.stderr
    wrong = _cli("alias", "only-one", cwd=tmp_path)
    assert wrong.returncode != 0 and "KEEP OTHER" in wrong.stderr


def test_organisations_by_corporate_suffix_and_first_word() -> None:
    stored: list[GlobalEntity] = []

    def lookup(keys):  # type: ignore[no-untyped-def]
        return [g for g in stored if set(keys) & set(g.keys)]

    def add(entity: Entity) -> str:
        [link] = resolve_entities([entity], lookup)
        stored[:] = [g for g in stored if g.id != link.entity.id] + [link.entity]
        return link.entity.id

    ford = add(_entity("Ford", type_="organisation"))
    assert add(_entity("Ford Motor Company", type_="organisation")) == ford
    gm = add(_entity("General Motors Corporation", type_="organisation"))
    assert add(_entity("General Motors", type_="government_body")) == gm  # one family, suffix dropped
    assert add(_entity("General Electric", type_="organisation")) != gm  # "General" is too generic a head
    [link] = resolve_entities([_entity("Ford Motors", type_="organisation")], lookup)
    assert link.entity.id == ford and "begin with 'ford'" in link.reason
