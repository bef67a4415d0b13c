"""The actors network: entities as nodes, co-occurrence in a sentence or an event as edges.

Nodes are entities merged across reports by their normalised cross-report key
(:attr:`dossier.model.Entity.key`, the name folded when a report has none).  Two
actors are linked when mentions of both fall in one sentence, or when both take
part in one event; each edge keeps how often, in how many reports, which event
types, and the first few pieces of evidence (``report_id:start-end``) so that a
network analyst can go back to the text.

Sentences here are cut with a plain punctuation rule over the report's lines:
the export only needs a neighbourhood for co-occurrence, not a linguistic
analysis, and must not load a language model.
"""

from __future__ import annotations

import bisect
import re
import xml.etree.ElementTree as ET
from collections import Counter
from dataclasses import dataclass, field
from itertools import combinations
from pathlib import Path
from typing import Iterable

from dossier.export.files import ExportResult
from dossier.model import Analysis, Entity

__all__ = ["ActorNetwork", "Node", "Edge", "build_network", "sentence_bounds", "write_graphml"]

#: Evidence references kept per edge (the weight counts all of them).
EVIDENCE_PER_EDGE = 5

_SENTENCE_BREAK = re.compile(r"(?<=[.!?])[\"”’)\]]*\s+|\n+")
#: A period after these does not end a sentence ("U.S. officials", "Nov. 28", "Gen. Smith").
_ABBREVIATION = re.compile(
    r"(?:\b[A-Za-z]\.|\b(?:Mr|Mrs|Ms|Dr|Gen|Sen|Rep|Gov|Pres|St|Jr|Sr|Lt|Col|Capt|Sgt|Adm|Prof|Jan|Feb|Mar|Apr|"
    r"Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec|No|vs|etc|Inc|Corp|Co|Ltd|approx)\.)$"
)


def sentence_bounds(text: str) -> list[int]:
    """Start offsets of the sentences of ``text`` (always begins with 0)."""
    starts = [0]
    for match in _SENTENCE_BREAK.finditer(text):
        if match.end() >= len(text):
            continue
        if "\n" not in match.group() and _ABBREVIATION.search(text, max(0, match.start() - 12), match.start()):
            continue
        starts.append(match.end())
    return starts


@dataclass
class Node:
    """An actor: an entity merged across reports."""

    id: str
    label: str
    type: str
    kind: str | None = None
    mentions: int = 0
    reports: set[str] = field(default_factory=set)


@dataclass
class Edge:
    """Two actors found together, with how and where."""

    source: str
    target: str
    sentences: int = 0
    events: int = 0
    event_types: Counter[str] = field(default_factory=Counter)
    reports: set[str] = field(default_factory=set)
    evidence: list[str] = field(default_factory=list)

    @property
    def weight(self) -> int:
        """Co-occurrences of any kind."""
        return self.sentences + self.events


@dataclass
class ActorNetwork:
    """Nodes and undirected edges of the actors network."""

    nodes: dict[str, Node] = field(default_factory=dict)
    edges: dict[tuple[str, str], Edge] = field(default_factory=dict)

    def add_analysis(self, analysis: Analysis) -> None:
        """Add one report's actors and their co-occurrences."""
        rid = analysis.report.id
        node_of: dict[str, str] = {}
        for entity in analysis.entities:
            node = self._node(entity)
            node.mentions += len(entity.mentions)
            node.reports.add(rid)
            node_of[entity.id] = node.id
        starts = sentence_bounds(analysis.report.text)
        in_sentence: dict[int, set[str]] = {}
        for entity in analysis.entities:
            for mention in entity.mentions:
                sentence = bisect.bisect_right(starts, mention.span.start) - 1
                in_sentence.setdefault(sentence, set()).add(node_of[entity.id])
        for sentence, actors in sorted(in_sentence.items()):
            end = starts[sentence + 1] if sentence + 1 < len(starts) else len(analysis.report.text)
            for a, b in combinations(sorted(actors), 2):
                edge = self._edge(a, b)
                edge.sentences += 1
                edge.reports.add(rid)
                _keep(edge, f"{rid}:{starts[sentence]}-{end}")
        for event in analysis.events:
            actors = {node_of[p.entity_id] for p in event.participants if p.entity_id in node_of}
            for a, b in combinations(sorted(actors), 2):
                edge = self._edge(a, b)
                edge.events += 1
                edge.event_types[event.type] += 1
                edge.reports.add(rid)
                _keep(edge, f"{rid}:{event.evidence.start}-{event.evidence.end}")

    def _node(self, entity: Entity) -> Node:
        key = entity.key or " ".join(entity.name.casefold().split())
        node_id = f"{entity.type}:{key}"
        if node_id not in self.nodes:
            self.nodes[node_id] = Node(node_id, entity.name, entity.type, entity.kind)
        return self.nodes[node_id]

    def _edge(self, a: str, b: str) -> Edge:
        if (a, b) not in self.edges:
            self.edges[(a, b)] = Edge(a, b)
        return self.edges[(a, b)]


def _keep(edge: Edge, reference: str) -> None:
    if len(edge.evidence) < EVIDENCE_PER_EDGE and reference not in edge.evidence:
        edge.evidence.append(reference)


def build_network(analyses: Iterable[Analysis]) -> ActorNetwork:
    """The actors network of ``analyses``."""
    network = ActorNetwork()
    for analysis in analyses:
        network.add_analysis(analysis)
    return network


_NS = "http://graphml.graphdrawing.org/xmlns"
_NODE_KEYS = (("label", "string"), ("type", "string"), ("kind", "string"), ("mentions", "int"), ("reports", "int"))
_EDGE_KEYS = (
    ("weight", "int"), ("sentences", "int"), ("events", "int"), ("event_types", "string"),
    ("reports", "int"), ("evidence", "string"),
)  # fmt: skip


def write_graphml(analyses: Iterable[Analysis], path: Path) -> ExportResult:
    """Write the actors network as GraphML (opens in Gephi, Cytoscape, networkx, igraph)."""
    network = build_network(analyses)
    # plain tag names under a default xmlns attribute: no prefix registry (global state) needed
    root = ET.Element("graphml", {"xmlns": _NS})
    for domain, keys in (("node", _NODE_KEYS), ("edge", _EDGE_KEYS)):
        for name, kind in keys:
            ET.SubElement(
                root, "key", {"id": f"{domain[0]}_{name}", "for": domain, "attr.name": name, "attr.type": kind}
            )
    graph = ET.SubElement(root, "graph", {"id": "actors", "edgedefault": "undirected"})
    for node in network.nodes.values():
        element = ET.SubElement(graph, "node", {"id": node.id})
        _data(element, "n", {"label": node.label, "type": node.type, "kind": node.kind, "mentions": node.mentions,
                             "reports": len(node.reports)})  # fmt: skip
    for number, edge in enumerate(network.edges.values()):
        element = ET.SubElement(graph, "edge", {"id": f"e{number}", "source": edge.source, "target": edge.target})
        types = " ".join(f"{t}:{n}" for t, n in sorted(edge.event_types.items()))
        _data(element, "e", {"weight": edge.weight, "sentences": edge.sentences, "events": edge.events,
                             "event_types": types, "reports": len(edge.reports), "evidence": " ".join(edge.evidence)})  # fmt: skip
    ET.indent(root)
    path.parent.mkdir(parents=True, exist_ok=True)
    ET.ElementTree(root).write(path, encoding="utf-8", xml_declaration=True)
    return ExportResult("graphml", path, counts={"nodes": len(network.nodes), "edges": len(network.edges)})


def _data(element: ET.Element, prefix: str, values: dict[str, object]) -> None:
    for name, value in values.items():
        if value is None or value == "":
            continue
        ET.SubElement(element, "data", {"key": f"{prefix}_{name}"}).text = str(value)
