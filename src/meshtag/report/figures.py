"""Report figures: top concepts per label (bar chart), co-occurrence network (PNG and interactive HTML),
label-by-label heatmap. Built with matplotlib's object API on the Agg canvas (no display, no global state)."""
from __future__ import annotations

import io
import json
import math
from collections.abc import Sequence

import numpy as np
import pandas as pd

from meshtag.model import LABELS
from meshtag.safety import escape_html

LABEL_COLOURS = {"RECEPTOR": "#1f77b4", "DRUG": "#d62728", "CONDITION": "#2ca02c", "BRAIN_REGION": "#9467bd"}
OTHER_COLOUR = "#7f7f7f"


def _figure(width: float, height: float):
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    fig = Figure(figsize=(width, height), dpi=110)
    FigureCanvasAgg(fig)
    return fig


def _png(fig) -> bytes:
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png", bbox_inches="tight")
    return buffer.getvalue()


def _short(text: str, limit: int = 40) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _label_order(labels: Sequence[str]) -> list[str]:
    present = list(dict.fromkeys(labels))
    return [l for l in LABELS if l in present] + sorted(l for l in present if l not in LABELS)


def top_concepts_chart(entities: pd.DataFrame, per_label: int = 10) -> bytes:
    """Horizontal bars of the most mentioned concepts, one panel per label."""
    labels = _label_order([str(l) for l in entities["label"]]) or ["(none)"]
    sizes = [min(per_label, int((entities["label"] == l).sum())) for l in labels]
    heights = [0.3 * max(1, n) + 0.9 for n in sizes]
    fig = _figure(7.5, sum(heights))
    grid = fig.add_gridspec(len(labels), 1, height_ratios=heights)
    for i, label in enumerate(labels):
        ax = fig.add_subplot(grid[i, 0])
        rows = entities[entities["label"] == label].nlargest(per_label, "mentions")[::-1]
        names = [_short(n if isinstance(n, str) and n else str(c)) for n, c in zip(rows["name"], rows["concept_id"])]
        ax.barh(names, rows["mentions"].astype(float), color=LABEL_COLOURS.get(label, OTHER_COLOUR))
        ax.set_title(f"{label}: top {len(rows)} concepts by mentions", fontsize=10, loc="left")
        ax.tick_params(labelsize=8)
        ax.set_xlabel("mentions", fontsize=8)
    fig.tight_layout()
    return _png(fig)


def _packed_layout(graph) -> dict:
    """Kamada-Kawai layout per connected component, components packed in rows (largest first) so that
    small islands neither overlap nor squeeze the main cluster."""
    import networkx as nx

    components = sorted((sorted(c) for c in nx.connected_components(graph)), key=lambda c: (-len(c), c))
    boxes = [max(0.7, 0.5 * math.sqrt(len(c))) for c in components]
    row_width = max(max(boxes) * 2, math.sqrt(sum((2 * r) ** 2 for r in boxes)) * 1.2)
    pos, x, y, row_height = {}, 0.0, 0.0, 0.0
    for component, radius in zip(components, boxes):
        if x > 0 and x + 2 * radius > row_width:
            x, y, row_height = 0.0, y - row_height - 0.4, 0.0
        sub = graph.subgraph(component)
        local = nx.kamada_kawai_layout(sub) if len(component) > 2 else nx.circular_layout(sub)
        for node, (px, py) in local.items():
            pos[node] = (x + radius + px * radius * 0.9, y - radius + py * radius * 0.9)
        x += 2 * radius + 0.4
        row_height = max(row_height, 2 * radius)
    return pos


def network_layout(pairs: pd.DataFrame, max_edges: int = 60) -> tuple[list[dict], list[dict]]:
    """Nodes (id, name, label, n, x, y) and edges of the strongest `max_edges` pairs, laid out per component."""
    import networkx as nx

    top = pairs.head(max_edges)
    graph = nx.Graph()
    for row in top.itertuples(index=False):
        graph.add_node(row.a_id, name=row.a_name, label=row.a_label, n=int(row.n_a))
        graph.add_node(row.b_id, name=row.b_name, label=row.b_label, n=int(row.n_b))
        graph.add_edge(row.a_id, row.b_id, weight=float(row.score), n_ab=int(row.n_ab),
                       q=float(row.q_value), lift=float(row.lift))
    if not graph:
        return [], []
    pos = _packed_layout(graph)
    nodes = [{"id": n, "name": str(d["name"] or n), "label": str(d["label"]), "n": d["n"],
              "x": float(pos[n][0]), "y": float(pos[n][1])} for n, d in graph.nodes(data=True)]
    edges = [{"a": a, "b": b, **d} for a, b, d in graph.edges(data=True)]
    return nodes, edges


def network_png(nodes: list[dict], edges: list[dict]) -> bytes:
    """The co-occurrence network: node colour = label, node size ~ log units, edge width ~ score."""
    xs, ys = [n["x"] for n in nodes] or [0.0], [n["y"] for n in nodes] or [0.0]
    aspect = (max(ys) - min(ys) + 1.0) / (max(xs) - min(xs) + 1.0)
    fig = _figure(10, min(14.0, max(4.0, 10 * aspect)))
    ax = fig.add_subplot(1, 1, 1)
    ax.set_axis_off()
    ax.margins(0.08)
    where = {n["id"]: (n["x"], n["y"]) for n in nodes}
    top_score = max((e["weight"] for e in edges), default=1.0) or 1.0
    for e in edges:
        (x1, y1), (x2, y2) = where[e["a"]], where[e["b"]]
        ax.plot([x1, x2], [y1, y2], color="#999999", linewidth=0.5 + 3.5 * e["weight"] / top_score, zorder=1)
    for n in nodes:
        ax.scatter([n["x"]], [n["y"]], s=60 + 40 * math.log1p(n["n"]), zorder=2,
                   color=LABEL_COLOURS.get(n["label"], OTHER_COLOUR), edgecolors="white")
        ax.annotate(_short(n["name"], 28), (n["x"], n["y"]), fontsize=7, ha="center", va="bottom",
                    xytext=(0, 6), textcoords="offset points", zorder=3)
    handles = [ax.scatter([], [], color=c, label=l) for l, c in LABEL_COLOURS.items()
               if any(n["label"] == l for n in nodes)]
    if handles:
        ax.legend(handles=handles, loc="upper left", bbox_to_anchor=(1.0, 1.0), fontsize=8, frameon=False)
    ax.set_title("Co-occurrence network (edge width: co-mention score)", fontsize=10)
    return _png(fig)


def label_matrix(pairs: pd.DataFrame) -> tuple[list[str], np.ndarray]:
    """Labels (in LABELS order) and the symmetric matrix of summed n_ab per label pair."""
    labels = _label_order([str(l) for l in pd.concat([pairs["a_label"], pairs["b_label"]])]) or list(LABELS)
    index = {l: i for i, l in enumerate(labels)}
    matrix = np.zeros((len(labels), len(labels)))
    for a, b, n in zip(pairs["a_label"], pairs["b_label"], pairs["n_ab"]):
        i, j = index[str(a)], index[str(b)]
        matrix[i, j] += n
        if i != j:
            matrix[j, i] += n
    return labels, matrix


def label_heatmap(pairs: pd.DataFrame) -> bytes:
    """Label × label heatmap of summed co-occurrence counts (n_ab) over the reported pairs."""
    labels, matrix = label_matrix(pairs)
    fig = _figure(1.3 * len(labels) + 2.5, 1.1 * len(labels) + 1.5)
    ax = fig.add_subplot(1, 1, 1)
    image = ax.imshow(matrix, cmap="Blues")
    ax.set_xticks(range(len(labels)), labels, rotation=30, ha="right", fontsize=8)
    ax.set_yticks(range(len(labels)), labels, fontsize=8)
    for i in range(len(labels)):
        for j in range(len(labels)):
            ax.text(j, i, f"{matrix[i, j]:.0f}", ha="center", va="center", fontsize=8,
                    color="white" if matrix[i, j] > matrix.max() / 2 else "black")
    fig.colorbar(image, ax=ax, shrink=0.8, label="co-occurrences (n_ab)")
    ax.set_title("Co-occurrences by label pair", fontsize=10)
    return _png(fig)


def _script_json(value: object) -> str:
    """JSON safe to place inside a <script> element (no '<', '>' or '&' that could close it)."""
    return json.dumps(value, ensure_ascii=False).replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


_NETWORK_JS = r"""
(function(){
const data=JSON.parse(document.getElementById('graph-data').textContent);
const colours=JSON.parse(document.getElementById('graph-colours').textContent);
const svg=document.getElementById('net'), tip=document.getElementById('tip'), slider=document.getElementById('minscore');
const NS='http://www.w3.org/2000/svg', W=+svg.getAttribute('width'), H=+svg.getAttribute('height'), pad=60;
const xs=data.nodes.map(n=>n.x), ys=data.nodes.map(n=>n.y);
const sx=v=>pad+(v-Math.min(...xs))/((Math.max(...xs)-Math.min(...xs))||1)*(W-2*pad);
const sy=v=>pad+(Math.max(...ys)-v)/((Math.max(...ys)-Math.min(...ys))||1)*(H-2*pad);
const maxw=Math.max(...data.edges.map(e=>e.weight),1e-9);
const pos={}, names={}; data.nodes.forEach(n=>{pos[n.id]=[sx(n.x),sy(n.y)];names[n.id]=n.name;});
function el(tag,attrs){const e=document.createElementNS(NS,tag);for(const k in attrs)e.setAttribute(k,attrs[k]);return e;}
function show(evt,lines){tip.textContent='';lines.forEach(l=>{const d=document.createElement('div');d.textContent=l;tip.appendChild(d);});
  tip.style.display='block';tip.style.left=(evt.pageX+12)+'px';tip.style.top=(evt.pageY+12)+'px';}
function hide(){tip.style.display='none';}
const edgeEls=data.edges.map(e=>{const [x1,y1]=pos[e.a],[x2,y2]=pos[e.b];
  const line=el('line',{x1,y1,x2,y2,stroke:'#999','stroke-width':0.8+4*e.weight/maxw,'stroke-opacity':0.7});
  line.addEventListener('mousemove',ev=>show(ev,[names[e.a]+' — '+names[e.b],'n_ab '+e.n_ab+', lift '+e.lift.toFixed(2),
    'score '+e.weight.toFixed(3)+', q '+e.q.toExponential(2)]));
  line.addEventListener('mouseleave',hide);svg.appendChild(line);return line;});
let selected=null;
const nodeEls=data.nodes.map(n=>{const g=el('g',{});const [x,y]=pos[n.id];
  const c=el('circle',{cx:x,cy:y,r:5+2*Math.log1p(n.n),fill:colours[n.label]||'#7f7f7f',stroke:'#fff'});
  const t=el('text',{x:x,y:y-9,'text-anchor':'middle','font-size':11});t.textContent=n.name;
  g.appendChild(c);g.appendChild(t);
  g.addEventListener('mousemove',ev=>show(ev,[n.name,n.id+' · '+n.label,'units '+n.n]));
  g.addEventListener('mouseleave',hide);
  g.addEventListener('click',()=>{selected=(selected===n.id)?null:n.id;update();});
  svg.appendChild(g);return g;});
function update(){const min=parseFloat(slider.value)*maxw; const near=new Set();
  data.edges.forEach((e,i)=>{const on=e.weight>=min&&(!selected||e.a===selected||e.b===selected);
    edgeEls[i].style.display=on?'':'none'; if(on){near.add(e.a);near.add(e.b);}});
  data.nodes.forEach((n,i)=>{nodeEls[i].style.opacity=(!selected||near.has(n.id))?1:0.15;});
  document.getElementById('minval').textContent=min.toFixed(3);}
slider.addEventListener('input',update);update();
})();
"""


def network_html(nodes: list[dict], edges: list[dict], title: str) -> str:
    """A self-contained interactive page (inline SVG + JS, no network): hover for statistics, click a
    node to keep only its edges, slide to hide weak edges."""
    legend = " ".join(f"<span style=\"color:{c}\">●</span> {escape_html(l)}" for l, c in LABEL_COLOURS.items())
    xs, ys = [n["x"] for n in nodes] or [0.0], [n["y"] for n in nodes] or [0.0]
    height = int(min(1400, max(450, 900 * (max(ys) - min(ys) + 1.0) / (max(xs) - min(xs) + 1.0))))
    return (
        "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
        f"<title>{escape_html(title)}</title><style>body{{font-family:system-ui,sans-serif;margin:1em}}"
        "svg{border:1px solid #ddd;background:#fff}#tip{position:absolute;display:none;background:#fffbe6;"
        "border:1px solid #ccc;padding:4px 6px;font-size:12px;pointer-events:none}</style></head><body>\n"
        f"<h1>{escape_html(title)}</h1>\n<p>{legend} — hover for details; click a node to isolate it. "
        "Minimum score <input id=\"minscore\" type=\"range\" min=\"0\" max=\"1\" step=\"0.01\" value=\"0\"> "
        "<span id=\"minval\"></span></p>\n"
        f"<svg id=\"net\" width=\"900\" height=\"{height}\" viewBox=\"0 0 900 {height}\"></svg><div id=\"tip\"></div>\n"
        f"<script type=\"application/json\" id=\"graph-data\">{_script_json({'nodes': nodes, 'edges': edges})}</script>\n"
        f"<script type=\"application/json\" id=\"graph-colours\">{_script_json(LABEL_COLOURS)}</script>\n"
        f"<script>{_NETWORK_JS}</script>\n</body></html>\n"
    )
